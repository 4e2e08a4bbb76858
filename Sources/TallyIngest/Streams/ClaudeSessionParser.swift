import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// Parser for Claude Code's on-disk transcript (`~/.claude/projects/<project>/<session>.jsonl`).
///
/// Deduplication follows ccusage: the key is `message.id` + `requestId` (the id alone when
/// a gateway omits `requestId`); among copies a main-chain entry beats an
/// `isSidechain:true` replay, then the larger token total wins (the final streaming
/// snapshot; first-wins undercounts output). Entries of model `<synthetic>` are local API
/// error notices with no usage and are skipped. `costUSD`, written by older versions, is
/// the runtime-reported cost of the kept entries.
enum ClaudeSessionParser {
    /// Version of this parser's mapping, written as `parser_version`.
    static let version: Int32 = 1

    private struct Entry {
        var line: Int
        var counts: TokenCounts
        var sidechain: Bool
        var model: String?
        var timestamp: Int64?
        var costNanos: Int64?
        /// The call's identity for the store: `message.id/requestId` (or the line's uuid).
        var requestId: String?

        /// Whether `self` should replace `other` as the kept copy of the same call.
        func beats(_ other: Entry) -> Bool {
            if sidechain != other.sidechain { return !sidechain }
            return counts.total > other.counts.total
        }
    }

    static func parse(_ bytes: [UInt8], attribution: StreamAttribution) -> StreamParseResult {
        let ctx = StreamParseContext(format: .claudeSession, attribution: attribution)
        var order: [String] = []
        var entries: [String: Entry] = [:]
        ctx.forEachObject(in: bytes) { line, entry in
            if ctx.sessionId == nil, let s = entry["sessionId"]?.string { ctx.sessionId = s }
            guard entry["type"]?.string == "assistant",
                  let message = entry["message"], let usage = message["usage"], usage.isObject
            else { return }
            let model = ctx.string(message["model"], path: "message.model")
            if model == "<synthetic>" { return }
            let counts = AnthropicUsage.counts(usage, path: "message.usage", context: ctx)
            let messageId = ctx.string(message["id"], path: "message.id")
            let requestId = ctx.string(entry["requestId"], path: "requestId")
            let key: String
            let identity: String?
            if let messageId {
                key = messageId + "\u{0}" + (requestId ?? "")
                identity = requestId.map { messageId + "/" + $0 } ?? messageId
            } else {
                // Without a message id only an exact re-append (same uuid) can be recognised.
                identity = entry["uuid"]?.string.map { "uuid:" + $0 }
                key = identity ?? "line:\(line)"
            }
            let candidate = Entry(
                line: line, counts: counts, sidechain: entry["isSidechain"]?.bool ?? false, model: model,
                timestamp: ctx.timestamp(entry["timestamp"], path: "timestamp"),
                costNanos: ctx.usdNanos(entry["costUSD"], path: "costUSD"), requestId: identity)
            if let existing = entries[key] {
                ctx.duplicatesDropped += 1
                if candidate.beats(existing) { entries[key] = candidate }
            } else {
                order.append(key)
                entries[key] = candidate
            }
        }
        for key in order {
            guard let e = entries[key] else { continue }
            let model = ctx.model(reported: e.model)
            ctx.usageEvents += 1
            if let cost = e.costNanos { ctx.addReportedCost(cost) }
            ctx.emit(e.counts, timestamp: e.timestamp, service: ctx.service(derived: "anthropic", model: model),
                     modelId: model, requestId: e.requestId, line: e.line)
        }
        return ctx.result
    }
}
