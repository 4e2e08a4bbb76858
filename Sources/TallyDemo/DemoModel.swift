import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyIngest
/// One LLM the demo data uses, with the ids runtimes report for it and its reference rates.
///
/// Rates are the published April 2026 prices of `usage-schema.md`, in nano-USD per token
/// (USD per 1M tokens x 1000), so a runtime-reported cost is an exact integer product.
struct DemoModel: Sendable {
    /// The provider that serves the model directly.
    enum Provider: Sendable { case anthropic, openai }

    /// The bare model id, e.g. `claude-sonnet-4-6`.
    let id: String
    /// A dated snapshot id that some runtimes report instead, e.g. `claude-sonnet-4-5-20250929`.
    let datedId: String?
    /// The id OpenRouter uses, e.g. `anthropic/claude-sonnet-4-6`.
    let routedId: String
    /// Who serves it.
    let provider: Provider
    /// The family (flagship, small, ...) used to pick a newer version of the same kind.
    let family: Int
    /// Where on the generated timeline (0 = first day, 1 = last) the model appears.
    let release: Double
    /// Uncached input rate.
    let inputNanos: Int64
    /// 5-minute cache write rate (OpenAI: none, the input rate is not charged twice).
    let cacheWrite5mNanos: Int64
    /// 1-hour cache write rate.
    let cacheWrite1hNanos: Int64
    /// Cache read (cached input) rate.
    let cacheReadNanos: Int64
    /// Output rate, also charged for reasoning tokens.
    let outputNanos: Int64

    init(
        _ id: String, dated: String? = nil, provider: Provider, family: Int, release: Double,
        input: Int64, write5m: Int64 = 0, write1h: Int64 = 0, read: Int64, output: Int64
    ) {
        self.id = id
        self.datedId = dated
        self.routedId = (provider == .anthropic ? "anthropic/" : "openai/") + id
        self.provider = provider
        self.family = family
        self.release = release
        self.inputNanos = input
        self.cacheWrite5mNanos = write5m
        self.cacheWrite1hNanos = write1h
        self.cacheReadNanos = read
        self.outputNanos = output
    }
}
