import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// The table after FROM: a single name in Tally's subset (the binder accepts `usage`).
package struct SQLTableReference: Sendable, Hashable {
    /// The table name.
    package var name: SQLIdentifier

    /// Creates a table reference.
    package init(name: SQLIdentifier) {
        self.name = name
    }

    /// Where the table name is in the query.
    package var range: SourceRange { name.range }
}
