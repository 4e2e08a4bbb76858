import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// The non-negative count of LIMIT or OFFSET.
package struct SQLRowCount: Sendable, Hashable {
    /// The number of rows.
    package var value: Int
    /// Where the number is in the query.
    package var range: SourceRange

    /// Creates a row count.
    package init(value: Int, range: SourceRange) {
        self.value = value
        self.range = range
    }
}
