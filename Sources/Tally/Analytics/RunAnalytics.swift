import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// The cost of one run.
public struct RunCost: Sendable, Hashable {
    /// The run.
    public var runId: String
    /// Exact cost in nano-USD (0 for a run without rows).
    public var costNanos: Int128
    /// Rows.
    public var records: Int64
}

/// One (step type, step index) of a run.
public struct RunStep: Sendable, Hashable {
    /// The step type (nil = not recorded).
    public var stepType: String?
    /// The step index (nil = not recorded).
    public var stepIndex: Int32?
    /// Tokens per class (classes without rows are absent).
    public var tokens: [TokenClass: Double]
    /// Exact cost in nano-USD.
    public var costNanos: Int128
    /// The step's execution time: the largest duration_ms recorded on its rows (each
    /// row of a step carries the step's duration, so a sum would count it repeatedly).
    public var durationMs: Int64?
}

/// One run's breakdown.
public struct RunDetail: Sendable, Hashable {
    /// The run.
    public var runId: String
    /// Steps ordered by step type then index (nulls last).
    public var steps: [RunStep]
    /// Exact total cost in nano-USD.
    public var costNanos: Int128
}

/// One run against the project's other runs of a trailing window.
public struct RunContext: Sendable, Hashable {
    /// The run.
    public var runId: String
    /// Its cost in nano-USD.
    public var costNanos: Int128
    /// The window of runs compared against (UTC days, ending on the run's last day).
    public var window: DateWindow
    /// Runs in the window.
    public var runCount: Int
    /// Mean run cost in nano-USD.
    public var meanNanos: Double
    /// Median run cost (quantile_cont 0.5).
    public var medianNanos: Double
    /// 90th percentile run cost (quantile_cont 0.9).
    public var p90Nanos: Double
    /// 1 = the most expensive run of the window; ties share a rank.
    public var rank: Int
}

/// Token usage in the billing period containing an instant.
public struct QuotaWindow: Sendable, Hashable {
    /// The period's first local day.
    public var startDay: Int32
    /// The day the next period starts (exclusive end).
    public var endDay: Int32
    /// The period's first instant (ms, UTC).
    public var start: Int64
    /// The next period's first instant (ms, UTC), exclusive.
    public var end: Int64
    /// The token limit (nil = unlimited).
    public var limit: Double?
    /// Tokens used in the period.
    public var used: Double
    /// max(limit - used, 0); nil when unlimited.
    public var remaining: Double?
}
