import TallySystem
import TallyFormat
/// Right-to-deletion requests: every row of one user removed for good, atomically.
extension Store {
    /// Deletes every row whose `user_id` is `userId`, in `project` (nil = every project).
    ///
    /// Buffered rows are flushed first, so every acknowledged or buffered row is covered.
    /// Only parts whose `user_id` dictionary names the user are read; each of them is
    /// replaced by a copy without the user's rows (or removed, if nothing is left), and
    /// all replacements are published in one manifest commit: readers see every row of
    /// the user or none. The replaced files are then deleted from disk as soon as no
    /// snapshot of this process reads them (see ``DeletionReport/filesAwaitingRelease``),
    /// and files an earlier killed deletion left behind are deleted first. Quarantined
    /// files are never changed; those that may hold the user are listed in the report.
    ///
    /// With `dryRun` nothing is flushed, collected or written: the report says what would
    /// be removed from the committed rows (the store may then be read-only).
    ///
    /// - Throws: `StorageError` (I/O, a damaged part that cannot be read, a closed or
    ///   read-only store); the store is unchanged when it throws, except for an I/O error
    ///   after the manifest rename, when the deletion stands (see RELIABILITY.md).
    @discardableResult
    package func deleteRecords(userId: String, project: String? = nil, dryRun: Bool = false) throws -> DeletionReport {
        var report = DeletionReport(userId: userId, project: project, dryRun: dryRun)
        let pass = { () throws -> RowRemoval in
            try self.retryingConflicts {
                let holding = try self.snapshot().parts(project: project, days: nil).filter { try $0.mayHoldRows(ofUser: userId) }
                return try self.removeRows(dropping: [], filtering: holding, dryRun: dryRun) { $0.userId != userId }
            }
        }
        let removal: RowRemoval
        (report.orphanFilesRemoved, removal) = try runRemoval(dryRun: dryRun, pass)
        report.rowsRemoved = removal.rowsRemoved
        report.partsRewritten = removal.partsRewritten
        report.partsDropped = removal.partsDropped
        report.partsRead = removal.partsRead
        report.projects = removal.projects.sorted()
        report.filesAwaitingRelease = settleReplacedFiles(removal.replacedFiles)
        report.quarantinedFiles = quarantinedFiles().filter { quarantined($0, mayHold: userId, project: project) }
        return report
    }

    /// Whether a quarantined file may hold rows of `userId` in `project`: unreadable
    /// files may hold anything.
    private func quarantined(_ file: String, mayHold userId: String, project: String?) -> Bool {
        guard let reader = try? PartReader(path: file, fileSystem: fs) else { return true }
        if let project, reader.footer.projectId != project { return false }
        return (try? reader.dictionary(.userId).contains(userId)) ?? true
    }
}
