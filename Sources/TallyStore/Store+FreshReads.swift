#if canImport(Glibc)
import Glibc
#endif
import TallySystem
/// Reads by a read-only process that see what a writer process commits meanwhile.
///
/// A read-only store keeps the snapshot it opened until told otherwise, and a writer
/// deletes the files of parts it replaced (a merge, a deletion) once its own readers let
/// go: a long-lived reader would answer from an old state and then fail to open a part
/// that is gone. `read` moves to the newest committed state before each read (one `stat`
/// of `MANIFEST` when nothing changed) and, if a part vanished under it anyway (a commit
/// landed between the check and the scan), moves again and reruns the read once.
extension Store {
    /// For a read-only store: reloads the manifest if its file changed since it was
    /// read. Returns whether it did. A writable store is always current: returns false.
    @discardableResult
    package func refreshIfChanged() throws -> Bool {
        guard options.readOnly else { return false }
        let now = try fs.signature(of: path + "/" + Manifest.fileName)
        if now == manifestSignature.withLock({ $0 }) { return false }
        try refresh()
        return true
    }

    /// Runs `body` on the newest committed snapshot. For a read-only store, a part file
    /// that a writer removed during the read makes it refresh and run `body` once more;
    /// if that fails the same way, throws `StorageError.storeChanged` (rerun the query).
    package func read<T>(_ body: (Snapshot) throws -> T) throws -> T {
        try refreshIfChanged()
        let first = snapshot()
        do {
            return try body(first)
        } catch let error as StorageError where options.readOnly && error.errno == ENOENT {
            try refresh()
            let second = snapshot()
            // The same state again: the file is missing for another reason; report it as is.
            guard second.manifest.generation != first.manifest.generation else { throw error }
            do {
                return try body(second)
            } catch let again as StorageError where again.errno == ENOENT {
                throw StorageError.storeChanged(path: path)
            }
        }
    }
}
