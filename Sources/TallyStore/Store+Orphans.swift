import TallySystem
import TallyFormat
extension Store {
    /// Deletes part files (and temporary part files) that no manifest lists and that an
    /// earlier process left behind: after a crash between writing parts and publishing
    /// them, after a failed commit, or after a crash that followed a compaction. Files
    /// this process wrote or still reads are never touched. Returns how many were deleted.
    ///
    /// Called by `compact()` and `repair()`; orphans are harmless (never read), this only
    /// gives their disk space back.
    @discardableResult
    package func collectOrphans() throws -> Int {
        if options.readOnly { throw StorageError.readOnly(path: path) }
        let data = path + "/data"
        var doomed = [String]()
        var aboveCounter = [(String, UInt64)]()
        let counter = nextPartId.load(ordering: .acquiring)
        for project in fs.list(data) {
            let folder = data + "/" + project
            for name in fs.list(folder) {
                guard let id = Store.partId(fromFileName: name) else { continue }
                let file = folder + "/" + name
                if id < openedNextPartId {
                    // Before this process: a temporary file, or a part the manifest did not list.
                    if name.hasSuffix(".tmp") || !openedLiveIds.contains(id) { doomed.append(file) }
                } else if id >= counter {
                    // Ids this process has not handed out yet: written by a process that
                    // crashed before publishing them.
                    aboveCounter.append((file, id))
                }
                // Ids in [openedNextPartId, counter) are this process's own parts.
            }
        }
        if let highest = aboveCounter.map(\.1).max() {
            // Move the counter past them first, so no new part can take their names.
            var current = nextPartId.load(ordering: .acquiring)
            while current <= highest {
                let (exchanged, original) = nextPartId.compareExchange(expected: current, desired: highest + 1, ordering: .acquiringAndReleasing)
                if exchanged { break }
                current = original
            }
            doomed += aboveCounter.map(\.0)
        }
        for file in doomed { try fs.unlink(file) }
        return doomed.count
    }

    /// The part id in `YYYY-MM-<id>.tly` or `YYYY-MM-<id>.tly.tmp`.
    static func partId(fromFileName name: String) -> UInt64? {
        var stem = Substring(name)
        if stem.hasSuffix(".tmp") { stem = stem.dropLast(4) }
        guard stem.hasSuffix("." + PartFormat.fileExtension) else { return nil }
        stem = stem.dropLast(PartFormat.fileExtension.count + 1)
        guard let dash = stem.lastIndex(of: "-") else { return nil }
        return UInt64(stem[stem.index(after: dash)...])
    }
}
