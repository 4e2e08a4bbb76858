import TallySystem
/// A part's rollup decoded into the shape of a `ColumnBatch`, so the query engine runs
/// the same filter, group and fold loops over rollup cells as over rows: each cell is a
/// row whose `weights` entry is the number of rows it stands for, whose `quantity` and
/// `cost` are sums, and whose `ts` is the start of its hour (hourly rollup) or day (run
/// rollup).
///
/// Immutable once built and shared by every query that reads the part.
package final class RollupBatch: @unchecked Sendable {
    /// Which rollup the cells come from.
    package enum Kind: Sendable {
        /// `HourlyRollup`: cells by UTC hour x service, unit, model, tool, step type.
        case hourly
        /// `HourlyRollup` with cells of one UTC day (written where hourly cells would be
        /// nearly as many as the rows): serves only day-aligned UTC windows and keys.
        case daily
        /// `HourlyRollup` with cells of one UTC day by service, unit and model only (where
        /// even daily cells by five dimensions would be too many): serves what `.daily`
        /// does, except questions about tools or step types.
        case dailyCoarse
        /// `RunRollup`: cells by day x run, user, persona.
        case runs
    }

    /// Which rollup the cells come from.
    package let kind: Kind
    /// The cells as columns (read only once built).
    package let batch: ColumnBatch
    /// The string tables the codes refer to, by column, when they are the rollup's own
    /// (hourly); empty when the codes are the part's dictionary codes (runs).
    package let dictionaries: [Column: [String]]
    /// For run rollups, the rows of each cell's (day, run) stretch within the part
    /// (a superset of the cell's own rows when the run had several users or personas
    /// that day); empty otherwise.
    package let rowRanges: [Range<Int>]
    /// The columns whose codes the cells carry.
    package var columns: [Column] {
        switch kind {
        case .runs: return RunRollup.dimensions
        case .dailyCoarse: return Array(HourlyRollup.dimensions.prefix(3))
        case .hourly, .daily: return HourlyRollup.dimensions
        }
    }
    /// Cells.
    package var count: Int { batch.rowCount }
    /// Approximate bytes held: eight per value of each column the cells fill (ts,
    /// weights, cost, quantity for hourly cells, and the codes) and the row ranges.
    package var byteCount: Int { count * 8 * ((kind == .runs ? 3 : 4) + columns.count) + rowRanges.count * 16 }

    /// The cells whose start time (`ts`) lies in `window`, as `first..<end`: cells are
    /// in ascending time order (checked when a rollup is decoded), so this is two
    /// binary searches.
    package func cells(startingIn window: ClosedRange<Int64>) -> (first: Int, end: Int) {
        batch.ts.withUnsafeBufferPointer { ts in
            func firstIndex(atLeast bound: Int64) -> Int {
                var low = 0, high = count
                while low < high {
                    let mid = (low + high) / 2
                    if ts[mid] < bound { low = mid + 1 } else { high = mid }
                }
                return low
            }
            let first = firstIndex(atLeast: window.lowerBound)
            let end = window.upperBound == Int64.max ? count : firstIndex(atLeast: window.upperBound + 1)
            return (first, Swift.max(first, end))
        }
    }

    init(kind: Kind, batch: ColumnBatch, dictionaries: [Column: [String]], rowRanges: [Range<Int>]) {
        self.kind = kind
        self.batch = batch
        self.dictionaries = dictionaries
        self.rowRanges = rowRanges
    }
}
