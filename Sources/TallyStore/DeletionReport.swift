import TallySystem
import TallyFormat
/// What ``Store/deleteRecords(userId:project:dryRun:)`` removed (or, for a dry run,
/// would remove).
package struct DeletionReport: Sendable, Hashable {
    /// The user whose rows were deleted.
    package var userId: String
    /// The project the deletion was limited to (nil = every project).
    package var project: String?
    /// Whether nothing was changed (only counted).
    package var dryRun: Bool
    /// Rows removed.
    package var rowsRemoved = 0
    /// Parts replaced by a copy without the user's rows.
    package var partsRewritten = 0
    /// Parts removed outright because every row was the user's.
    package var partsDropped = 0
    /// Parts read because their `user_id` dictionary holds the user; the others were
    /// skipped without reading their rows.
    package var partsRead = 0
    /// The projects that had rows of the user, sorted.
    package var projects: [String] = []
    /// Part files an earlier, interrupted process left (possibly the old files of a killed
    /// deletion), deleted before this one started.
    package var orphanFilesRemoved = 0
    /// Replaced part files still on disk because a snapshot in this process still reads
    /// them; each is deleted when its last snapshot is released (0 in a CLI run).
    package var filesAwaitingRelease = 0
    /// Files in `quarantine/` that may hold rows of the user (they are damaged, or their
    /// dictionary names the user): deletion never changes quarantined files, so these
    /// must be reviewed and removed by hand.
    package var quarantinedFiles: [String] = []

    /// Creates an empty report.
    package init(userId: String, project: String?, dryRun: Bool) {
        self.userId = userId
        self.project = project
        self.dryRun = dryRun
    }
}
