#if canImport(Glibc)
import Glibc
#endif
import TallySystem
import TallyFormat

/// Removing rows for good, shared by retention and deletion requests.
///
/// Every affected part is read once; the rows that stay are written as a new,
/// unpublished part (with its hourly rollup rebuilt from those rows), a part that keeps
/// no row gets no replacement, and one manifest commit swaps them all in. Readers see
/// every old part or every new one; a crash before the commit leaves the old state
/// (the new files are orphans), a crash after it the new one (the old files are
/// orphans). Orphans are deleted by the next removal, `compact` or `repair`.
///
/// Old files are deleted when the last snapshot in this process that reads them goes
/// away (`PartHandle`); the removal then fsyncs their folders, so the unlinks are durable.
extension Store {
    /// What one removal pass found (dry run) or did.
    struct RowRemoval {
        var rowsRemoved = 0
        var partsRewritten = 0
        var partsDropped = 0
        var partsRead = 0
        var projects = Set<String>()
        /// The files of the replaced parts: deleted as soon as no snapshot reads them.
        var replacedFiles = [String]()
    }

    /// Runs a removal pass: as is for a dry run (it changes nothing), otherwise through
    /// `exclusiveRemoval`.
    func runRemoval(dryRun: Bool, _ pass: () throws -> RowRemoval) throws -> (orphans: Int, result: RowRemoval) {
        dryRun ? (0, try pass()) : try exclusiveRemoval(pass)
    }

    /// Runs `body` as the only merge or removal in this store (a background compaction
    /// waits), after flushing buffered rows (so they are covered too) and collecting the
    /// orphan files an earlier, interrupted process left (a killed removal leaves the
    /// files it replaced). Returns the orphans collected and what `body` returned.
    func exclusiveRemoval<T>(_ body: () throws -> T) throws -> (orphans: Int, result: T) {
        try checkWritable()
        while !compacting.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged {
            usleep(1000)
        }
        defer { compacting.store(false, ordering: .releasing) }
        try flush()
        let orphans = try collectOrphans()
        return (orphans, try body())
    }

    /// Retries `body` when a concurrent change replaced one of its parts first (another
    /// thread's rewrite or repair); nothing was published by the failed attempt.
    func retryingConflicts<T>(_ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try body()
            } catch StorageError.conflict where attempt < 8 {
                continue
            }
        }
    }

    /// Removes every row of `dropped` and the rows of `filtered` that `keep` rejects, in
    /// one manifest commit (none when `dryRun`, which only counts).
    ///
    /// - Throws: `StorageError.conflict` if a part was replaced meanwhile (nothing was
    ///   published), `StorageError` for I/O; the store is unchanged unless the failure
    ///   struck after `MANIFEST` was renamed (see `Store.commit`), when the new state stands.
    func removeRows(
        dropping dropped: [PartHandle], filtering filtered: [PartHandle], dryRun: Bool,
        keep: (UsageRecord) -> Bool
    ) throws -> RowRemoval {
        var result = RowRemoval()
        var written = [PartEntry]()
        var removed = [PartEntry]()
        for h in dropped {
            result.rowsRemoved += h.entry.rowCount
            result.partsDropped += 1
            result.projects.insert(h.entry.projectId)
            removed.append(h.entry)
        }
        let batch = ColumnBatch()
        do {
            for h in filtered {
                let entry = h.entry
                var buffer = RowBuffer(projectId: entry.projectId, monthKey: entry.monthKey)
                var gone = 0
                result.partsRead += 1
                try h.reader().readAllRecords(batch: batch) { r in
                    if !keep(r) {
                        gone += 1
                    } else if !dryRun {
                        buffer.append(r)
                    }
                }
                guard gone > 0 else { continue }
                result.rowsRemoved += gone
                result.projects.insert(entry.projectId)
                removed.append(entry)
                if gone == entry.rowCount {
                    result.partsDropped += 1
                } else {
                    result.partsRewritten += 1
                    if !dryRun { written += try writeParts([buffer], level: entry.level, replacing: [entry.id]) }
                }
            }
        } catch {
            for e in written { try? fs.unlink(path + "/" + e.relativePath) }
            throw error
        }
        guard !dryRun, !removed.isEmpty else { return result }
        do {
            try commit(adding: written, removing: Set(removed.map(\.id)), identity: nil)
        } catch let error as StorageError {
            // Only a refused commit certainly published nothing; after any other failure
            // the new MANIFEST may be in place and must keep its files.
            if case .conflict = error {
                for e in written { try? fs.unlink(path + "/" + e.relativePath) }
            }
            throw error
        }
        result.replacedFiles = removed.map { path + "/" + $0.relativePath }
        return result
    }

    /// After a removal returned (so its own snapshot is released): how many replaced
    /// files are still on disk because another snapshot of this process reads them.
    /// Makes the unlinks of the others durable by fsyncing their folders.
    func settleReplacedFiles(_ files: [String]) -> Int {
        var folders = Set<String>()
        var remaining = 0
        for f in files {
            if fs.exists(f) { remaining += 1 } else { folders.insert(fs.parentDirectory(of: f)) }
        }
        for folder in folders where fs.exists(folder) { try? fs.fsyncDirectory(folder) }
        return remaining
    }

    /// The part files in `quarantine/` (moved there by `repair`): removals cannot read
    /// them reliably and never change them, so they are reported instead.
    func quarantinedFiles() -> [String] {
        let folder = path + "/quarantine"
        return fs.list(folder).filter { !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
    }
}
