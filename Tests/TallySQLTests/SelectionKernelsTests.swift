import CTallyKernels
import Testing
import TallyTestSupport
@testable import TallySQL

/// The selection kernels of `tally_select.h` (AVX-512 where the CPU has it) against Swift
/// references: every integer test as a span, every pair of double tests in DuckDB's order
/// (NaN above every number, -0.0 equal to 0.0), bytes of truth vectors; lengths around the
/// sixteen-row step, with and without an earlier selection.
@Suite struct SelectionKernelsTests {
    static let lengths = Array(0...40) + [63, 64, 65, 127, 1000, 4099]

    @Test func integersMatchTheReference() {
        var g = SeededGenerator(seed: 21)
        let edges: [Int64] = [.min, .min + 1, -2, -1, 0, 1, 2, .max - 1, .max]
        for n in Self.lengths {
            for _ in 0..<6 {
                let x = (0..<n).map { _ in Bool.random(using: &g) ? edges.randomElement(using: &g)! : Int64.random(in: -5...5, using: &g) }
                let ends = [edges.randomElement(using: &g)!, Int64.random(in: -5...5, using: &g)].sorted()
                let (low, high) = Bool.random(using: &g) ? (ends[0], ends[1]) : (ends[0], ends[0])
                let negate = Bool.random(using: &g)
                let within = (0..<Int32(n)).filter { _ in Int.random(in: 0..<3, using: &g) != 0 }
                let holds = { (i: Int32) in (low...high).contains(x[Int(i)]) != negate }
                let all = x.withUnsafeBufferPointer { SelectionKernels.int64($0, low: low, high: high, negate: negate, nil, n) }
                #expect(all == (0..<Int32(n)).filter(holds), "n \(n), \(low)...\(high), negate \(negate)")
                let some = x.withUnsafeBufferPointer { SelectionKernels.int64($0, low: low, high: high, negate: negate, within, n) }
                #expect(some == within.filter(holds), "within, n \(n)")
                var portable = [Int32](repeating: -1, count: n + Int(TALLY_SELECT_SLACK))
                let kept = x.withUnsafeBufferPointer { p in
                    portable.withUnsafeMutableBufferPointer { o in
                        tally_select_int64_portable(p.baseAddress!, n, low, UInt64(bitPattern: high &- low), negate ? 1 : 0, o.baseAddress!)
                    }
                }
                #expect(Array(portable.prefix(kept)) == all, "portable, n \(n)")
            }
        }
    }

    /// `x op k` as `Comparison` orders doubles (NaN above every number, equal to itself).
    static func reference(_ x: Double, _ op: Comparison.Operator, _ k: Double) -> Bool {
        let c = x.isNaN ? 1 : (x < k ? -1 : (x == k ? 0 : 1))
        return op.holds(c)
    }

    @Test func doublesMatchTheReference() {
        var g = SeededGenerator(seed: 22)
        let pool: [Double] = [.nan, -.nan, .infinity, -.infinity, -0.0, 0.0, 1.5, -1.5, 2, .greatestFiniteMagnitude]
        let ops: [Comparison.Operator] = [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual]
        for n in Self.lengths {
            for _ in 0..<6 {
                let x = (0..<n).map { _ in pool.randomElement(using: &g)! }
                let a = (ops.randomElement(using: &g)!, pool.dropFirst(2).randomElement(using: &g)!)
                let b: (Comparison.Operator, Double)? = Bool.random(using: &g) ? nil : (ops.randomElement(using: &g)!, pool.dropFirst(2).randomElement(using: &g)!)
                let within = (0..<Int32(n)).filter { _ in Bool.random(using: &g) }
                let holds = { (i: Int32) in
                    Self.reference(x[Int(i)], a.0, a.1) && (b.map { Self.reference(x[Int(i)], $0.0, $0.1) } ?? true)
                }
                let all = x.withUnsafeBufferPointer { SelectionKernels.double($0, a, b, nil, n) }
                #expect(all == (0..<Int32(n)).filter(holds), "n \(n), \(a) \(String(describing: b))")
                let some = x.withUnsafeBufferPointer { SelectionKernels.double($0, a, b, within, n) }
                #expect(some == within.filter(holds), "within, n \(n)")
            }
        }
    }

    @Test func bytesMatchTheReference() {
        var g = SeededGenerator(seed: 23)
        for n in Self.lengths + [191, 192, 193] {
            let t = (0..<n).map { _ in UInt8.random(in: 0...2, using: &g) }
            for oneOnly in [false, true] {
                let picked = t.withUnsafeBufferPointer { SelectionKernels.bytes($0, oneOnly: oneOnly, n) }
                #expect(picked == (0..<Int32(n)).filter { oneOnly ? t[Int($0)] == 1 : t[Int($0)] != 0 }, "n \(n)")
            }
        }
    }
}
