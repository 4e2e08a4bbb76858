import Foundation
import TallySystem
import TallyFormat

/// The counters of every project as of known lengths of the logs, so that opening a log
/// replays only what was appended after it (`activity/CHECKPOINT`, JSON, replaced
/// atomically). It is only a shortcut: deleting it makes the next open recount from the
/// logs, and a checkpoint that does not match the logs is ignored the same way.
struct ActivityCheckpoint: Codable, Sendable {
    static let fileName = "CHECKPOINT"
    static let currentVersion = 1

    /// The format version.
    var version = ActivityCheckpoint.currentVersion
    /// Counters per project id.
    var counters: [String: ActivityCounters] = [:]
    /// Bytes of each log (path relative to `activity/`) that `counters` cover.
    var covered: [String: Int] = [:]

    /// The checkpoint in `bytes`, or nil if it is unreadable or of another version.
    static func decode(_ bytes: [UInt8]) -> ActivityCheckpoint? {
        guard let c = try? JSONDecoder().decode(ActivityCheckpoint.self, from: Data(bytes)), c.version == currentVersion else { return nil }
        return c
    }

    /// The JSON bytes.
    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(self))
    }
}
