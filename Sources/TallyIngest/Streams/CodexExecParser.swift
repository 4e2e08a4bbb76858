import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// Parser for `codex exec --json`.
///
/// `turn.completed.usage` is the *thread's* running total, not the turn's, so a log that
/// appends several `codex exec` / `codex exec resume` runs of one thread repeats earlier
/// usage. Per `thread_id`, a turn's usage is the current total minus the previous one; a
/// total that goes down is a counter reset and counts as fresh usage.
///
/// Codex counts cached input inside `input_tokens` and reasoning inside `output_tokens`;
/// both are subtracted to get Tally's disjoint classes. The stream has no model id and
/// (mostly) no timestamps: those come from the attribution.
enum CodexExecParser {
    /// Version of this parser's mapping, written as `parser_version`.
    static let version: Int32 = 1

    /// One cumulative `usage` object; `nil` fields were not reported.
    private struct Totals {
        var input: Int64?
        var cached: Int64?
        var output: Int64?
        var reasoning: Int64?

        var fields: [Int64?] { [input, cached, output, reasoning] }

        /// Whether any reported total is below the previous one.
        func isReset(after previous: Totals) -> Bool {
            zip(fields, previous.fields).contains { now, before in
                if let now, let before { return now < before }
                return false
            }
        }

        /// The usage between `previous` and `self`.
        func minus(_ previous: Totals) -> Totals {
            func d(_ a: Int64?, _ b: Int64?) -> Int64? { a.map { $0 - (b ?? 0) } }
            return Totals(input: d(input, previous.input), cached: d(cached, previous.cached),
                          output: d(output, previous.output), reasoning: d(reasoning, previous.reasoning))
        }
    }

    static func parse(_ bytes: [UInt8], attribution: StreamAttribution) -> StreamParseResult {
        let ctx = StreamParseContext(format: .codexExec, attribution: attribution)
        var thread = ""
        var threadTimestamp: Int64?
        var previous: [String: Totals] = [:]
        ctx.forEachObject(in: bytes) { line, event in
            switch event["type"]?.string {
            case "thread.started":
                thread = ctx.string(event["thread_id"], path: "thread_id") ?? ""
                if ctx.sessionId == nil, !thread.isEmpty { ctx.sessionId = thread }
                // Some versions stamp the thread start; later turns of that run use it.
                threadTimestamp = ctx.timestamp(event["timestamp"], path: "timestamp")
            case "turn.completed":
                guard let usage = event["usage"], usage.isObject else { return }
                let now = Totals(
                    input: ctx.count(usage["input_tokens"], path: "usage.input_tokens"),
                    cached: ctx.count(usage["cached_input_tokens"], path: "usage.cached_input_tokens"),
                    output: ctx.count(usage["output_tokens"], path: "usage.output_tokens"),
                    reasoning: ctx.count(usage["reasoning_output_tokens"], path: "usage.reasoning_output_tokens"))
                let before = previous[thread]
                let delta = before.map { now.isReset(after: $0) ? now : now.minus($0) } ?? now
                previous[thread] = now
                var counts = TokenCounts()
                counts.cacheRead = delta.cached
                counts.input = ctx.subtract(delta.cached, from: delta.input, detail: "cached_input_tokens exceeds input_tokens")
                counts.reasoning = delta.reasoning
                counts.output = ctx.subtract(delta.reasoning, from: delta.output, detail: "reasoning_output_tokens exceeds output_tokens")
                let model = ctx.model(reported: nil)
                // A turn has no id of its own, but the thread's running total after it
                // names it: it only grows within a thread, so no two turns share it, and
                // the same turn read again (a log re-imported once it grew) has the same.
                let requestId = thread.isEmpty ? nil
                    : thread + "/" + now.fields.map { $0.map(String.init) ?? "-" }.joined(separator: "/")
                ctx.usageEvents += 1
                ctx.emit(counts, timestamp: ctx.timestamp(event["timestamp"], path: "timestamp") ?? threadTimestamp,
                         service: ctx.service(derived: "openai", model: model), modelId: model, requestId: requestId, line: line)
            default:
                break  // items, errors (retries) and future events carry no usage.
            }
        }
        return ctx.result
    }
}
