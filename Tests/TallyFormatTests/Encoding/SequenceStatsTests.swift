import CTallyKernels
import Testing
import TallyTestSupport

/// The vector range-and-runs pass (AVX2 where the CPU has it) against a plain Swift
/// reference, on lengths around the vector width and on values at the edges of Int64.
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
                }
            }
        }
    }
}
