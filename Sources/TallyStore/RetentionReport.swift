import TallySystem
import TallyFormat
/// What ``Store/applyRetention(keepingDays:today:dryRun:)`` removed (or, for a dry run,
/// would remove).
package struct RetentionReport: Sendable, Hashable {
    /// The first UTC day kept (day number): rows dated before it were removed.
    package var cutoffDay: Int32
    /// Whether nothing was changed (only counted).
    package var dryRun: Bool
    /// Rows removed.
    package var rowsRemoved = 0
    /// Parts removed whole, unread, because their last day is before the cutoff (or
    /// because no row of a part straddling it was kept).
    package var partsDropped = 0
    /// Parts straddling the cutoff, replaced by a copy holding only the days kept.
    package var partsRewritten = 0
    /// The projects that lost rows, sorted.
    package var projects: [String] = []
    /// Part files an earlier, interrupted process left, deleted before this one started.
    package var orphanFilesRemoved = 0
    /// Replaced part files still on disk because a snapshot in this process still reads
    /// them; each is deleted when its last snapshot is released (0 in a CLI run).
    package var filesAwaitingRelease = 0
    /// Files in `quarantine/`: retention never reads or changes quarantined files.
    package var quarantinedFiles: [String] = []

    /// Creates an empty report for `cutoffDay`.
    package init(cutoffDay: Int32, dryRun: Bool) {
        self.cutoffDay = cutoffDay
        self.dryRun = dryRun
    }
}
