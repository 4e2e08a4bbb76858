import Testing
@testable import TallyFormat
import TallyTestSupport

/// A rollup kind is given up as soon as its cells pass a limit (`HourlyRollup(maximumCells:)`,
/// which `RollupPolicy` uses to try each kind): it must give up exactly when the whole
/// rollup would hold more cells than the limit, and otherwise be the whole rollup.
@Suite struct RollupCellLimitTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func givesUpExactlyWhenTheCellsPassTheLimit(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        for rows in [1, 9, 200, 3_000] {
            let models = Int.random(in: 1...6, using: &g), hours = Int.random(in: 1...48, using: &g)
            var buffer = RowBuffer(projectId: "p", monthKey: 2026 * 12)
            for _ in 0..<rows {
                let ts = 1_767_225_600_000 + Int64.random(in: 0..<Int64(hours), using: &g) * 3_600_000 + Int64.random(in: 0..<3_600_000, using: &g)
                buffer.append(UsageRecord(
                    projectId: "p", ts: ts, service: "s", unit: ["in", "out"].randomElement(using: &g)!, quantity: 1,
                    costNanos: Int64.random(in: 0...1_000, using: &g), toolId: ["a", "b"].randomElement(using: &g)!,
                    modelId: "m\(Int.random(in: 0..<models, using: &g))"))
            }
            for (span, dimensions) in [(Int64(1), 5), (24, 5), (24, 3)] {
                let whole = HourlyRollup(buffer, hoursPerCell: span, dimensionCount: dimensions)
                let cells = whole.entries.count
                for limit in [0, cells - 1, cells, cells + 1, Int.max] where limit >= 0 {
                    let bounded = HourlyRollup(buffer, hoursPerCell: span, dimensionCount: dimensions, maximumCells: limit)
                    #expect((bounded == nil) == (cells > limit), "\(rows) rows, \(cells) cells, limit \(limit)")
                    if let bounded { #expect(bounded == whole) }
                }
            }
            // The policy keeps the first kind that pays, as trying each whole would.
            let share = [0.05, 0.1, 0.5].randomElement(using: &g)!
            let expected = [(Int64(1), 5), (24, 5), (24, 3)].lazy.map { HourlyRollup(buffer, hoursPerCell: $0.0, dimensionCount: $0.1) }
                .first { RollupPolicy.pays(cells: $0.entries.count, rows: rows, share: share) }
            let chosen = RollupPolicy.timeRollup(for: buffer, share: share)
            #expect(chosen?.kind == expected?.storedSectionKind)
            #expect(chosen?.bytes == expected?.encoded())
        }
    }
}
