@testable import TallySQL
import Testing

/// Conditions read without branches (`Logic.truth`, `Logic.selection`, `RowTruth`, the one-branch CASE of
/// `ExpressionEvaluator.pickCase`) against the plain reading of each row's value: TRUE
/// picks a row, FALSE and NULL do not, on BOOLEAN vectors in every form a condition takes
/// (plain, with NULLs, coded in a dictionary whose entries may be NULL, one constant).
@Suite struct RowTruthTests {
    /// A random BOOLEAN vector of `n` rows in a random form.
    static func condition(_ n: Int, _ g: inout SeededGenerator) -> ColumnVector {
        func truth(_ g: inout SeededGenerator) -> ScalarValue {
            switch Int.random(in: 0..<5, using: &g) {
            case 0: return .null
            case 1, 2: return .bool(true)
            default: return .bool(false)
            }
        }
        switch Int.random(in: 0..<4, using: &g) {
        case 0:
            return ColumnVector(type: .boolean, storage: .bool((0..<n).map { _ in Bool.random(using: &g) }), count: n)
        case 1:
            let values = (0..<n).map { _ in truth(&g) }
            return ColumnVector.build(type: .boolean, count: n) { values[$0] }
        case 2:
            let entries = Int.random(in: 1...(Bool.random(using: &g) ? 5 : 90), using: &g)
            let dictionary = (0..<entries).map { _ in truth(&g) }
            let codes = (0..<n).map { _ in Int64.random(in: 0..<Int64(entries), using: &g) }
            return ColumnVector(type: .boolean, storage: .dictionary(codes: codes, dictionary: ColumnVector.build(type: .boolean, count: entries) { dictionary[$0] },
                                                                      dictionaryID: DictionaryIDs.fresh()), count: n)
        default:
            return .constant(truth(&g), type: .boolean, count: n)
        }
    }

    static func isTrue(_ v: ColumnVector, _ i: Int) -> Bool { v.value(i) == .bool(true) }

    /// `Logic.truth`, which NOT, AND and OR read: 1 TRUE, 0 FALSE, 2 NULL for every row.
    @Test func truthBytesAreEachRowsValue() {
        var g = SeededGenerator(seed: 32)
        for round in 0..<500 {
            let n = Int.random(in: 1...300, using: &g)
            let v = RowTruthTests.condition(n, &g)
            let want: [UInt8] = (0..<n).map { i in
                switch v.value(i) {
                case .bool(true): return 1
                case .bool(false): return 0
                default: return 2
                }
            }
            #expect(Logic.truth(v) == want, "round \(round)")
        }
    }

    @Test func selectionAndMasksKeepExactlyTheTrueRows() {
        var g = SeededGenerator(seed: 31)
        for round in 0..<500 {
            let n = Int.random(in: 1...300, using: &g)
            let v = Self.condition(n, &g)
            let expected = (0..<n).filter { Self.isTrue(v, $0) }.map { Int32($0) }
            #expect(Logic.selection(v) == (expected.count == n ? nil : expected), "round \(round)")
            let groups = (0..<n).map { _ in Int32.random(in: -1...40, using: &g) }
            let masked = RowTruth(v).masking(groups)
            #expect(masked == (0..<n).map { Self.isTrue(v, $0) ? groups[$0] : -1 }, "round \(round)")
        }
    }

    @Test func aOneBranchCaseTakesThenOnTrueRowsOnly() throws {
        var g = SeededGenerator(seed: 32)
        var picked = 0
        for round in 0..<400 {
            let n = Int.random(in: 1...200, using: &g)
            let isDouble = Bool.random(using: &g)
            let type: LogicalType = isDouble ? .double : .bigint
            func operand(_ g: inout SeededGenerator) -> ColumnVector {
                let withNulls = Int.random(in: 0..<4, using: &g) == 0
                if Int.random(in: 0..<3, using: &g) == 0 {
                    let k: ScalarValue = withNulls ? .null : (isDouble ? .double(Double(Int.random(in: -9...9, using: &g)) / 4) : .int(Int128(Int64.random(in: -9...9, using: &g))))
                    return .constant(k, type: type, count: n)
                }
                let values: [ScalarValue] = (0..<n).map { _ in
                    if withNulls, Bool.random(using: &g) { return .null }
                    return isDouble ? .double(Double(Int.random(in: -1000...1000, using: &g)) / 8) : .int(Int128(Int64.random(in: Int64.min...Int64.max, using: &g)))
                }
                return ColumnVector.build(type: type, count: n) { values[$0] }
            }
            let cond = Self.condition(n, &g), a = operand(&g), b = operand(&g)
            let chunk = DataChunk(columns: [cond, a, b], count: n)
            let expression = BoundExpression.caseWhen([(.column(0, .boolean, name: "c"), .column(1, type, name: "a"))], .column(2, type, name: "b"), type)
            if (try ExpressionEvaluator.pickCase((.column(0, .boolean, name: "c"), .column(1, type, name: "a")), .column(2, type, name: "b"), type, chunk)) != nil {
                picked += 1
            }
            let out = try ExpressionEvaluator.evaluate(expression, chunk)
            for i in 0..<n {
                #expect(out.value(i) == (Self.isTrue(cond, i) ? a.value(i) : b.value(i)), "round \(round) row \(i)")
            }
        }
        #expect(picked > 100, "the select path was taken")
    }
}
