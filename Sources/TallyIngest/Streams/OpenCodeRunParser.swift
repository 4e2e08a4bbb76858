import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// Parser for `opencode run --format json`.
///
/// Usage lives only in `step_finish.part` (`tokens` and `cost`); each step is one LLM
/// call. Some builds emit an event more than once with the same `part.id`, so steps are
/// counted once per part id. Current OpenCode reports `tokens.output` and
/// `tokens.reasoning` as disjoint counts, which map directly to `output_tokens` and
/// `reasoning_tokens`; `tokens.cache.write` has no lifetime split and counts as 5-minute
/// writes. The stream has no model id (unless a future build adds `modelID`), so it comes
/// from the attribution, and the service from its provider prefix.
enum OpenCodeRunParser {
    /// Version of this parser's mapping, written as `parser_version`.
    static let version: Int32 = 1

    static func parse(_ bytes: [UInt8], attribution: StreamAttribution) -> StreamParseResult {
        let ctx = StreamParseContext(format: .opencodeRun, attribution: attribution)
        var seenParts: Set<String> = []
        ctx.forEachObject(in: bytes) { line, event in
            if ctx.sessionId == nil, let s = event["sessionID"]?.string { ctx.sessionId = s }
            guard event["type"]?.string == "step_finish", let part = event["part"], part.isObject else { return }
            let partId = ctx.string(part["id"], path: "part.id")
            if let id = partId {
                guard seenParts.insert(id).inserted else {
                    ctx.duplicatesDropped += 1
                    return
                }
            }
            ctx.usageEvents += 1
            if let nanos = ctx.usdNanos(part["cost"], path: "part.cost") { ctx.addReportedCost(nanos) }
            guard let tokens = part["tokens"], tokens.isObject else { return }
            var counts = TokenCounts()
            counts.input = ctx.count(tokens["input"], path: "part.tokens.input")
            counts.output = ctx.count(tokens["output"], path: "part.tokens.output")
            counts.reasoning = ctx.count(tokens["reasoning"], path: "part.tokens.reasoning")
            counts.cacheRead = ctx.count(tokens["cache"]?["read"], path: "part.tokens.cache.read")
            counts.cacheWrite5m = ctx.count(tokens["cache"]?["write"], path: "part.tokens.cache.write")
            let reportedModel = part["modelID"]?.string
            let model = ctx.model(reported: reportedModel)
            let provider = reportedModel != nil && attribution.modelOverride == nil ? part["providerID"]?.string : nil
            let timestamp = ctx.timestamp(event["timestamp"], path: "timestamp")
                ?? ctx.timestamp(part["time"]?["end"], path: "part.time.end")
            ctx.emit(counts, timestamp: timestamp, service: ctx.service(derived: provider, model: model),
                     modelId: model, requestId: partId, line: line)
        }
        return ctx.result
    }
}
