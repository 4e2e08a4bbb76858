import Foundation
import TallySystem
import TallyFormat
import TallyStore
import TallyTestSupport

/// Random stores for the retention and deletion tests, and brute-force views of them.
enum RemovalFixture {
    /// The user ids the fixture assigns (plus nil), so each user has many rows.
    static let users: [String?] = ["alice", "bob", "carol-ünï", "dave 🚀", nil, "user-to-forget-7f3a9c"]

    /// `count` random records over `projects` projects and `days` days, user ids drawn
    /// from `users`, written to a new store at `path` in `flushes` flushes (so partitions
    /// hold several parts). Returns the store and the records appended.
    static func store(
        at path: String, seed: UInt64, count: Int = 2_000, projects: Int = 4, days: Int = 120, flushes: Int = 5,
        codec: Codec = .lz4
    ) throws -> (Store, [UsageRecord]) {
        var g = SeededGenerator(seed: seed ^ 0xDE1E7E)
        var records = RandomRecords.make(count: count, seed: seed, projects: projects, days: days)
        for i in records.indices { records[i].userId = users.randomElement(using: &g)! }
        var options = StoreOptions()
        options.compactionThreshold = 0
        options.codec = codec
        let store = try Store.open(at: path, options: options)
        let chunk = (count + flushes - 1) / flushes
        for start in stride(from: 0, to: count, by: chunk) {
            try store.append(contentsOf: records[start..<min(count, start + chunk)])
            try store.flush()
        }
        return (store, records)
    }

    /// Every row of the snapshot, in the canonical order.
    static func rows(_ snapshot: Snapshot) throws -> [UsageRecord] {
        var out = [UsageRecord]()
        for p in snapshot.parts { try p.reader().readAllRecords { out.append($0) } }
        return RandomRecords.sorted(out)
    }

    /// Every file under `folder`, recursively (absolute paths).
    static func files(under folder: String) -> [String] {
        let all = (try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? []
        return all.map { folder + "/" + $0 }.filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }

    /// Whether `needle` occurs in the raw bytes of `file`.
    static func rawBytes(of file: String, contain needle: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: file) else { return false }
        return data.range(of: Data(needle.utf8)) != nil
    }
}
