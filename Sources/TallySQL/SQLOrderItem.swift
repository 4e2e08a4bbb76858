import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// One ORDER BY key with its direction.
package struct SQLOrderItem: Sendable, Hashable {
    /// What to sort by.
    package var key: SQLKey
    /// Whether `DESC` was written (ascending otherwise).
    package var isDescending: Bool
    /// `true` for `NULLS FIRST`, `false` for `NULLS LAST`, `nil` when not written (the binder
    /// applies the default: DuckDB puts nulls last).
    package var nullsFirst: Bool?
    /// The key and its modifiers.
    package var range: SourceRange

    /// Creates an order item.
    package init(key: SQLKey, isDescending: Bool = false, nullsFirst: Bool? = nil, range: SourceRange) {
        self.key = key
        self.isDescending = isDescending
        self.nullsFirst = nullsFirst
        self.range = range
    }
}
