/// The disjoint token classes of the schema, and the rule for which units count tokens:
/// the one definition of a token unit, for the engine's filter, the analytics' totals,
/// the stream parsers and the demo data alike.
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

    /// What every token unit's name ends in.
    package static let unitSuffix = "_tokens"

    /// Whether `unit` counts tokens: its name ends in `_tokens`. Wider than the classes on
    /// purpose: a host's own token unit (say `embedding_tokens`) counts toward token totals
    /// without a class of its own.
    package static func isTokenUnit(_ unit: String) -> Bool {
        // Bytes, not Characters: units are lower_snake ASCII (the record validator
        // insists), and the engine asks once per distinct unit of every part it scans.
        unit.utf8.reversed().starts(with: unitSuffix.utf8.reversed())
    }
}
