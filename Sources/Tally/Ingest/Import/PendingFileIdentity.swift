import Foundation

/// A file's `FileIdentity`, computed on a thread of its own while the importer parses
/// the same file: fingerprinting first and parsing after cost a whole extra read of the
/// file on the parsing thread (7% of a CSV import), while the other core sat idle.
final class PendingFileIdentity: @unchecked Sendable {
    // `result` is guarded by `condition`.
    private let condition = NSCondition()
    private var result: Result<String, any Error>?

    /// Starts fingerprinting the file at `path`.
    init(path: String) {
        let thread = Thread { [self] in
            let r = Result { try FileIdentity.of(path: path) }
            condition.lock()
            result = r
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "tally-import-fingerprint"
        thread.start()
    }

    /// The identity, waiting for it if need be; rethrows an error reading the file.
    func value() throws -> String {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return try result!.get()
    }
}
