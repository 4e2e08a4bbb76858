import Synchronization
import TallySystem
import TallyFormat

/// A live part as seen by snapshots: its manifest entry, its path, and its reader,
/// opened on first use and then shared.
///
/// When a compaction or deletion replaces the part, the handle is marked obsolete; the
/// file is deleted when the last snapshot holding the handle goes away, so a reader in
/// the middle of a scan never loses its file.
package final class PartHandle: Sendable {
    /// The manifest entry.
    package let entry: PartEntry
    /// The absolute path of the part file.
    package let path: String
    let fs: FileSystem
    let budget: MemoryBudget
    private let cachedReader = Mutex<PartReader?>(nil)
    private let obsolete = Atomic<Bool>(false)

    init(entry: PartEntry, storePath: String, fileSystem: FileSystem, budget: MemoryBudget) {
        self.entry = entry
        self.path = storePath + "/" + entry.relativePath
        self.fs = fileSystem
        self.budget = budget
    }

    /// The part's reader (reads and checks the footer on first use).
    package func reader() throws -> PartReader {
        if let r = cachedReader.withLock({ $0 }) { return r }
        let r = try PartReader(path: path, fileSystem: fs, budget: budget)
        guard r.footer.rowCount == entry.rowCount, r.footer.projectId == entry.projectId else {
            throw StorageError.corrupt(
                path: path, reason: "footer says \(r.footer.rowCount) rows of '\(r.footer.projectId)', manifest says \(entry.rowCount) of '\(entry.projectId)'")
        }
        cachedReader.withLock { $0 = r }
        return r
    }

    func markObsolete() { obsolete.store(true, ordering: .releasing) }

    deinit {
        if obsolete.load(ordering: .acquiring) { try? fs.unlink(path) }
    }
}
