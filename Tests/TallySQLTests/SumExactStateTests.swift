import Testing
import TallyTestSupport
@testable import TallySQL

/// `SumExactState` keeps Int64 sums while its bound allows and widens to Int128 past it:
/// random chunks (grouped and without GROUP BY, with NULLs and FILTER skips) fed to two
/// workers' states and merged, against per-group Int128 sums; values small enough that
/// the state stays narrow, large enough that it widens in the middle, and a mix where one
/// worker widens and the other does not.
@Suite struct SumExactStateTests {
    @Test func sumsEqualInt128ReferenceAcrossTheWidening() throws {
        var g = SeededGenerator(seed: 31)
        var widened = 0, stayedNarrow = 0
        for round in 0..<200 {
            let groupCount = [1, 3, 2_000].randomElement(using: &g)!
            let grouped = groupCount > 1 || Bool.random(using: &g)
            let workers = [SumExactState(type: .bigint, average: false), SumExactState(type: .bigint, average: false)]
            var sums = [Int128](repeating: 0, count: groupCount), counts = [Int64](repeating: 0, count: groupCount)
            for chunkIndex in 0..<8 {
                let w = workers[chunkIndex % 2]
                let n = Int.random(in: 0...500, using: &g)
                // Small values keep the Int64 sums; a later huge chunk on one worker widens it.
                let huge = round % 3 == 0 && chunkIndex >= 4 && chunkIndex % 2 == 0
                // Huge chunks: any Int64, or positive values whose sum passes Int64.max within
                // a few hundred rows while the bound's product still fits a UInt64.
                let positive = huge && Bool.random(using: &g)
                let magnitude: Int64 = huge ? (positive ? .max / 256 : .max) : 1_000_000_000_000
                let x = (0..<n).map { _ in Int64.random(in: (positive ? magnitude / 2 : -magnitude)...magnitude, using: &g) }
                let valid: [Bool]? = Bool.random(using: &g) ? (0..<n).map { _ in Int.random(in: 0..<5, using: &g) > 0 } : nil
                let v = ColumnVector(type: .bigint, storage: .int64(x), validity: valid, count: n)
                var groups = (0..<n).map { _ in Int32.random(in: 0..<Int32(groupCount), using: &g) }
                if grouped, Bool.random(using: &g) { groups = groups.map { Int.random(in: 0..<3, using: &g) == 0 ? -1 : $0 } }
                w.resize(groupCount)
                if grouped {
                    try w.update(groups, [v], n)
                } else {
                    groups = [Int32](repeating: 0, count: n)
                    try w.updateSingle([v], n)
                }
                for i in 0..<n where groups[i] >= 0 && (valid?[i] ?? true) {
                    sums[Int(groups[i])] += Int128(x[i])
                    counts[Int(groups[i])] += 1
                }
            }
            if workers.contains(where: { !$0.isNarrow }) { widened += 1 } else { stayedNarrow += 1 }
            workers[0].resize(groupCount)
            workers[0].merge(workers[1], (0..<Int32(groupCount)).map { $0 })
            let out = try workers[0].finalize(groupCount)
            for k in 0..<groupCount {
                let want: ScalarValue = counts[k] == 0 ? .null : .int(sums[k])
                #expect(out.value(k) == want, "round \(round), group \(k)")
            }
        }
        #expect(widened > 20 && stayedNarrow > 20, "both ways were taken: \(widened) widened, \(stayedNarrow) narrow")
    }
}
