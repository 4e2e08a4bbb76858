import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// The answer to a query: named, typed columns and rows of values.
package struct SQLResultTable: Sendable, Hashable {
    /// One column of the result.
    package struct Column: Sendable, Hashable {
        /// The header (the alias, the column name, or the expression as SQL).
        package var name: String
        /// The type of every non-null value in the column.
        package var type: SQLColumnType

        /// Creates a column.
        package init(name: String, type: SQLColumnType) {
            self.name = name
            self.type = type
        }
    }

    /// The columns, in select-list order.
    package var columns: [Column]
    /// The rows; each has one value per column.
    package var rows: [[SQLValue]]
    /// Rows the engine decoded to answer the query (0 when answered from rollups).
    package var scannedRows: Int

    /// Creates a table.
    package init(columns: [Column], rows: [[SQLValue]], scannedRows: Int = 0) {
        self.columns = columns
        self.rows = rows
        self.scannedRows = scannedRows
    }
}
