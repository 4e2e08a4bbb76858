import TallyFormat

/// What makes two rows the same measured usage: the same call of the same runtime
/// (project, capture source, request id), the same unit, on the same UTC day.
///
/// The day is part of the key because a call's rows all carry the call's time: looking a
/// key up needs only the rows of that day, which the part's day index finds without
/// reading any other (see `Store.storedRequests(project:day:)`).
package struct RequestKey: Hashable, Sendable {
    /// The project (tenant).
    package var projectId: String
    /// The UTC day of the row's `ts`, days since 1970-01-01.
    package var day: Int32
    /// The parser or importer that wrote the row (`capture_source`; nil is a value too).
    package var captureSource: String?
    /// The runtime's request or message id.
    package var requestId: String
    /// The unit measured.
    package var unit: String

    /// The key of a record, or nil when it has no request id (never deduplicated).
    package init?(_ r: UsageRecord) {
        guard let id = r.requestId else { return nil }
        self.init(projectId: r.projectId, day: r.day, captureSource: r.captureSource, requestId: id, unit: r.unit)
    }

    /// A key from its parts.
    package init(projectId: String, day: Int32, captureSource: String?, requestId: String, unit: String) {
        self.projectId = projectId
        self.day = day
        self.captureSource = captureSource
        self.requestId = requestId
        self.unit = unit
    }
}
