/// Decoded columns of one row group, reused from row group to row group so that a scan
/// allocates nothing per row or per chunk once warmed up.
///
/// Only the columns a scan asked for are valid. Values are plain arrays of primitives:
/// string columns as dictionary codes (0 = null) into the part's dictionary, nullable
/// integers as values plus a validity byte per row.
public final class ColumnBatch {
    /// Rows decoded into the arrays (the row group's row count).
    public internal(set) var rowCount = 0
    /// The row group's first row within its part.
    public internal(set) var firstRow = 0
    /// Milliseconds since the epoch.
    public internal(set) var ts: [Int64]
    /// Quantities.
    public internal(set) var quantity: [Double]
    /// Cost in nano-USD.
    public internal(set) var cost: [Int64]
    /// `CostSource` raw values.
    public internal(set) var costSource: [Int64]
    /// Integer columns (step_index, duration_ms, parser_version), by `Column.rawValue`.
    public internal(set) var ints: [[Int64]]
    /// Validity of nullable integer columns (1 = present), by `Column.rawValue`.
    public internal(set) var validity: [[UInt8]]
    /// Dictionary codes of string columns, by `Column.rawValue`.
    public internal(set) var codes: [[Int64]]
    /// Rows each row stands for: empty for a batch of rows (every weight 1), the cell
    /// counts for a batch of rollup cells (see `RollupBatch`).
    public internal(set) var weights: [Int64] = []
    var scratch: [Int64] = []
    var raw: [UInt8] = []
    var stored: [UInt8] = []
    let compressor: BlockCompressor

    /// Creates an empty batch; each column's buffer (room for `PartFormat.rowGroupSize`
    /// rows) is allocated the first time a scan decodes that column, so a query pays
    /// only for the columns it reads.
    public init() {
        ts = []
        quantity = []
        cost = []
        costSource = []
        ints = [[Int64]](repeating: [], count: PartFooter.columnSlots)
        validity = [[UInt8]](repeating: [], count: PartFooter.columnSlots)
        codes = [[Int64]](repeating: [], count: PartFooter.columnSlots)
        compressor = BlockCompressor()
    }

    func ensure(_ column: Column) {
        let i = Int(column.rawValue)
        let n = PartFormat.rowGroupSize
        switch column {
        case .ts: if ts.isEmpty { ts = [Int64](repeating: 0, count: n) }; return
        case .quantity: if quantity.isEmpty { quantity = [Double](repeating: 0, count: n) }; return
        case .cost: if cost.isEmpty { cost = [Int64](repeating: 0, count: n) }; return
        case .costSource: if costSource.isEmpty { costSource = [Int64](repeating: 0, count: n) }; return
        default: break
        }
        switch column.kind {
        case .string:
            if codes[i].isEmpty { codes[i] = [Int64](repeating: 0, count: PartFormat.rowGroupSize) }
        case .nullableInt:
            if ints[i].isEmpty {
                ints[i] = [Int64](repeating: 0, count: PartFormat.rowGroupSize)
                validity[i] = [UInt8](repeating: 0, count: PartFormat.rowGroupSize)
            }
        default:
            break
        }
    }
}
