import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// The disjoint token classes of the schema.
public enum TokenClass: String, Sendable, Hashable, CaseIterable {
    /// Uncached prompt tokens.
    case input = "input_tokens"
    /// Generated tokens (without a separately reported reasoning share).
    case output = "output_tokens"
    /// Prompt tokens written to the cache for 5 minutes.
    case cacheWrite5m = "cache_creation_5m_tokens"
    /// Prompt tokens written to the cache for 1 hour.
    case cacheWrite1h = "cache_creation_1h_tokens"
    /// Prompt tokens served from the cache.
    case cacheRead = "cache_read_tokens"
    /// The reasoning share.
    case reasoning = "reasoning_tokens"

    /// The unit name.
    public var unit: String { rawValue }
}
