import Testing
import TallyTestSupport
@testable import TallySQL

/// The grouped aggregate loops (`GroupedKernels`: runs, four lanes, scatter) against a plain
/// per-row reference: random chunks whose groups come in runs of 1 to 64 rows, over 1 to
/// 3,000 groups (either side of the lanes' limit), with rows outside every group (FILTER)
/// and NULL arguments, and with the shape found on the chunk or given as the hash
/// aggregate gives it (that of the rows before a FILTER).
@Suite struct GroupedKernelsTests {
    struct Chunk {
        var groups: [Int32]
        var unfiltered: [Int32]
        var present: [Bool]?
        var ints: [Int64]
        var doubles: [Double]
        var groupCount: Int
    }

    static func chunk(_ g: inout SeededGenerator) -> Chunk {
        let n = Int.random(in: 0...3_000, using: &g)
        let groupCount = [1, 7, 1_000, 1_100, 3_000].randomElement(using: &g)!
        let runLength = [1, 2, 5, 64].randomElement(using: &g)!
        var unfiltered: [Int32] = []
        while unfiltered.count < n {
            let group = Int32.random(in: 0..<Int32(groupCount), using: &g)
            unfiltered += repeatElement(group, count: min(n - unfiltered.count, Int.random(in: 1...runLength, using: &g)))
        }
        let filtered = Bool.random(using: &g)
        let groups = filtered ? unfiltered.map { Int.random(in: 0..<3, using: &g) == 0 ? -1 : $0 } : unfiltered
        let present: [Bool]? = Bool.random(using: &g) ? (0..<n).map { _ in Int.random(in: 0..<4, using: &g) > 0 } : nil
        // Any Int64 (sums in Int128), or values whose chunk sums fit Int64 (the Int64 loops,
        // `fitsInt64`), up to the largest that do.
        let bound = [Int64.max, 1_000_000_000_000, Int64.max / Int64(max(n, 1))].randomElement(using: &g)!
        let ints = (0..<n).map { _ in Int64.random(in: -bound...bound, using: &g) }
        // Small integers as doubles: their sums are exact in any order.
        let doubles = (0..<n).map { _ in Double(Int.random(in: -1_000...1_000, using: &g)) }
        return Chunk(groups: groups, unfiltered: unfiltered, present: present, ints: ints, doubles: doubles, groupCount: groupCount)
    }

    /// The shape as the kernels are called with it: found on the rows, or on the rows before
    /// the FILTER with `hasSkips` set.
    static func shape(_ c: Chunk, fromUnfiltered: Bool) -> GroupRunShape {
        guard fromUnfiltered else { return GroupRunShape(c.groups, c.groups.count) }
        var s = GroupRunShape(c.unfiltered, c.unfiltered.count)
        s.hasSkips = s.hasSkips || c.groups.contains { $0 < 0 }
        return s
    }

    @Test func kernelsAddWhatAPlainLoopAdds() {
        var g = SeededGenerator(seed: 14)
        for _ in 0..<400 {
            let c = Self.chunk(&g)
            let n = c.groups.count
            var counts = [Int64](repeating: 0, count: c.groupCount)
            var sums = [Int128](repeating: 0, count: c.groupCount)
            var doubleSums = [Double](repeating: 0, count: c.groupCount)
            for i in 0..<n where c.groups[i] >= 0 && (c.present?[i] ?? true) {
                let k = Int(c.groups[i])
                counts[k] += 1
                sums[k] += Int128(c.ints[i])
                doubleSums[k] += c.doubles[i]
            }
            for fromUnfiltered in [false, true] {
                let shape = Self.shape(c, fromUnfiltered: fromUnfiltered)
                var gotCounts = [Int64](repeating: 0, count: c.groupCount)
                var gotSums = [Int128](repeating: 0, count: c.groupCount)
                var sumCounts = [Int64](repeating: 0, count: c.groupCount)
                var gotDoubles = [Double](repeating: 0, count: c.groupCount)
                var doubleCounts = [Int64](repeating: 0, count: c.groupCount)
                c.groups.withUnsafeBufferPointer { gs in
                    let run = { (p: UnsafeBufferPointer<Bool>?) in
                        gotCounts.withUnsafeMutableBufferPointer { GroupedKernels.count(gs, present: p, into: $0.baseAddress!, n, shape) }
                        c.ints.withUnsafeBufferPointer { x in
                            gotSums.withUnsafeMutableBufferPointer { s in
                                sumCounts.withUnsafeMutableBufferPointer { k in
                                    GroupedKernels.sumInt64(gs, x, present: p, sums: s.baseAddress!, counts: k.baseAddress!, n, shape)
                                }
                            }
                        }
                        c.doubles.withUnsafeBufferPointer { x in
                            gotDoubles.withUnsafeMutableBufferPointer { s in
                                doubleCounts.withUnsafeMutableBufferPointer { k in
                                    GroupedKernels.sumDouble(gs, x, present: p, sums: s.baseAddress!, counts: k.baseAddress!, n, shape)
                                }
                            }
                        }
                    }
                    if let present = c.present { present.withUnsafeBufferPointer { run($0) } } else { run(nil) }
                }
                #expect(gotCounts == counts, "count, \(n) rows, \(c.groupCount) groups, shape \(shape)")
                #expect(gotSums == sums, "sum of Int64, \(n) rows, \(c.groupCount) groups, shape \(shape)")
                #expect(sumCounts == counts)
                #expect(gotDoubles == doubleSums, "sum of doubles, \(n) rows, \(c.groupCount) groups, shape \(shape)")
                #expect(doubleCounts == counts)
            }
        }
    }

    @Test func theShapeSeesRunsSkipsAndTheLargestGroup() {
        let long = [Int32](repeating: 3, count: 100) + [Int32](repeating: 5, count: 100)
        let s = GroupRunShape(long, long.count)
        #expect(s.longRuns && !s.hasSkips && s.laneGroups == 7)
        let alternating = (0..<200).map { Int32($0 % 2) }
        #expect(!GroupRunShape(alternating, 200).longRuns)
        let wide = [Int32(-1), 5_000]
        let w = GroupRunShape(wide, 2)
        #expect(w.hasSkips && w.laneGroups == nil)
    }
}
