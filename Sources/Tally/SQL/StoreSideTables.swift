/// The side tables of SQL (`rates`, `daily_stats`, `counters`) read from a store folder:
/// its rate card and its activity log, at the moment a statement asks.
package struct StoreSideTables: SideTableSource {
    /// The rate card in force.
    let rateCard: @Sendable () throws -> RateCard
    /// The activity log (an open one, or one opened read-only for the statement).
    let activity: @Sendable () throws -> ActivityLog

    /// The side tables of the store `store` (for the CLI, which opens a bare store): its
    /// saved rate card (the reference card if none was saved) and its activity log, opened
    /// read-only when a statement reads it.
    package init(store: Store) {
        rateCard = { try store.rateCard() }
        activity = { try ActivityLog.open(storePath: store.path, readOnly: true, fileSystem: store.options.fileSystem) }
    }

    /// The side tables of `database`: its rate card and its activity log.
    init(database: Database) {
        rateCard = { try database.rateCard() }
        activity = { try database.activityLogOpened() }
    }

    /// `table`'s rows, read now: the card in force, the activity log as last written.
    package func rows(of table: SideTable) throws -> DataChunk {
        switch table {
        case .rates:
            return RatesTable.rows(try rateCard())
        case .counters:
            let log = try activity()
            let projects = log.projects()
            var figures = [[Int64]](repeating: [], count: ActivityTables.counterFigures.count)
            for project in projects {
                let c = log.counters(project: project)
                let values = [c.sandboxesCreated, c.sandboxesTerminated, c.sessionsStarted, c.sessionsEnded, c.runsCreated, c.runsCompleted,
                              c.runsFailed, c.iterations, c.workflowsCreated, c.membersAdded, c.membersRemoved, c.invitationsSent,
                              c.invitationsResolved, c.activeSandboxes, c.activeSessions, c.members, c.pendingInvitations]
                for (f, v) in values.enumerated() { figures[f].append(v) }
            }
            return ActivityTables.counters(projects: projects, figures: figures)
        case .dailyStats:
            var projects: [String] = [], days: [Int32] = []
            var figures = [[Int64]](repeating: [], count: ActivityTables.dailyFigures.count)
            for (project, stats) in try activity().allDailyStats() {
                for d in stats {
                    projects.append(project)
                    days.append(d.day)
                    let values = [d.sandboxesCreated, d.runsCreated, d.runsCompleted, d.runsFailed, d.iterations, d.workflowsCreated]
                    for (f, v) in values.enumerated() { figures[f].append(v) }
                }
            }
            return ActivityTables.dailyStats(projects: projects, days: days, figures: figures)
        }
    }
}
