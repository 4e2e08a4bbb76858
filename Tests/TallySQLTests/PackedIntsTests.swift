@testable import TallySQL
import Testing

/// Narrow resident vectors (`PackedInts`) give back exactly the values they were made of,
/// for every row and for any stretches of rows, and pack only spans that fit two bytes.
@Suite struct PackedIntsTests {
    @Test func widenedValuesAreTheOriginals() {
        var g = SeededGenerator(seed: 81)
        var packedCount = 0
        for round in 0..<400 {
            let n = Int.random(in: 1...3_000, using: &g)
            let base = [Int64.min, -1_000, 0, 1_700_000_000_000_000, Int64.max - 70_000][round % 5]
            let scale: Int64 = [1, 1000, 1_000_000, 7][round % 4]
            let span = [3, 255, 256, 65_535, 65_536, 1 << 40][round % 6]
            let values: [Int64] = (0..<n).map { _ in
                let offset = Int64.random(in: 0...Int64(span), using: &g)
                let (scaled, o1) = offset.multipliedReportingOverflow(by: scale)
                let (v, o2) = base.addingReportingOverflow(o1 ? 0 : scaled)
                return o2 ? base : v
            }
            guard let packed = PackedInts(values) else {
                // Refused only when the span, in its best scale, passes two bytes.
                let lo = values.min()!, hi = values.max()!
                let (s, o) = hi.subtractingReportingOverflow(lo)
                #expect(o || s > 65_535, "round \(round): a span of \(s) was not packed")
                continue
            }
            packedCount += 1
            #expect(packed.widened(nil) == values, "round \(round)")
            var stretches: [Range<Int>] = []
            var at = Int.random(in: 0..<n, using: &g)
            while at < n {
                let end = min(n, at + Int.random(in: 1...200, using: &g))
                stretches.append(at..<end)
                at = end + Int.random(in: 0...300, using: &g)
            }
            #expect(packed.widened(stretches) == stretches.flatMap { values[$0] }, "round \(round): stretches")
        }
        #expect(packedCount > 100)
    }
}
