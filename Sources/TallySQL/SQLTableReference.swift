import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// The table after FROM: a single name in Tally's subset (the binder accepts `usage`).
public struct SQLTableReference: Sendable, Hashable {
    /// The table name.
    public var name: SQLIdentifier

    /// Creates a table reference.
    public init(name: SQLIdentifier) {
        self.name = name
    }

    /// Where the table name is in the query.
    public var range: SourceRange { name.range }
}
