@testable import TallySQL
import Testing

/// The row kernel's reuse of the previous row's answer for an equal integer-like argument
/// (`RowKernel.apply`), and the loops of abs and greatest/least, against the function
/// applied row by row to scalars: runs of equal values, NULL rows holding the same stored
/// value as a valid neighbour, NULL constants, strict and non-strict functions.
@Suite struct RowKernelRepeatTests {
    static func column(_ n: Int, _ g: inout SeededGenerator) -> ColumnVector {
        var xs: [Int64] = []
        while xs.count < n { xs += repeatElement(Int64.random(in: -3...3, using: &g), count: Int.random(in: 1...4, using: &g)) }
        xs = Array(xs.prefix(n))
        let valid: [Bool]? = Bool.random(using: &g) ? (0..<n).map { _ in Int.random(in: 0..<3, using: &g) != 0 } : nil
        return ColumnVector(type: .bigint, storage: .int64(xs), validity: valid, count: n)
    }

    @Test func repeatedArgumentsGiveTheFunctionsAnswer() throws {
        var g = SeededGenerator(seed: 71)
        for round in 0..<400 {
            let n = Int.random(in: 1...80, using: &g)
            let x = Self.column(n, &g)
            let k: ScalarValue = Int.random(in: 0..<5, using: &g) == 0 ? .null : .int(Int128(Int.random(in: -2...2, using: &g)))
            let strict = Bool.random(using: &g)
            // A function that tells NULL from values, so a reused answer of the wrong row shows.
            let body: ([ScalarValue]) -> ScalarValue = { v in
                if case .int(let a) = v[0], case .int(let b) = v[1] { return .int(a * 10 + b) }
                return .string("\(v[0].isNull)-\(v[1].isNull)")
            }
            let type: LogicalType = .varchar
            let out = try RowKernel.apply([x, .constant(k, type: .bigint, count: n)], count: n, type: type, strict: strict) { v in
                let r = body(v)
                if case .int(let i) = r { return .string("\(i)") }
                return r
            }
            for i in 0..<n {
                let args = [x.value(i), k]
                var want: ScalarValue = strict && args.contains(where: \.isNull) ? .null : body(args)
                if case .int(let w) = want { want = .string("\(w)") }
                #expect(out.value(i) == want, "round \(round) row \(i)")
            }
        }
    }

    @Test func absAndExtremesEqualTheRowKernels() throws {
        var g = SeededGenerator(seed: 73)
        let range = SourceRange(offset: 0, length: 0, line: 1, column: 1)
        for round in 0..<300 {
            let n = Int.random(in: 1...60, using: &g)
            let a = Self.column(n, &g), b = Self.column(n, &g)
            let c: ColumnVector = Bool.random(using: &g) ? b : .constant(Int.random(in: 0..<3, using: &g) == 0 ? .null : .int(1), type: .bigint, count: n)
            for name in ["greatest", "least"] {
                let f = try #require(try FunctionCatalog.resolve(name, [FunctionArgument(type: .bigint, constant: nil), FunctionArgument(type: .bigint, constant: nil)], at: range))
                let out = try f.kernel([a, c], n)
                for i in 0..<n {
                    let values = [a.value(i), c.value(i)].filter { !$0.isNull }
                    let want: ScalarValue = values.isEmpty ? .null
                        : values.max { ScalarValue.compare($0, $1) < 0 }.map { name == "greatest" ? $0 : values.min { ScalarValue.compare($0, $1) < 0 }! }!
                    #expect(out.value(i) == want, "round \(round): \(name) row \(i)")
                }
            }
            let abs = try #require(try MathFunctions.resolve("abs", [FunctionArgument(type: .bigint, constant: nil)], at: range))
            let out = try abs.kernel([a], n)
            for i in 0..<n {
                let want: ScalarValue = { if case .int(let x) = a.value(i) { return .int(x < 0 ? -x : x) }; return .null }()
                #expect(out.value(i) == want, "round \(round): abs row \(i)")
            }
        }
    }
}
