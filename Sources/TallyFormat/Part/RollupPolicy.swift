import TallySystem
/// When a part carries a rollup at all.
///
/// A rollup is a second copy of a part's data in summarised form: it pays only when it is
/// much smaller than the rows it stands for, so that reading it instead of the rows saves
/// an order of magnitude, and it costs the store little. On data recorded once per API
/// call an hour of a project repeats a few service/unit/model combinations dozens of
/// times and hourly cells are a few percent of the rows; on data recorded once per agent
/// step (a few rows per run-hour) hourly cells were a quarter of the rows and 27% of the
/// store's bytes (issue 22). So every rollup is written only when it holds at most a tenth
/// as many cells as the part has rows; the time rollup falls back from hours to UTC days,
/// then to UTC days by service, unit and model only (tools and step types summed: on
/// per-step data those cells were 4-6% of a large partition's rows where daily cells by
/// all five dimensions were 19-33%), before giving up, and a part with none is answered
/// from its rows.
package enum RollupPolicy {
    /// Cells per row at most for a rollup to be written (and, in the SQL layer, read).
    package static let maximumCellShare = 0.1

    /// Whether a rollup of `cells` cells is worth writing for `rows` rows, at most `share`
    /// cells per row (the store's `StoreOptions.maximumRollupCellShare`).
    package static func pays(cells: Int, rows: Int, share: Double = maximumCellShare) -> Bool {
        Double(cells) <= share * Double(rows)
    }

    /// The most cells a rollup of `rows` rows may hold and still pay (see `pays`).
    package static func maximumCells(rows: Int, share: Double = maximumCellShare) -> Int {
        let limit = (share * Double(rows)).rounded(.down)
        return limit >= Double(Int.max) ? Int.max : Int(limit)
    }

    /// The time rollup section for `buffer`'s rows: the first of hourly cells, daily cells,
    /// and daily cells by service, unit and model only that pays, starting at `start`
    /// (tests start lower to read every kind), or none. Returns the section kind and bytes.
    package static func timeRollup(
        for buffer: RowBuffer, share: Double = maximumCellShare, start: RollupBatch.Kind = .hourly
    ) -> (kind: UInt8, bytes: [UInt8])? {
        let ladder: [(Int64, Int, RollupBatch.Kind)] = [(1, 5, .hourly), (24, 5, .daily), (24, 3, .dailyCoarse)]
        for (hours, dimensions, kind) in ladder.drop(while: { $0.2 != start }) {
            guard let rollup = HourlyRollup(
                buffer, hoursPerCell: hours, dimensionCount: dimensions, maximumCells: maximumCells(rows: buffer.count, share: share))
            else { continue }
            return (rollup.storedSectionKind, rollup.encoded())
        }
        return nil
    }
}
