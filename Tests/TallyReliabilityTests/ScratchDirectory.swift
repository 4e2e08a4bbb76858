import Foundation

/// A fresh directory for one test, removed by `remove()`.
///
/// Prefers a RAM file system (`/dev/shm`): these tests commit thousands of times and
/// every commit calls fsync and syncfs, which on a shared disk costs more than the
/// logic under test. Process kills and injected faults do not depend on the disk
/// surviving power loss, so nothing they check is weakened. Set
/// `TALLY_RELIABILITY_TMP` to run them on another file system (for example a real disk).
struct ScratchDirectory {
    let path: String

    init(prefix: String) throws {
        let env = ProcessInfo.processInfo.environment
        let base: String
        if let explicit = env["TALLY_RELIABILITY_TMP"] {
            base = explicit
        } else if access("/dev/shm", W_OK) == 0 {
            base = "/dev/shm"
        } else {
            base = FileManager.default.temporaryDirectory.path
        }
        path = base + "/" + prefix + "-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
