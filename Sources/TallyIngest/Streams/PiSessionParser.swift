import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// Parser for Pi coding agent's native session file.
///
/// Entries are deduplicated by `id`: older Pi re-appended the header and every entry
/// before the first assistant reply, with the same ids. Usage is counted only from
/// `message` entries whose `message.role` is `assistant`. Pi's `input` already excludes
/// cache reads; `cacheWrite1h` is the 1-hour share of `cacheWrite`; `reasoning` is the
/// share of `output` that is reasoning. `cost.total` is the runtime-reported cost. The
/// service is the message's `provider`, the model id its `model`, as reported. Usage on
/// `toolResult` messages (newer Pi: tool execution, outside LLM accounting) is ignored.
enum PiSessionParser {
    /// Version of this parser's mapping, written as `parser_version`.
    static let version: Int32 = 1

    static func parse(_ bytes: [UInt8], attribution: StreamAttribution) -> StreamParseResult {
        let ctx = StreamParseContext(format: .piSession, attribution: attribution)
        var seenIds: Set<String> = []
        var currentProvider: String?
        var currentModel: String?
        ctx.forEachObject(in: bytes) { line, entry in
            if let id = entry["id"]?.string {
                guard seenIds.insert(id).inserted else {
                    ctx.duplicatesDropped += 1
                    return
                }
            }
            switch entry["type"]?.string {
            case "session":
                if ctx.sessionId == nil { ctx.sessionId = entry["id"]?.string }
            case "model_change":
                // Older assistant messages may lack provider/model; the last switch tells.
                currentProvider = ctx.string(entry["provider"], path: "provider") ?? currentProvider
                currentModel = ctx.string(entry["modelId"], path: "modelId") ?? currentModel
            case "message":
                guard let message = entry["message"], message["role"]?.string == "assistant",
                      let usage = message["usage"], usage.isObject
                else { return }
                let writes = ctx.count(usage["cacheWrite"], path: "message.usage.cacheWrite")
                let writes1h = ctx.count(usage["cacheWrite1h"], path: "message.usage.cacheWrite1h")
                let output = ctx.count(usage["output"], path: "message.usage.output")
                let reasoning = ctx.count(usage["reasoning"], path: "message.usage.reasoning")
                var counts = TokenCounts()
                counts.input = ctx.count(usage["input"], path: "message.usage.input")
                counts.cacheRead = ctx.count(usage["cacheRead"], path: "message.usage.cacheRead")
                counts.cacheWrite1h = writes1h
                counts.cacheWrite5m = ctx.subtract(writes1h, from: writes, detail: "cacheWrite1h exceeds cacheWrite")
                counts.reasoning = reasoning
                counts.output = ctx.subtract(reasoning, from: output, detail: "reasoning exceeds output")
                if let nanos = ctx.usdNanos(usage["cost"]?["total"], path: "message.usage.cost.total") {
                    ctx.addReportedCost(nanos)
                }
                let provider = ctx.string(message["provider"], path: "message.provider") ?? currentProvider
                let model = ctx.model(reported: ctx.string(message["model"], path: "message.model") ?? currentModel)
                let timestamp = ctx.timestamp(message["timestamp"], path: "message.timestamp")
                    ?? ctx.timestamp(entry["timestamp"], path: "timestamp")
                // The provider's response id names the call everywhere; without one, the
                // entry id, which is short (8 hex digits) and unique only within a session,
                // with the session id before it.
                let requestId = ctx.string(message["responseId"], path: "message.responseId")
                    ?? entry["id"]?.string.map { id in ctx.sessionId.map { $0 + "/" + id } ?? id }
                ctx.usageEvents += 1
                ctx.emit(counts, timestamp: timestamp, service: ctx.service(derived: provider, model: model),
                         modelId: model, requestId: requestId, line: line)
            default:
                break  // thinking_level_change, custom, compaction, labels: no usage.
            }
        }
        return ctx.result
    }
}
