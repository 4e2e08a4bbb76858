import TallySystem
import TallyFormat
/// Replacing live parts by rewritten ones (re-pricing history, redacting a column):
/// the new parts are written unpublished, then one manifest commit swaps them in, so
/// readers see either every old part or every new one, and a crash leaves the old ones.
extension Store {
    /// Replaces the live parts `removing` by parts holding the rows of `records`, in one
    /// atomic commit. Empty buffers are ignored; the rows are written sorted as any part.
    ///
    /// Readers with an older snapshot keep reading the old parts until they let go of it.
    /// - Throws: `StorageError.conflict` if a part of `removing` is no longer live,
    ///   `StorageError` for I/O. After a conflict the store is unchanged; after an I/O
    ///   error it holds either the old parts or the new ones, never a mix.
    package func replaceParts(_ removing: [PartEntry], with records: [RowBuffer]) throws {
        if options.readOnly { throw StorageError.readOnly(path: path) }
        try checkStillLive(removing)
        let written = try writeParts(records)
        try publish(written, replacing: removing)
    }

    /// Rewrites every row of `parts` through `transform`, which returns whether it changed
    /// the row (it must keep the row's project and stay within the part's days). Parts where no row changed are
    /// left alone; the others are replaced in one atomic commit at the end, so at most one
    /// part's rows are held in memory at a time. Returns how many rows changed and how
    /// many parts were replaced.
    ///
    /// - Throws: `StorageError.conflict` if a part was replaced meanwhile, what
    ///   `transform` throws, or `StorageError`; the store then holds either the old parts
    ///   or the new ones (unchanged unless the failure came after the manifest was renamed).
    @discardableResult
    package func rewriteParts(_ parts: [PartHandle], transform: (inout UsageRecord) throws -> Bool) throws -> (rowsChanged: Int, partsReplaced: Int) {
        if options.readOnly { throw StorageError.readOnly(path: path) }
        var written = [PartEntry]()
        var replaced = [PartEntry]()
        var changed = 0
        let batch = ColumnBatch()
        do {
            for handle in parts {
                let entry = handle.entry
                var buffer = RowBuffer(projectId: entry.projectId, monthKey: entry.monthKey)
                var changedHere = 0
                try handle.reader().readAllRecords(batch: batch) { record in
                    var r = record
                    if try transform(&r) {
                        // A row that changed partition would be stored in the wrong part.
                        precondition(r.projectId == entry.projectId && entry.minDay <= r.day && r.day <= entry.maxDay,
                                      "rewriteParts: a transform must not move a row to another project or outside its part's days")
                        changedHere += 1
                    }
                    buffer.append(r)
                }
                guard changedHere > 0 else { continue }
                written += try writeParts([buffer], level: entry.level, replacing: [entry.id])
                replaced.append(entry)
                changed += changedHere
            }
            guard !replaced.isEmpty else { return (0, 0) }
            try checkStillLive(replaced)
        } catch {
            for e in written { try? fs.unlink(path + "/" + e.relativePath) }
            throw error
        }
        try publish(written, replacing: replaced)
        return (changed, replaced.count)
    }

    private func checkStillLive(_ entries: [PartEntry]) throws {
        let live = Set(snapshot().parts.map(\.entry.id))
        if let gone = entries.first(where: { !live.contains($0.id) }) {
            throw StorageError.conflict(
                reason: "part \(gone.id) of \(path) was replaced by another writer (a compaction?) during the rewrite; nothing was changed, run the command again")
        }
    }

    /// Commits `written` in place of `replacing`. The new files are deleted only when the
    /// commit was refused before anything was written: after any other failure the new
    /// manifest may be on disk already (renamed, but its folder not yet synced), naming
    /// these files, so they stay for orphan collection (`compact`, `repair`) to judge.
    private func publish(_ written: [PartEntry], replacing: [PartEntry]) throws {
        do {
            try commit(adding: written, removing: Set(replacing.map(\.id)), identity: nil)
        } catch StorageError.conflict(let reason) {
            for e in written { try? fs.unlink(path + "/" + e.relativePath) }
            throw StorageError.conflict(reason: reason)
        }
    }
}
