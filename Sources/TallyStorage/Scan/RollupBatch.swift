/// A part's rollup decoded into the shape of a `ColumnBatch`, so the query engine runs
/// the same filter, group and fold loops over rollup cells as over rows: each cell is a
/// row whose `weights` entry is the number of rows it stands for, whose `quantity` and
/// `cost` are sums, and whose `ts` is the start of its hour (hourly rollup) or day (run
/// rollup).
///
/// Immutable once built and shared by every query that reads the part.
public final class RollupBatch: @unchecked Sendable {
    /// Which rollup the cells come from.
    public enum Kind: Sendable {
        /// `HourlyRollup`: cells by UTC hour x service, unit, model, tool, step type.
        case hourly
        /// `RunRollup`: segments by day x run, user, persona.
        case runs
    }

    /// Which rollup the cells come from.
    public let kind: Kind
    /// The cells as columns (read only once built).
    public let batch: ColumnBatch
    /// The string tables the codes refer to, by column, when they are the rollup's own
    /// (hourly); empty when the codes are the part's dictionary codes (runs).
    public let dictionaries: [Column: [String]]
    /// For run rollups, the first row of each segment within the part, plus the row
    /// count at the end (segments tile the rows); empty otherwise.
    public let firstRows: [Int]
    /// The columns whose codes the cells carry.
    public var columns: [Column] { kind == .hourly ? HourlyRollup.dimensions : RunRollup.dimensions }
    /// Cells.
    public var count: Int { batch.rowCount }
    /// Approximate bytes held.
    public var byteCount: Int { count * (8 * (4 + columns.count)) + firstRows.count * 8 }

    init(kind: Kind, batch: ColumnBatch, dictionaries: [Column: [String]], firstRows: [Int]) {
        self.kind = kind
        self.batch = batch
        self.dictionaries = dictionaries
        self.firstRows = firstRows
    }
}
