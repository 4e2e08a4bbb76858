import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// A summary next to the one of the equal-length period right before it.
public struct SummaryComparison: Sendable, Hashable {
    /// The metrics compared.
    public enum Metric: String, Sendable, Hashable, CaseIterable {
        /// Cost, nano-USD.
        case cost
        /// Tokens of every class.
        case tokens
        /// Sandbox hours.
        case sandboxHours
        /// Records.
        case records
        /// Cache savings, nano-USD.
        case cacheSavings
    }

    /// How a metric changed.
    public enum Change: Sendable, Hashable {
        /// The previous period has no rows at all.
        case noPreviousData
        /// The metric was 0 before and is not now (no finite percentage).
        case fromZero
        /// Percentage change, (current - previous) / previous x 100.
        case percent(Double)
    }

    /// The asked window.
    public var current: UsageSummary
    /// The window before it.
    public var previous: UsageSummary
    /// The previous window's days.
    public var previousWindow: DateWindow
    /// Whether the previous window has any rows.
    public var hasPreviousData: Bool { previous.records > 0 }
    /// The change of each metric.
    public var changes: [Metric: Change]
}
