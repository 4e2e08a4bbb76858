import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// The answer to a query: named, typed columns and rows of values.
package struct SQLResultTable: Sendable, Hashable {
    /// The columns, in select-list order.
    package var columns: [ResultColumn]
    /// The rows; each has one value per column.
    package var rows: [[SQLValue]]
    /// Rows the engine decoded to answer the query (0 when answered from rollups).
    package var scannedRows: Int

    /// Creates a table.
    package init(columns: [ResultColumn], rows: [[SQLValue]], scannedRows: Int = 0) {
        self.columns = columns
        self.rows = rows
        self.scannedRows = scannedRows
    }
}
