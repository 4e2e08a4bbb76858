import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// The unit of `date_trunc(unit, x)`.
package enum SQLTimeBucket: String, Sendable, Hashable, CaseIterable {
    /// Start of the UTC hour.
    case hour
    /// Start of the UTC day.
    case day
    /// Start of the ISO week (Monday), as DuckDB truncates.
    case week
    /// First day of the month.
    case month
}
