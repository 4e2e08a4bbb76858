import TallySystem
import TallyFormat
/// Whether a column may hold nulls, `FieldRepetitionType` in parquet.thrift.
package enum ParquetRepetition: Int32, Sendable, Hashable {
    /// Exactly one value per row; no definition levels are stored.
    case required = 0
    /// Zero or one value per row; a definition level of 0 marks a null.
    case optional = 1
    /// Nested lists (Tally never writes them and refuses to read them).
    case repeated = 2
}
