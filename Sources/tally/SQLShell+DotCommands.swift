import Foundation
import Tally
import TallySQL

extension SQLShell {
    static let helpText = """
        Statements end with ';' and may span lines. Ctrl-C cancels a running query, Ctrl-D exits.
        SQL is DuckDB's dialect over the table usage (docs/sql.md): SELECT, DESCRIBE usage,
        SUMMARIZE usage, EXPLAIN [ANALYZE] SELECT ...
        Beside usage: rates (the rate card, one row per rate), daily_stats (activity per project
        and UTC day) and counters (activity totals per project); DESCRIBE rates shows a table's columns.
        Files join like tables: read_csv('teams.csv'), read_parquet('f.parquet'), FROM 'teams.csv'.
        .help                              this text
        .timer on|off                      print each statement's time
        .mode table|csv|json|jsonl|markdown  output format
        .schema                            the usage table's columns
        .tables                            the tables (usage, rates, daily_stats, counters)
        .summary PROJECT FROM TO [--compare]  cost, tokens, sandbox hours (days YYYY-MM-DD, inclusive)
        .byday PROJECT FROM TO             usage per day
        .byservice PROJECT FROM TO         usage per service
        .run RUN_ID                        a run's steps and cost
        .context RUN_ID                    a run against its project's last 30 days
        .quota PROJECT ANCHOR_DAY LIMIT    tokens used in the current billing period
        .quit                              leave

        """

    /// Runs a dot command; returns false when the session should end (`.quit`).
    /// Errors are printed; `ok` reports whether the command succeeded.
    func dotCommand(_ line: String, ok: inout Bool) -> Bool {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        ok = true
        do {
            switch words[0] {
            case ".quit", ".exit": return false
            case ".help": write(Self.helpText)
            case ".timer":
                guard words.count == 2, ["on", "off"].contains(words[1]) else { throw CLIError("usage: .timer on|off") }
                timer = words[1] == "on"
            case ".mode":
                guard words.count == 2, let f = SQLOutputFormat(rawValue: words[1]) else {
                    throw CLIError("usage: .mode table|csv|json|jsonl|markdown")
                }
                format = f
            case ".tables": write(SQLQuery.tableNames.joined(separator: "\n") + "\n")
            case ".schema":
                // The engine's table, as DESCRIBE shows it (hidden columns aside).
                let cols = UsageTable.columns.filter { !$0.hidden }.map { "    \($0.name) \($0.type)\($0.nullable ? "" : " NOT NULL")" }
                write("CREATE TABLE usage (\n" + cols.joined(separator: ",\n") + "\n);\n")
            case ".summary": try summary(words)
            case ".byday", ".byservice": try breakdown(words)
            case ".run", ".context": try runCommand(words)
            case ".quota": try quota(words)
            default: throw CLIError("unknown command \(words[0]); .help lists the commands")
            }
        } catch {
            printError("Error: \(error)")
            ok = false
        }
        return true
    }

    private func window(_ words: [String], usage: String) throws -> (String, DateWindow) {
        guard words.count >= 4, let from = CivilDate.parseISODate(words[2]), let to = CivilDate.parseISODate(words[3]) else {
            throw CLIError("usage: \(usage)")
        }
        return (words[1], DateWindow(from: from, to: to))
    }

    private var analytics: UsageAnalytics { UsageAnalytics(store: store) }

    private func summary(_ words: [String]) throws {
        let (project, window) = try window(words, usage: ".summary PROJECT FROM TO [--compare]")
        let pricer = try? RateCardCacheSavings(card: store.rateCard())
        let current: UsageSummary
        var previous: UsageSummary?
        var comparison: SummaryComparison?
        if words.contains("--compare") {
            let c = try analytics.summaryComparison(project: project, window: window, pricer: pricer)
            current = c.current
            previous = c.previous
            comparison = c
        } else {
            current = try analytics.summary(project: project, window: window, pricer: pricer)
        }
        func row(_ name: String, _ s: UsageSummary) -> [SQLValue] {
            [.string(name), .money(s.costNanos), .double(s.tokens), .double(s.sandboxHours), .int(Int128(s.records)), .money(s.cacheSavingsNanos)]
        }
        var rows = [row("current", current)]
        if let previous { rows.append(row("previous", previous)) }
        show([("period", .varchar), ("cost_usd", .money), ("tokens", .double), ("sandbox_hours", .double), ("records", .bigint), ("cache_savings_usd", .money)], rows)
        if let comparison {
            // The change per metric: a percentage, or why there is none.
            func text(_ metric: SummaryComparison.Metric) -> SQLValue {
                switch comparison.changes[metric] ?? .noPreviousData {
                case .noPreviousData: return .string("no previous data")
                case .fromZero: return .string("new (was 0)")
                case .percent(let p): return .string(String(format: "%+.1f%%", p))
                }
            }
            let metrics: [SummaryComparison.Metric] = [.cost, .tokens, .sandboxHours, .records, .cacheSavings]
            show([("cost_change", .varchar), ("tokens_change", .varchar), ("sandbox_hours_change", .varchar),
                  ("records_change", .varchar), ("cache_savings_change", .varchar)], [metrics.map(text)])
        }
    }

    private func breakdown(_ words: [String]) throws {
        let (project, window) = try window(words, usage: "\(words[0]) PROJECT FROM TO")
        let buckets = words[0] == ".byday"
            ? try analytics.usageSeries(project: project, window: window, bucket: .day)
            : try analytics.usageByService(project: project, window: window)
        let first: (String, ResultType) = words[0] == ".byday" ? ("day", .date) : ("service", .varchar)
        show([first, ("cost_usd", .money), ("tokens", .double), ("records", .bigint)], buckets.map { b in
            let key: SQLValue = words[0] == ".byday" ? (b.startDay.map { .date($0) } ?? .null) : (b.value.map { .string($0) } ?? .null)
            return [key, .money(b.costNanos), .double(b.tokens), .int(Int128(b.records))]
        })
    }

    /// The project that has rows of `runId`.
    private func project(ofRun runId: String) throws -> String {
        let r = try engine.execute(
            AggregateQuery(filters: [.oneOf(.runId, [.string(runId)])], groupBy: [.dimension(.projectId)], aggregates: [.count]),
            on: store.snapshot())
        guard let p = r.rows.first?.keys[0].string else { throw CLIError("no run \(runId) in this store") }
        return p
    }

    private func runCommand(_ words: [String]) throws {
        guard words.count == 2 else { throw CLIError("usage: \(words[0]) RUN_ID") }
        let project = try project(ofRun: words[1])
        if words[0] == ".run" {
            let d = try analytics.runDetail(project: project, runId: words[1])
            show([("step_type", .varchar), ("step_index", .bigint), ("tokens", .double), ("cost_usd", .money), ("duration_ms", .bigint)],
                 d.steps.map { s in
                    [s.stepType.map { .string($0) } ?? .null, s.stepIndex.map { .int(Int128($0)) } ?? .null,
                     .double(s.tokens.values.reduce(0, +)), .money(s.costNanos), s.durationMs.map { .int(Int128($0)) } ?? .null]
                 })
            write("run \(TerminalText.escaped(d.runId)) of \(TerminalText.escaped(project)): \(SQLResultFormatter.display(.money(d.costNanos))) USD\n")
        } else {
            guard let c = try analytics.runContext(project: project, runId: words[1]) else { throw CLIError("no run \(words[1])") }
            show([("run_id", .varchar), ("project_id", .varchar), ("cost_usd", .money), ("runs_in_window", .bigint), ("mean_usd", .double),
                  ("median_usd", .double), ("p90_usd", .double), ("rank", .bigint)],
                 [[.string(c.runId), .string(project), .money(c.costNanos), .int(Int128(c.runCount)), .double(c.meanNanos / 1e9),
                   .double(c.medianNanos / 1e9), .double(c.p90Nanos / 1e9), .int(Int128(c.rank))]])
        }
    }

    private func quota(_ words: [String]) throws {
        guard words.count == 4, let anchor = Int(words[2]), let limit = Double(words[3]) else {
            throw CLIError("usage: .quota PROJECT ANCHOR_DAY LIMIT")
        }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let q = try analytics.quotaWindow(project: words[1], containing: now, anchorDay: anchor, limit: limit)
        show([("period_start", .date), ("period_end", .date), ("used_tokens", .double), ("limit_tokens", .double), ("remaining_tokens", .double)],
             [[.date(q.startDay), .date(q.endDay), .double(q.used), q.limit.map { .double($0) } ?? .null, q.remaining.map { .double($0) } ?? .null]])
    }
}
