/// The schemas of the activity log's side tables, `daily_stats` and `counters`, and the
/// chunks they are read into. The `Tally` module fills them from the store's activity log
/// (this module does not read the log's files itself).
package enum ActivityTables {
    /// The daily figures, in `ActivityDay`'s order.
    package static let dailyFigures = ["sandboxes_created", "runs_created", "runs_completed", "runs_failed", "iterations", "workflows_created"]

    /// The lifetime counters, in `ActivityCounters`' order, then the derived "now" figures.
    package static let counterFigures = [
        "sandboxes_created", "sandboxes_terminated", "sessions_started", "sessions_ended", "runs_created", "runs_completed",
        "runs_failed", "iterations", "workflows_created", "members_added", "members_removed", "invitations_sent",
        "invitations_resolved", "active_sandboxes", "active_sessions", "members", "pending_invitations",
    ]

    /// `daily_stats`: project_id, date, then the day's figures (BIGINT).
    package static let dailyStatsColumns: [(name: String, type: LogicalType)] =
        [("project_id", .varchar), ("date", .date)] + dailyFigures.map { ($0, .bigint) }

    /// `counters`: project_id, then the counters (BIGINT).
    package static let countersColumns: [(name: String, type: LogicalType)] =
        [("project_id", .varchar)] + counterFigures.map { ($0, .bigint) }

    /// A `daily_stats` chunk: row `i` is `projects[i]` on `days[i]`; `figures[f][i]` is its
    /// figure `dailyFigures[f]`.
    package static func dailyStats(projects: [String], days: [Int32], figures: [[Int64]]) -> DataChunk {
        precondition(figures.count == dailyFigures.count && days.count == projects.count, "one array per daily figure, one entry per row")
        let n = projects.count
        let columns = [ColumnVector(type: .varchar, storage: .string(projects), count: n),
                       ColumnVector(type: .date, storage: .int64(days.map(Int64.init)), count: n)]
            + figures.map { ColumnVector(type: .bigint, storage: .int64($0), count: n) }
        return DataChunk(columns: columns, count: n)
    }

    /// A `counters` chunk: row `i` is `projects[i]`; `figures[f][i]` is its counter `counterFigures[f]`.
    package static func counters(projects: [String], figures: [[Int64]]) -> DataChunk {
        precondition(figures.count == counterFigures.count, "one array per counter")
        let n = projects.count
        let columns = [ColumnVector(type: .varchar, storage: .string(projects), count: n)]
            + figures.map { ColumnVector(type: .bigint, storage: .int64($0), count: n) }
        return DataChunk(columns: columns, count: n)
    }
}
