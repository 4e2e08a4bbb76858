import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// Parser for `claude -p --output-format stream-json --verbose`.
///
/// Claude Code writes one `assistant` line per content block, each repeating the whole
/// message's `usage`, so usage is counted once per `message.id` (the stream has no
/// `requestId`). If the copies disagree, the one with the most `output_tokens` wins: it
/// is the final snapshot, earlier ones may hold a streaming placeholder. The `result`
/// line's `total_cost_usd` is the runtime-reported cost (summed over the result lines of
/// several appended invocations, each counted once per `uuid`); its `usage` is only a
/// summary and is not counted again. A message's rows carry its `message.id` as their
/// `request_id`, so the store recognises it when the stream is imported again.
enum ClaudeStreamJSONParser {
    /// Version of this parser's mapping, written as `parser_version`.
    static let version: Int32 = 1

    private struct Message {
        var line: Int
        var counts: TokenCounts
        var outputTokens: Int64
        var model: String?
        var timestamp: Int64?
        /// The call's identity for the store: the message id (or the line's uuid).
        var requestId: String?
    }

    static func parse(_ bytes: [UInt8], attribution: StreamAttribution) -> StreamParseResult {
        let ctx = StreamParseContext(format: .claudeStreamJSON, attribution: attribution)
        var order: [String] = []
        var messages: [String: Message] = [:]
        var initModel: String?
        var seenResults: Set<String> = []
        ctx.forEachObject(in: bytes) { line, entry in
            let type = entry["type"]?.string
            if ctx.sessionId == nil, let s = entry["session_id"]?.string { ctx.sessionId = s }
            switch type {
            case "system":
                if entry["subtype"]?.string == "init" {
                    initModel = ctx.string(entry["model"], path: "model")
                }
            case "assistant":
                guard let message = entry["message"], let usage = message["usage"], usage.isObject else { return }
                let counts = AnthropicUsage.counts(usage, path: "message.usage", context: ctx)
                // A line number is no identity across imports of a growing file: such
                // messages get no request id (and are never deduplicated by the store).
                let identity = ctx.string(message["id"], path: "message.id") ?? entry["uuid"]?.string.map { "uuid:" + $0 }
                let key = identity ?? "line:\(line)"
                let candidate = Message(
                    line: line, counts: counts, outputTokens: counts.output ?? 0,
                    model: ctx.string(message["model"], path: "message.model"),
                    timestamp: ctx.timestamp(entry["timestamp"], path: "timestamp"), requestId: identity)
                if let existing = messages[key] {
                    ctx.duplicatesDropped += 1
                    if candidate.outputTokens > existing.outputTokens { messages[key] = candidate }
                } else {
                    order.append(key)
                    messages[key] = candidate
                }
            case "result":
                // A re-appended result line (same uuid) must not count its cost twice.
                if let uuid = entry["uuid"]?.string, !seenResults.insert(uuid).inserted {
                    ctx.duplicatesDropped += 1
                    return
                }
                // `total_cost` is the pre-1.0.22 name of the same figure.
                let cost = entry["total_cost_usd"] ?? entry["total_cost"]
                if let nanos = ctx.usdNanos(cost, path: "total_cost_usd") { ctx.addReportedCost(nanos) }
            default:
                break  // user, rate_limit_event and future types carry no usage.
            }
        }
        for key in order {
            guard let m = messages[key] else { continue }
            let model = ctx.model(reported: m.model ?? initModel)
            ctx.usageEvents += 1
            ctx.emit(m.counts, timestamp: m.timestamp, service: ctx.service(derived: "anthropic", model: model),
                     modelId: model, requestId: m.requestId, line: m.line)
        }
        return ctx.result
    }
}
