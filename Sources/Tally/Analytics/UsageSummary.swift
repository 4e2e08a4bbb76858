import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// Totals of one project over a window.
public struct UsageSummary: Sendable, Hashable {
    /// Quantity and cost of one unit class.
    public struct ClassUsage: Sendable, Hashable {
        /// Sum of quantity.
        public var quantity: Double
        /// Exact sum of cost in nano-USD.
        public var costNanos: Int128
    }

    /// Exact total cost in nano-USD.
    public var costNanos: Int128
    /// Sum of quantity over every `*_tokens` unit.
    public var tokens: Double
    /// Sum of sandbox_seconds / 3600.
    public var sandboxHours: Double
    /// Rows counted.
    public var records: Int64
    /// Per token class (classes without rows are absent).
    public var byTokenClass: [TokenClass: ClassUsage]
    /// Prompt-cache savings in nano-USD (cache reads priced at input minus cache-read rate).
    public var cacheSavingsNanos: Int128
    /// Cache-read tokens the pricer had no rate for (not in `cacheSavingsNanos`).
    public var unpricedCacheReadTokens: Double

    /// A summary of nothing.
    public static let empty = UsageSummary(
        costNanos: 0, tokens: 0, sandboxHours: 0, records: 0, byTokenClass: [:], cacheSavingsNanos: 0, unpricedCacheReadTokens: 0)
}
