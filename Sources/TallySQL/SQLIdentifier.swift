import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// A name in a query: a column, an alias or the table.
///
/// Unquoted names are case-insensitive (``normalized`` folds them to lower case, the way the
/// schema spells columns); double-quoted names are taken exactly as written.
package struct SQLIdentifier: Sendable, Hashable {
    /// The name as written, without quotes (a doubled `""` inside quotes already undone).
    package var text: String
    /// Whether the name was written in double quotes.
    package var isQuoted: Bool
    /// Where the name (with its quotes) is in the query.
    package var range: SourceRange

    /// Creates an identifier.
    package init(text: String, isQuoted: Bool, range: SourceRange) {
        self.text = text
        self.isQuoted = isQuoted
        self.range = range
    }

    /// The name to look up: lower-cased if unquoted, exact if quoted.
    package var normalized: String { isQuoted ? text : text.lowercased() }
}
