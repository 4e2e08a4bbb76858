import Foundation
import Tally

/// The JSON shapes of the library's answers (snake_case, money in USD with 9 decimals).
extension JSON {
    /// `YYYY-MM-DD`.
    static func day(_ d: Int32) -> JSON { .string(CivilDate.isoString(forDayNumber: d)) }

    /// An instant (ms) as RFC 3339 UTC.
    static func instant(_ ms: Int64) -> JSON {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return .string(f.string(from: Date(timeIntervalSince1970: Double(ms) / 1000)))
    }

    static func window(_ w: DateWindow) -> JSON {
        .object([("from", day(w.from)), ("to", day(w.to)), ("time_zone", .string(w.timeZone.identifier == "GMT" ? "UTC" : w.timeZone.identifier))])
    }

    static func summary(_ s: UsageSummary) -> JSON {
        let classes = TokenClass.allCases.map { c -> (String, JSON) in
            let u = s.byTokenClass[c]
            return (c.unit, .object([("quantity", .double(u?.quantity ?? 0)), ("cost_usd", .usd(u?.costNanos ?? 0))]))
        }
        return .object([
            ("cost_usd", .usd(s.costNanos)), ("tokens", .double(s.tokens)), ("sandbox_hours", .double(s.sandboxHours)),
            ("records", .int(s.records)), ("cache_savings_usd", .usd(s.cacheSavingsNanos)),
            ("unpriced_cache_read_tokens", .double(s.unpricedCacheReadTokens)), ("by_token_class", .object(classes)),
        ])
    }

    static func comparison(_ c: SummaryComparison) -> JSON {
        let names: [SummaryComparison.Metric: String] = [
            .cost: "cost_usd", .tokens: "tokens", .sandboxHours: "sandbox_hours", .records: "records", .cacheSavings: "cache_savings_usd",
        ]
        let changes = SummaryComparison.Metric.allCases.map { m -> (String, JSON) in
            let v: JSON
            switch c.changes[m] ?? .noPreviousData {
            case .noPreviousData: v = .string("no_previous_data")
            case .fromZero: v = .string("from_zero")
            case .percent(let p): v = .double(p)
            }
            return (names[m]!, v)
        }
        return .object([
            ("current", summary(c.current)), ("previous", summary(c.previous)),
            ("previous_window", window(c.previousWindow)), ("change_percent", .object(changes)),
        ])
    }

    static func bucket(_ b: UsageBucket, key: String) -> JSON {
        var members: [(String, JSON)] = []
        if let d = b.startDay { members.append((key, day(d))) } else { members.append((key, .optional(b.value) { .string($0) })) }
        members += [("cost_usd", .usd(b.costNanos)), ("tokens", .double(b.tokens)), ("records", .int(b.records))]
        return .object(members)
    }

    /// A group key of a result: text, an integer, a day, or a local time.
    static func value(_ v: ResultValue) -> JSON {
        switch v {
        case .string(let s): return .string(s)
        case .integer(let i): return .int(i)
        case .date(let d): return day(d)
        case .timestamp(let ms):
            let f = ISO8601DateFormatter()
            f.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
            return .string(f.string(from: Date(timeIntervalSince1970: Double(ms) / 1000)))
        case .money(let nanos): return .usd(nanos)
        case .double(let d): return .double(d)
        case .bool(let b): return .bool(b)
        case .null: return .null
        }
    }

    static func runDetail(_ d: RunDetail) -> JSON {
        .object([
            ("run_id", .string(d.runId)), ("cost_usd", .usd(d.costNanos)),
            ("steps", .array(d.steps.map { s in
                .object([
                    ("step_type", .optional(s.stepType) { .string($0) }), ("step_index", .optional(s.stepIndex) { .int($0) }),
                    ("cost_usd", .usd(s.costNanos)), ("duration_ms", .optional(s.durationMs) { .int($0) }),
                    ("tokens", .object(TokenClass.allCases.compactMap { c in s.tokens[c].map { (c.unit, .double($0)) } })),
                ])
            })),
        ])
    }

    static func runContext(_ c: RunContext) -> JSON {
        .object([
            ("run_id", .string(c.runId)), ("cost_usd", .usd(c.costNanos)), ("window", window(c.window)),
            ("run_count", .int(c.runCount)), ("mean_usd", .double(c.meanNanos / 1e9)), ("median_usd", .double(c.medianNanos / 1e9)),
            ("p90_usd", .double(c.p90Nanos / 1e9)), ("rank", .int(c.rank)),
        ])
    }

    static func counters(_ c: ActivityCounters) -> JSON {
        .object([
            ("sandboxes_created", .int(c.sandboxesCreated)), ("sandboxes_terminated", .int(c.sandboxesTerminated)),
            ("active_sandboxes", .int(c.activeSandboxes)),
            ("sessions_started", .int(c.sessionsStarted)), ("sessions_ended", .int(c.sessionsEnded)), ("active_sessions", .int(c.activeSessions)),
            ("runs_created", .int(c.runsCreated)), ("runs_completed", .int(c.runsCompleted)), ("runs_failed", .int(c.runsFailed)),
            ("iterations", .int(c.iterations)), ("workflows_created", .int(c.workflowsCreated)),
            ("members", .int(c.members)), ("pending_invitations", .int(c.pendingInvitations)),
        ])
    }

    static func activityDay(_ d: ActivityDay) -> JSON {
        .object([
            ("date", day(d.day)), ("sandboxes_created", .int(d.sandboxesCreated)), ("runs_created", .int(d.runsCreated)),
            ("runs_completed", .int(d.runsCompleted)), ("runs_failed", .int(d.runsFailed)), ("iterations", .int(d.iterations)),
            ("workflows_created", .int(d.workflowsCreated)),
        ])
    }
}
