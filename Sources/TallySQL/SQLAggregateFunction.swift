import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// An aggregate function of Tally's subset, named as DuckDB spells it.
package enum SQLAggregateFunction: String, Sendable, Hashable, CaseIterable {
    /// `count(*)`, `count(x)` (non-null values), `count(DISTINCT x)`.
    case count
    /// `sum(x)`
    case sum
    /// `min(x)`
    case min
    /// `max(x)`
    case max
    /// `avg(x)`
    case avg
    /// `median(x)`, the continuous median.
    case median
    /// `quantile_cont(x, p)`, the continuous (interpolated) quantile with 0 <= p <= 1.
    case quantileCont = "quantile_cont"
}
