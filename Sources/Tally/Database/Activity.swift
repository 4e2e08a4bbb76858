/// A database's activity log: counts of sandboxes, sessions, runs, members and the like,
/// per project and day, durable on return like usage records.
public struct Activity: Sendable {
    let database: Database

    /// Records one event.
    public func record(_ event: ActivityEvent) throws {
        try database.activityLogOpened().append(event)
    }

    /// Records events all or nothing.
    public func record(contentsOf events: [ActivityEvent]) throws {
        try database.activityLogOpened().append(contentsOf: events)
    }

    /// The project's counters (all zero for a project with no events).
    public func counters(project: String) throws -> ActivityCounters {
        try database.activityLogOpened().counters(project: project)
    }

    /// Sessions open now against `cap` (nil = no cap).
    public func sessionQuota(project: String, cap: Int64?) throws -> SessionQuota {
        try database.activityLogOpened().sessionQuota(project: project, cap: cap)
    }

    /// The events of each day of `window`, per kind.
    public func dailyStats(project: String, window: DateWindow) throws -> [ActivityDay] {
        try database.activityLogOpened().dailyStats(project: project, window: window)
    }

    /// The projects with events.
    public func projects() throws -> [String] {
        try database.activityLogOpened().projects()
    }
}

extension Database {
    /// The database's activity log (opened and recovered on first use).
    public var activity: Activity { Activity(database: self) }
}
