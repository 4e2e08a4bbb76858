import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// The pattern of a `LIKE`: always a string literal in Tally's subset.
package struct SQLLikePattern: Sendable, Hashable {
    /// The pattern text, with `''` already undone; `%` and `_` are wildcards.
    package var text: String
    /// Where the string literal is in the query.
    package var range: SourceRange

    /// Creates a pattern.
    package init(text: String, range: SourceRange) {
        self.text = text
        self.range = range
    }

    /// For a pattern of the form `'prefix%'` with no other wildcard, the prefix; otherwise `nil`.
    /// A binder that only supports prefix matches can reject the rest at `range`.
    package var prefix: String? {
        guard text.hasSuffix("%") else { return nil }
        let head = text.dropLast()
        guard !head.contains("%"), !head.contains("_") else { return nil }
        return String(head)
    }
}
