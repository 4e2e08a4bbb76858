import TallySystem
import TallyFormat
/// The kind of a page, `PageType` in parquet.thrift.
package enum ParquetPageType: Int32, Sendable, Hashable {
    /// A data page, version 1 (levels compressed with the values).
    case dataPage = 0
    /// An index page (unused by writers in practice; skipped).
    case indexPage = 1
    /// The dictionary of a column chunk, before its data pages.
    case dictionaryPage = 2
    /// A data page, version 2 (levels uncompressed, before the values).
    case dataPageV2 = 3
}
