import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// Usage of one time bucket or one dimension value.
public struct UsageBucket: Sendable, Hashable {
    /// The bucket's first local day (time series), nil for dimension breakdowns.
    public var startDay: Int32?
    /// The dimension value (breakdowns; nil = null value or a time series).
    public var value: String?
    /// Exact cost in nano-USD.
    public var costNanos: Int128
    /// Sum of quantity of `*_tokens` units.
    public var tokens: Double
    /// Rows.
    public var records: Int64
}
