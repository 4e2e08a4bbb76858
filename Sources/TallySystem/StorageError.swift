#if canImport(Glibc)
import Glibc
#endif

/// Everything that can go wrong in the storage layer, with where and what to do.
public enum StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call failed.
    case io(operation: String, path: String, errno: Int32)
    /// A file's bytes fail their checksums or structure: it was damaged after writing.
    case corrupt(path: String, reason: String)
    /// Another process holds the store's write lock.
    case locked(path: String)
    /// A record breaks the schema; nothing of the batch was stored.
    case invalidRecord(field: String, value: String, reason: String, index: Int?)
    /// The store folder is not a Tally store, or was written by a newer version.
    case notAStore(path: String, reason: String)
    /// The store was opened read-only and a write was attempted.
    case readOnly(path: String)
    /// The store has been closed.
    case closed
    /// A change lost a race with a concurrent change to the same parts; nothing was published.
    case conflict(reason: String)
    /// An argument of a store operation is out of range; nothing was changed.
    case invalidArgument(name: String, value: String, reason: String)
    /// The store's manifest (the list of live parts) is missing or fails its checksum:
    /// the store cannot be opened until it is rebuilt (the part files are untouched).
    case manifestDamaged(path: String, reason: String)
    /// A read-only query lost a part file that a writer process replaced while the query
    /// ran, even after moving to the newest committed state; nothing is wrong with the store.
    case storeChanged(path: String)

    public var description: String {
        switch self {
        case let .io(op, path, e):
            let message = String(cString: strerror(e))
            var hint = ""
            if e == ENOSPC { hint = "; free disk space and retry: nothing unacknowledged was published" }
            if e == EACCES || e == EPERM { hint = "; check the permissions of the store folder" }
            return "I/O error: \(op) \(path): \(message) (errno \(e))\(hint)"
        case let .corrupt(path, reason):
            return "corrupt file \(path): \(reason); run `tally verify` to list damage and `tally repair` to quarantine it"
        case let .locked(path):
            return "the store is locked for writing by another process (\(path)); close that process or open the store read-only"
        case let .invalidRecord(field, value, reason, index):
            let at = index.map { " (record \($0))" } ?? ""
            return "invalid record\(at): field '\(field)' value '\(value)': \(reason)"
        case let .notAStore(path, reason):
            return "\(path) is not a Tally store: \(reason)"
        case let .readOnly(path):
            return "the store \(path) is open read-only; open it for writing to change it"
        case .closed:
            return "the store is closed"
        case let .conflict(reason):
            return "conflicting change: \(reason)"
        case let .invalidArgument(name, value, reason):
            return "invalid \(name) '\(value)': \(reason)"
        case let .manifestDamaged(path, reason):
            return "the store's manifest \(path) is damaged (\(reason)); run `tally repair` on the store to rebuild it from its copy or from the part files"
        case let .storeChanged(path):
            return "the store \(path) changed under the query (a writer replaced the parts it was reading); rerun the query"
        }
    }
}
