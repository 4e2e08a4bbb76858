import TallySystem
import TallyFormat
import TallyStore
/// One ORDER BY term of a query result. Nulls sort last in both directions; rows equal
/// on every term are ordered by their group keys ascending, so results are deterministic.
public struct OrderTerm: Sendable, Hashable {
    /// What to sort by.
    public enum Target: Sendable, Hashable {
        /// The group key at this index of `AggregateQuery.groupBy`.
        case key(Int)
        /// The aggregate at this index of `AggregateQuery.aggregates`.
        case aggregate(Int)
    }

    /// What to sort by.
    public var target: Target
    /// Whether larger values come first.
    public var descending: Bool

    /// Creates a term.
    public init(_ target: Target, descending: Bool = false) {
        self.target = target
        self.descending = descending
    }
}
