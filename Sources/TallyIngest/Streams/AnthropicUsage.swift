import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// Reading an Anthropic Messages API `usage` object (shared by both Claude formats).
///
/// The API's classes are already disjoint: `input_tokens` excludes cache reads and
/// writes, and `output_tokens` includes thinking, so there is no reasoning row.
enum AnthropicUsage {
    /// The counts of `usage`. `cache_creation_input_tokens` is split by
    /// `cache_creation.ephemeral_{5m,1h}_input_tokens` when present; writes without a
    /// split (or beyond it) count as 5-minute writes, the API's default lifetime.
    static func counts(_ usage: JSONValue, path: String, context ctx: StreamParseContext) -> TokenCounts {
        var c = TokenCounts()
        c.input = ctx.count(usage["input_tokens"], path: path + ".input_tokens")
        c.cacheRead = ctx.count(usage["cache_read_input_tokens"], path: path + ".cache_read_input_tokens")
        c.output = ctx.count(usage["output_tokens"], path: path + ".output_tokens")
        let writes = ctx.count(usage["cache_creation_input_tokens"], path: path + ".cache_creation_input_tokens")
        let split = usage["cache_creation"]
        let split5m = ctx.count(split?["ephemeral_5m_input_tokens"], path: path + ".cache_creation.ephemeral_5m_input_tokens")
        let split1h = ctx.count(split?["ephemeral_1h_input_tokens"], path: path + ".cache_creation.ephemeral_1h_input_tokens")
        if split5m == nil && split1h == nil {
            c.cacheWrite5m = writes
        } else {
            c.cacheWrite1h = split1h
            let splitSum = (split5m ?? 0) &+ (split1h ?? 0)
            if let writes, writes > splitSum {
                // Writes the split does not account for are priced at the default lifetime
                // rather than dropped.
                c.cacheWrite5m = (split5m ?? 0) + (writes - splitSum)
            } else {
                c.cacheWrite5m = split5m
            }
        }
        return c
    }
}
