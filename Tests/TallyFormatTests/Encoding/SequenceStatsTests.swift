import CTallyKernels
import Testing
import TallyTestSupport

/// The vector passes of `tally_sequence_stats` (AVX2 where the CPU has it) against plain
/// Swift references, on lengths around the vector widths and on values at the edges of
/// Int64 and Int32.
@Suite struct SequenceStatsTests {
    static func reference(_ v: [Int64]) -> (runs: Int, min: Int64, max: Int64) {
        var runs = 1
        for i in 1..<v.count where v[i] != v[i - 1] { runs += 1 }
        return (runs, v.min()!, v.max()!)
    }

    @Test func matchesReference() {
        var g = SeededGenerator(seed: 11)
        let pools: [[Int64]] = [[0, 1], [-3, 0, 7], [.min, .max, 0, -1], [5]]
        for n in Array(1...70) + [255, 1000, 4097] {
            for pool in pools {
                for repeatChance in [0, 50, 95] {
                    var v = [Int64]()
                    for _ in 0..<n {
                        if let last = v.last, Int.random(in: 0..<100, using: &g) < repeatChance { v.append(last); continue }
                        v.append(Bool.random(using: &g) ? pool.randomElement(using: &g)! : Int64.random(in: -1_000_000...1_000_000, using: &g))
                    }
                    let want = Self.reference(v)
                    var lo: Int64 = 0, hi: Int64 = 0
                    let runs = v.withUnsafeBufferPointer { tally_int64_range_and_runs($0.baseAddress!, n, &lo, &hi) }
                    #expect(runs == want.runs && lo == want.min && hi == want.max, "n \(n)")
                    let portable = v.withUnsafeBufferPointer { tally_int64_range_and_runs_portable($0.baseAddress!, n, &lo, &hi) }
                    #expect(portable == want.runs && lo == want.min && hi == want.max, "n \(n)")
                    lo = 0; hi = 0
                    v.withUnsafeBufferPointer { tally_int64_range($0.baseAddress!, n, &lo, &hi) }
                    #expect(lo == want.min && hi == want.max, "range, n \(n)")
                    lo = 0; hi = 0
                    v.withUnsafeBufferPointer { tally_int64_range_portable($0.baseAddress!, n, &lo, &hi) }
                    #expect(lo == want.min && hi == want.max, "portable range, n \(n)")
                }
            }
        }
    }

    /// Every run's end from every start, against a Swift scan: runs of 1 to 40 values
    /// (across the eight-value steps), values at the edges of Int32.
    @Test func runEndsMatchReference() {
        var g = SeededGenerator(seed: 12)
        let pool: [Int32] = [.min, .max, -1, 0, 1, 7]
        for n in Array(1...40) + [257, 2048] {
            for longest in [1, 3, 9, 40] {
                var v = [Int32]()
                while v.count < n {
                    let value = pool.randomElement(using: &g)!
                    v += [Int32](repeating: value, count: min(n - v.count, Int.random(in: 1...longest, using: &g)))
                }
                for start in 0..<n {
                    var want = start + 1
                    while want < n && v[want] == v[start] { want += 1 }
                    let got = v.withUnsafeBufferPointer { tally_int32_run_end($0.baseAddress!, start, n) }
                    let portable = v.withUnsafeBufferPointer { tally_int32_run_end_portable($0.baseAddress!, start, n) }
                    #expect(got == want && portable == want, "n \(n), start \(start)")
                }
            }
        }
    }

    /// Range and changes of Int32 group numbers (negative: rows of no group), against a
    /// Swift scan, on lengths around the eight-value steps.
    @Test func int32RangeAndChangesMatchReference() {
        var g = SeededGenerator(seed: 13)
        let pool: [Int32] = [.min, .max, -1, 0, 1, 5, 1023]
        for n in Array(1...70) + [257, 2048, 65_536] {
            for repeatChance in [0, 60, 97] {
                var v = [Int32]()
                for _ in 0..<n {
                    if let last = v.last, Int.random(in: 0..<100, using: &g) < repeatChance { v.append(last); continue }
                    v.append(Bool.random(using: &g) ? pool.randomElement(using: &g)! : Int32.random(in: -3...3000, using: &g))
                }
                var changes = 0
                for i in 1..<max(n, 1) where v[i] != v[i - 1] { changes += 1 }
                var lo: Int32 = 0, hi: Int32 = 0
                let got = v.withUnsafeBufferPointer { tally_int32_range_and_changes($0.baseAddress!, n, &lo, &hi) }
                #expect(got == changes && lo == v.min()! && hi == v.max()!, "n \(n)")
                lo = 0; hi = 0
                let portable = v.withUnsafeBufferPointer { tally_int32_range_and_changes_portable($0.baseAddress!, n, &lo, &hi) }
                #expect(portable == changes && lo == v.min()! && hi == v.max()!, "portable, n \(n)")
            }
        }
    }
}
