import TallySystem
/// Decoded columns of one row group, reused from row group to row group so that a scan
/// allocates nothing per row or per chunk once warmed up.
///
/// Only the columns a scan asked for are valid. Values are plain arrays of primitives:
/// string columns as dictionary codes (0 = null) into the part's dictionary, nullable
/// integers as values plus a validity byte per row.
package final class ColumnBatch {
    /// Rows decoded into the arrays (the row group's row count).
    package internal(set) var rowCount = 0
    /// The row group's first row within its part.
    package internal(set) var firstRow = 0
    /// Milliseconds since the epoch.
    package internal(set) var ts: [Int64]
    /// Quantities.
    package internal(set) var quantity: [Double]
    /// Cost in nano-USD.
    package internal(set) var cost: [Int64]
    /// `CostSource` raw values.
    package internal(set) var costSource: [Int64]
    /// Integer columns (step_index, duration_ms, parser_version), by `Column.rawValue`.
    package internal(set) var ints: [[Int64]]
    /// Validity of nullable integer columns (1 = present), by `Column.rawValue`.
    package internal(set) var validity: [[UInt8]]
    /// Dictionary codes of string columns, by `Column.rawValue`.
    package internal(set) var codes: [[Int64]]
    /// Rows each row stands for: empty for a batch of rows (every weight 1), the cell
    /// counts for a batch of rollup cells (see `RollupBatch`).
    package internal(set) var weights: [Int64] = []
    var scratch: [Int64] = []
    var raw: [UInt8] = []
    var stored: [UInt8] = []
    let compressor: BlockCompressor

    /// Creates an empty batch; each column's buffer (room for `PartFormat.rowGroupSize`
    /// rows) is allocated the first time a scan decodes that column, so a query pays
    /// only for the columns it reads.
    package init() {
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
        // Not zero-filled: a decode writes every row of its group before a scan reads
        // any, and zeroing these buffers was a tenth of a point query.
        func fresh<T: BitwiseCopyable>(_ type: T.Type) -> [T] {
            [T](unsafeUninitializedCapacity: n) { _, count in count = n }
        }
        switch column {
        case .ts: if ts.isEmpty { ts = fresh(Int64.self) }; return
        case .quantity: if quantity.isEmpty { quantity = fresh(Double.self) }; return
        case .cost: if cost.isEmpty { cost = fresh(Int64.self) }; return
        case .costSource: if costSource.isEmpty { costSource = fresh(Int64.self) }; return
        default: break
        }
        switch column.kind {
        case .string:
            if codes[i].isEmpty { codes[i] = fresh(Int64.self) }
        case .nullableInt:
            if ints[i].isEmpty {
                ints[i] = fresh(Int64.self)
                validity[i] = fresh(UInt8.self)
            }
        default:
            break
        }
    }
}
