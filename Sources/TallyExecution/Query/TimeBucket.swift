import TallySystem
import TallyFormat
import TallyStore
/// A calendar bucket of time in a query's time zone.
public enum TimeBucket: String, Sendable, Hashable, CaseIterable {
    /// The local wall-clock hour.
    case hour
    /// The local calendar day.
    case day
    /// The ISO week, starting on Monday (local).
    case week
    /// The local calendar month.
    case month
}
