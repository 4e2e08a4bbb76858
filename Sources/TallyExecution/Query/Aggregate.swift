import TallySystem
import TallyFormat
import TallyStore
/// A numeric column that aggregates summarise.
public enum Measure: String, Sendable, Hashable, CaseIterable {
    /// quantity (Double).
    case quantity
    /// cost in nano-USD (exact integers).
    case cost
    /// duration_ms (nullable; nulls are ignored as in SQL).
    case durationMs = "duration_ms"
}

/// An aggregate function of a query.
///
/// Results (`AggregateValue`): `count` and `countDistinct` give `.int`; sums of cost
/// and duration give `.exact` (Int128, never rounded); sums of quantity give `.double`;
/// min/max give `.int` (cost, duration) or `.double` (quantity); `avg` and `quantile`
/// give `.double`. An aggregate over no (non-null) values is `.null`, except counts (0).
public enum Aggregate: Sendable, Hashable {
    /// Rows.
    case count
    /// Sum.
    case sum(Measure)
    /// Minimum.
    case min(Measure)
    /// Maximum.
    case max(Measure)
    /// Mean (sum / count, in Double).
    case avg(Measure)
    /// Exact number of distinct non-null values of a dimension.
    case countDistinct(UsageDimension)
    /// Exact continuous quantile `q` in 0...1, interpolated as DuckDB's
    /// `quantile_cont` (position q*(n-1), linear between neighbours); median = 0.5.
    case quantile(Measure, Double)
}
