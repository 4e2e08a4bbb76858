import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing

/// One aggregate the engine computes for a query, with the extra row condition it needs
/// (`count(run_id)` counts the rows where run_id is not null) and how its result reads in SQL.
package struct SQLAggregateSlot: Sendable, Hashable {
    /// How an engine value becomes an SQL value.
    package enum Conversion: Sendable, Hashable {
        /// Integers stay integers, doubles doubles.
        case plain
        /// Nano-USD integers become money.
        case money
        /// Nano-USD doubles (averages, quantiles of cost) become USD doubles.
        case nanosToDollars
        /// A Double of nano-USD rounded to whole nano-USD (quantiles of cost: DECIMAL, as
        /// DuckDB's quantiles of a DECIMAL).
        case roundedNanos
    }

    /// The engine aggregate.
    package var aggregate: Aggregate
    /// A condition the aggregated rows must also meet, answered by a side query.
    package var extraFilter: RowFilter?
    /// How to read the result.
    package var conversion: Conversion
    /// The SQL type of the result.
    package var type: ResultType

    /// The slot of an engine aggregate over every row: exact sums of cost are money,
    /// sums of durations HUGEINT, averages of cost USD doubles, quantiles of cost money.
    package init(_ aggregate: Aggregate) {
        self.aggregate = aggregate
        extraFilter = nil
        switch aggregate {
        case .count, .countDistinct:
            conversion = .plain
            type = .bigint
        case let .sum(m):
            conversion = m == .cost ? .money : .plain
            type = m == .quantity ? .double : (m == .cost ? .money : .hugeint)
        case let .min(m), let .max(m):
            conversion = m == .cost ? .money : .plain
            type = m == .quantity ? .double : (m == .cost ? .money : .bigint)
        case let .avg(m):
            conversion = m == .cost ? .nanosToDollars : .plain
            type = .double
        case let .quantile(m, _):
            conversion = m == .cost ? .roundedNanos : .plain
            type = m == .cost ? .money : .double
        }
    }

    /// The value of a group that the side query did not see (no qualifying rows).
    var emptyValue: SQLValue {
        switch aggregate {
        case .count, .countDistinct: return .int(0)
        default: return .null
        }
    }

    /// The engine result as SQL sees it.
    package func value(_ v: AggregateValue) -> SQLValue {
        switch (v, conversion) {
        case (.null, _): return .null
        case (.int(let x), .money): return .money(Int128(x))
        case (.exact(let x), .money): return .money(x)
        case (.int(let x), _): return .int(Int128(x))
        case (.exact(let x), _): return .int(x)
        case (.double(let x), .nanosToDollars): return .double(x / 1e9)
        case (.double(let x), .roundedNanos): return x.isFinite ? .money(Int128(x.rounded(.toNearestOrAwayFromZero))) : .null
        case (.double(let x), _): return .double(x)
        }
    }
}
