import Testing
@testable import TallyFormat
import TallySystem
import TallyStore
import TallyTestSupport

/// The bucketed sort (counting sort by (day, run), checked, radix sort when the check
/// fails) against the plain radix sort, on keys shaped like a part's sort keys.
@Suite struct RadixSortTests {
    /// Keys of `n` rows over `runs` runs and `days` days; `shuffled` of the rows within
    /// a run arrive out of time order.
    static func keys(n: Int, runs: Int, days: Int, shuffled: Double, seed: UInt64) -> (keys: [UInt64], buckets: [UInt32], count: Int) {
        var g = SeededGenerator(seed: seed)
        var clock = [UInt64](repeating: 0, count: runs + 1)
        var keys = [UInt64](), buckets = [UInt32]()
        for _ in 0..<n {
            let run = Int.random(in: 0...runs, using: &g)
            let day = UInt64.random(in: 0..<UInt64(days), using: &g)
            clock[run] += UInt64.random(in: 0...3, using: &g)
            var ms = clock[run]
            if Double.random(in: 0..<1, using: &g) < shuffled { ms = UInt64.random(in: 0..<(1 << 26), using: &g) }
            keys.append(day << 59 | UInt64(run) << 27 | ms)
            buckets.append(UInt32(Int(day) * (runs + 1) + run))
        }
        return (keys, buckets, 32 * (runs + 1))
    }

    @Test(arguments: [(0.0, 1 as UInt64), (0.0, 2), (0.001, 3), (0.5, 4)])
    func bucketedMatchesRadix(shuffled: Double, seed: UInt64) {
        for (n, runs, days) in [(1, 1, 1), (2, 1, 2), (500, 3, 1), (5000, 40, 31), (5000, 4000, 5)] {
            let (keys, buckets, count) = Self.keys(n: n, runs: runs, days: days, shuffled: shuffled, seed: seed)
            let want = RadixSort.permutation(sorting: keys)
            #expect(RadixSort.permutation(sorting: keys, buckets: buckets, bucketCount: count) == want)
            // And the radix sort against the standard library's stable sort.
            #expect(want == (0..<UInt32(n)).sorted { (keys[Int($0)], $0) < (keys[Int($1)], $1) })
        }
    }
}
