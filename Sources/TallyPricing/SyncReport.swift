import TallySystem
import TallyFormat
/// What ``RateCard/syncMissing(from:)`` changed.
public struct SyncReport: Sendable, Hashable {
    /// Default rows the card lacked, now added.
    public var added = 0
    /// Rows that held an older default version, now replaced by the newer default.
    public var refreshed = 0
    /// Rows the user customised, left exactly as they were.
    public var keptCustomised = 0
    /// Rows already at the current (or a newer) default version.
    public var unchanged = 0

    /// Creates a report with the given counts.
    public init(added: Int = 0, refreshed: Int = 0, keptCustomised: Int = 0, unchanged: Int = 0) {
        self.added = added
        self.refreshed = refreshed
        self.keptCustomised = keptCustomised
        self.unchanged = unchanged
    }
}
