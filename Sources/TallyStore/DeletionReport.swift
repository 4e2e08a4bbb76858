import TallySystem
import TallyFormat
/// What ``Store/deleteRecords(userId:project:dryRun:)`` removed (or, for a dry run,
/// would remove).
public struct DeletionReport: Sendable, Hashable {
    /// The user whose rows were deleted.
    public var userId: String
    /// The project the deletion was limited to (nil = every project).
    public var project: String?
    /// Whether nothing was changed (only counted).
    public var dryRun: Bool
    /// Rows removed.
    public var rowsRemoved = 0
    /// Parts replaced by a copy without the user's rows.
    public var partsRewritten = 0
    /// Parts removed outright because every row was the user's.
    public var partsDropped = 0
    /// Parts read because their `user_id` dictionary holds the user; the others were
    /// skipped without reading their rows.
    public var partsRead = 0
    /// The projects that had rows of the user, sorted.
    public var projects: [String] = []
    /// Part files an earlier, interrupted process left (possibly the old files of a killed
    /// deletion), deleted before this one started.
    public var orphanFilesRemoved = 0
    /// Replaced part files still on disk because a snapshot in this process still reads
    /// them; each is deleted when its last snapshot is released (0 in a CLI run).
    public var filesAwaitingRelease = 0
    /// Files in `quarantine/` that may hold rows of the user (they are damaged, or their
    /// dictionary names the user): deletion never changes quarantined files, so these
    /// must be reviewed and removed by hand.
    public var quarantinedFiles: [String] = []

    /// Creates an empty report.
    public init(userId: String, project: String?, dryRun: Bool) {
        self.userId = userId
        self.project = project
        self.dryRun = dryRun
    }
}
