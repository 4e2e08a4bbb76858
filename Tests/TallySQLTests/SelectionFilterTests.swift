@testable import TallySQL
import Testing

/// The filter's row picks against the truth of the condition evaluated as an expression:
/// a lower and an upper bound on one column picked in one pass (`SelectionFilter.range`)
/// must keep exactly the rows where both comparisons are TRUE, on integers at the ends of
/// their range, doubles with NaN, and NULLs, with and without an earlier selection.
@Suite struct SelectionFilterTests {
    static func comparison(_ op: Comparison.Operator, column: Int, _ type: LogicalType, _ k: ScalarValue, constantFirst: Bool) -> BoundExpression {
        let f = BoundFunction(name: op.rawValue, returnType: .boolean, canFail: false, kernel: Comparison.kernel(constantFirst ? op.flipped : op, type: type),
                              filterForm: .compare(constantFirst ? op.flipped : op))
        let c = BoundExpression.column(column, type, name: "x"), v = BoundExpression.constant(k, type)
        return .call(f, constantFirst ? [v, c] : [c, v])
    }

    static let operators: [Comparison.Operator] = [.greater, .greaterOrEqual, .less, .lessOrEqual, .equal, .notEqual]

    @Test func aRangeIsPickedAsBothComparisonsWouldBe() throws {
        var g = SeededGenerator(seed: 17)
        let edges: [Int64] = [Int64.min, Int64.min + 1, -3, -1, 0, 1, 2, 5, 9, Int64.max - 1, Int64.max]
        var ranged = 0
        for round in 0..<400 {
            let n = Int.random(in: 1...140, using: &g)
            let isDouble = round % 2 == 1
            let type: LogicalType = isDouble ? .double : .bigint
            let valid = (0..<n).map { _ in Int.random(in: 0..<8, using: &g) != 0 }
            let ints = (0..<n).map { _ in Bool.random(using: &g) ? edges.randomElement(using: &g)! : Int64.random(in: -6...12, using: &g) }
            let doubles = (0..<n).map { _ in Int.random(in: 0..<10, using: &g) == 0 ? Double.nan : Double(Int.random(in: -6...12, using: &g)) / 2 }
            let column = ColumnVector(type: type, storage: isDouble ? .double(doubles) : .int64(ints), validity: valid.contains(false) ? valid : nil, count: n)
            let chunk = DataChunk(columns: [column], count: n)
            func constant() -> ScalarValue {
                isDouble ? .double(Double(Int.random(in: -8...14, using: &g)) / 2) : .int(Int128(Bool.random(using: &g) ? edges.randomElement(using: &g)! : Int64.random(in: -8...14, using: &g)))
            }
            let a = Self.comparison(Self.operators.randomElement(using: &g)!, column: 0, type, constant(), constantFirst: Bool.random(using: &g))
            let b = Self.comparison(Self.operators.randomElement(using: &g)!, column: 0, type, constant(), constantFirst: Bool.random(using: &g))
            let within: [Int32]? = Bool.random(using: &g) ? nil : (0..<Int32(n)).filter { _ in Bool.random(using: &g) }
            // What the expressions say, row by row.
            let ta = Logic.truth(try ExpressionEvaluator.evaluate(a, chunk)), tb = Logic.truth(try ExpressionEvaluator.evaluate(b, chunk))
            let expected = (within ?? (0..<Int32(n)).map { $0 }).filter { ta[Int($0)] == 1 && tb[Int($0)] == 1 }
            if let picked = SelectionFilter.range(a, b, chunk, within: within) {
                ranged += 1
                #expect(picked == expected, "round \(round)")
            }
            // And the whole conjunction, whichever way the filter takes it.
            let all = try SelectionFilter.refine(.conjunction(isAnd: true, [a, b]), chunk, within: within) ?? (0..<Int32(n)).map { $0 }
            #expect(all == expected, "round \(round)")
        }
        #expect(ranged > 80, "pairs of a lower and an upper bound were met")
    }
}
