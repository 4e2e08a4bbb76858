import TallySystem
import TallyFormat
/// A damaged part found by `Store.verify()`.
package struct PartDamage: Sendable, CustomStringConvertible {
    /// The part's manifest entry.
    package var entry: PartEntry
    /// The part file's path.
    package var path: String
    /// What is wrong.
    package var problem: String

    package var description: String {
        let month = CivilDate.isoString(forDayNumber: entry.minDay).prefix(7)
        return "\(path) (project '\(entry.projectId)', partition \(month)): \(problem)"
    }
}

extension Store {
    /// Reads every live part in full and checks every checksum and structure.
    /// Returns the damaged parts (empty when the store is sound).
    /// A part that could not be read at all (an I/O error) is listed too.
    package func verify() -> [PartDamage] {
        snapshot().parts.compactMap { handle in
            problem(of: handle).map { PartDamage(entry: handle.entry, path: handle.path, problem: "\($0)") }
        }
    }

    /// Why a part fails to decode in full, or nil when it decodes.
    private func problem(of handle: PartHandle) -> (any Error)? {
        do {
            try handle.reader().verify()
            return nil
        } catch {
            return error
        }
    }

    /// Moves damaged parts into `quarantine/` (never deleting them) and publishes a
    /// manifest without them, so the rest of the store stays queryable. Returns what
    /// was moved. An I/O error reading a part throws it and moves nothing.
    @discardableResult
    package func repair() throws -> [PartDamage] {
        try collectOrphans()
        var damage = [PartDamage]()
        for handle in snapshot().parts {
            guard let error = problem(of: handle) else { continue }
            // A read that failed (EIO, too many open files) says nothing of the part's
            // bytes: quarantining it would take sound rows out of the store. Stop instead,
            // publishing nothing; a rerun completes.
            if let error = error as? StorageError, error.isAccessFailure { throw error }
            damage.append(PartDamage(entry: handle.entry, path: handle.path, problem: "\(error)"))
        }
        guard !damage.isEmpty else { return [] }
        // The damaged files get their name in `quarantine/` first, then the manifest drops
        // them, then their old names go. Moving them before the commit left, when the
        // commit failed or the power was cut between the two, a manifest listing files
        // that were gone (every scan failed); after it, a crash would leave them as
        // orphans, which the next compaction deletes. A crash at any point now leaves
        // the store as before or as after, and every damaged file kept.
        let quarantine = path + "/quarantine"
        try fs.makeDirectories(quarantine)
        var moved = [String]()
        for d in damage where fs.exists(d.path) {
            let name = ProjectDirectoryName.escape(d.entry.projectId) + "-" + String(d.entry.id) + "." + PartFormat.fileExtension
            // A link left by an interrupted repair of the same part is replaced.
            try fs.unlink(quarantine + "/" + name)
            try fs.link(d.path, quarantine + "/" + name)
            moved.append(d.path)
        }
        try fs.fsyncDirectory(quarantine)
        try commit(adding: [], removing: Set(damage.map(\.entry.id)), identity: nil)
        // Unlisted now, and kept under quarantine/: if this fails the file is an orphan
        // the next compaction or repair collects.
        for file in moved { try? fs.unlink(file) }
        return damage
    }
}
