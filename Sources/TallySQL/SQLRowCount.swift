import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// The non-negative count of LIMIT or OFFSET.
public struct SQLRowCount: Sendable, Hashable {
    /// The number of rows.
    public var value: Int
    /// Where the number is in the query.
    public var range: SourceRange

    /// Creates a row count.
    public init(value: Int, range: SourceRange) {
        self.value = value
        self.range = range
    }
}
