import Foundation
import TallySystem
import TallyFormat
import TallyStore

/// A complete aggregation question: which rows (predicates, all must hold), how to group
/// them, what to compute per group, and how to order and cut the result.
///
/// This is what the SQL front end compiles to and what the analytics API builds.
/// With no group keys the result has exactly one row, even over no data.
package struct AggregateQuery: Sendable, Hashable {
    /// Conditions every counted row satisfies.
    package var filters: [RowFilter]
    /// The grouping keys, in result-column order.
    package var groupBy: [GroupKey]
    /// The aggregates, in result-column order.
    package var aggregates: [Aggregate]
    /// Sort order of the result rows (empty = by group keys ascending).
    package var orderBy: [OrderTerm]
    /// At most this many rows (after ordering); nil = all.
    package var limit: Int?
    /// Whether rows without `orderBy` come sorted by their group keys. A caller that
    /// sorts the rows itself turns this off: sorting many groups by their strings is
    /// the largest cost of a high-cardinality group-by after the scan.
    package var ordersByKeys = true
    /// The zone of `GroupKey.time` buckets (UTC by default).
    package var timeZone: TimeZone

    /// Creates a query.
    package init(
        filters: [RowFilter] = [], groupBy: [GroupKey] = [], aggregates: [Aggregate] = [.count],
        orderBy: [OrderTerm] = [], limit: Int? = nil, timeZone: TimeZone = TimeZone(identifier: "UTC")!
    ) {
        self.filters = filters
        self.groupBy = groupBy
        self.aggregates = aggregates
        self.orderBy = orderBy
        self.limit = limit
        self.timeZone = timeZone
    }
}
