import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// One ORDER BY key with its direction.
public struct SQLOrderItem: Sendable, Hashable {
    /// What to sort by.
    public var key: SQLKey
    /// Whether `DESC` was written (ascending otherwise).
    public var isDescending: Bool
    /// `true` for `NULLS FIRST`, `false` for `NULLS LAST`, `nil` when not written (the binder
    /// applies the default: DuckDB puts nulls last).
    public var nullsFirst: Bool?
    /// The key and its modifiers.
    public var range: SourceRange

    /// Creates an order item.
    public init(key: SQLKey, isDescending: Bool = false, nullsFirst: Bool? = nil, range: SourceRange) {
        self.key = key
        self.isDescending = isDescending
        self.nullsFirst = nullsFirst
        self.range = range
    }
}
