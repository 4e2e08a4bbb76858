import Foundation
import Testing
import TallySystem
import TallyFormat
import TallyStore
import TallyTestSupport

@Suite struct StoreBehaviourTests {
    static let day0 = Int64(CivilDate.dayNumber(year: 2026, month: 1, day: 1)) * CivilDate.millisecondsPerDay

    static func record(_ project: String, day: Int, cost: Int64 = 1_000) -> UsageRecord {
        UsageRecord(
            projectId: project, ts: day0 + Int64(day) * CivilDate.millisecondsPerDay + 3_600_000,
            service: "anthropic", unit: "input_tokens", quantity: 10, costNanos: cost, runId: "r-\(day)")
    }

    static func costSum(_ snapshot: Snapshot, project: String? = nil, days: ClosedRange<Int32>? = nil) throws -> (rows: Int, cost: Int64) {
        var rows = 0, cost: Int64 = 0
        try snapshot.scan(project: project, days: days, columns: [.cost]) { _, batch, range in
            for i in range { cost += batch.cost[i] }
            rows += range.count
        }
        return (rows, cost)
    }

    @Test func partitionPruningOpensOnlyTheNeededParts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let counters = IOCounters()
        var options = StoreOptions()
        options.fileSystem = FileSystem(counters: counters)
        options.compactionThreshold = 0
        options.sharedPartRows = 0  // a part per month, as large projects have
        let store = try Store.open(at: dir.path + "/s", options: options)
        // 3 projects x 90 days = 3 projects x 3 months = 9 partitions.
        for p in ["a", "b", "c"] { for d in 0..<90 { try store.append(Self.record(p, day: d)) } }
        try store.flush()
        let snapshot = store.snapshot()
        #expect(snapshot.parts.count == 9)
        counters.reset()
        let jan = CivilDate.dayNumber(year: 2026, month: 1, day: 10)...CivilDate.dayNumber(year: 2026, month: 1, day: 20)
        let result = try Self.costSum(snapshot, project: "b", days: jan)
        #expect(result.rows == 11)
        #expect(result.cost == 11_000)
        // Only project b's January part was opened: one file.
        #expect(counters.pathsOpened.count == 1)
        #expect(counters.pathsOpened.first!.contains("/data/b/2026-01-"))
        let allBytes = snapshot.parts.reduce(0) { $0 + $1.entry.fileSize }
        #expect(counters.bytesRead < allBytes / 5)
        // A project that does not exist opens nothing.
        counters.reset()
        #expect(try Self.costSum(snapshot, project: "zzz", days: jan).rows == 0)
        #expect(counters.filesOpened == 0)
    }

    @Test func snapshotsAreIsolatedFromLaterAppendsAndCompactions() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var options = StoreOptions()
        options.compactionThreshold = 0
        let store = try Store.open(at: dir.path + "/s", options: options)
        for d in 0..<10 { try store.append(Self.record("a", day: d)) }
        try store.flush()
        let before = store.snapshot()
        for d in 0..<10 { try store.append(Self.record("a", day: d)) }
        #expect(try Self.costSum(store.snapshot()).rows == 10)  // buffered rows are not visible
        try store.flush()
        #expect(try store.compact() == 2)
        #expect(try Self.costSum(before).rows == 10)
        #expect(try Self.costSum(store.snapshot()).rows == 20)
        // The snapshot keeps its (now obsolete) part file until it is released.
        #expect(FileManager.default.fileExists(atPath: before.parts[0].path))
    }

    @Test func concurrentReadersAlwaysSeeWholeFlushes() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var options = StoreOptions()
        options.compactionThreshold = 3
        let store = try Store.open(at: dir.path + "/s", options: options)
        let flushes = 30, perFlush = 40
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for f in 0..<flushes {
                    for i in 0..<perFlush { try store.append(Self.record("p\(i % 3)", day: (f * 7 + i) % 60, cost: 5)) }
                    try store.flush()
                }
            }
            for _ in 0..<3 {
                group.addTask {
                    for _ in 0..<60 {
                        let (rows, cost) = try Self.costSum(store.snapshot())
                        #expect(rows % perFlush == 0, "a reader saw a partial flush: \(rows) rows")
                        #expect(cost == Int64(rows) * 5)
                    }
                }
            }
            try await group.waitForAll()
        }
        try store.close()
        #expect(try Self.costSum(store.snapshot()).rows == flushes * perFlush)
    }

    @Test func aSecondWriterIsRefusedAndReadersMayOpen() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.open(at: dir.path + "/s")
        #expect(throws: StorageError.locked(path: dir.path + "/s/LOCK")) { try Store.open(at: dir.path + "/s") }
        var ro = StoreOptions()
        ro.readOnly = true
        let reader = try Store.open(at: dir.path + "/s", options: ro)
        #expect(throws: StorageError.readOnly(path: dir.path + "/s")) { try reader.append(Self.record("a", day: 1)) }
        try store.append(Self.record("a", day: 1))
        try store.flush()
        try reader.refresh()
        #expect(reader.snapshot().rowCount == 1)
        try store.close()
    }

    @Test func invalidRecordsAreRejectedByFieldAndNothingIsStored() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.open(at: dir.path + "/s")
        try store.append(Self.record("a", day: 1))
        try store.flush()
        var bad = [Self.record("a", day: 2), Self.record("", day: 3)]
        #expect(throws: StorageError.invalidRecord(field: "project_id", value: "", reason: "project_id is required and must not be empty", index: 1)) {
            try store.append(contentsOf: bad)
        }
        bad[1] = Self.record("a", day: 3)
        bad[1].quantity = -3
        #expect(throws: StorageError.invalidRecord(field: "quantity", value: "-3.0", reason: "quantity must not be negative", index: 1)) {
            try store.append(contentsOf: bad)
        }
        bad[1].quantity = .nan
        #expect(throws: StorageError.self) { try store.append(contentsOf: bad) }
        bad[1].quantity = 1
        bad[1].service = "Not Snake"
        #expect(throws: StorageError.self) { try store.append(contentsOf: bad) }
        #expect(store.bufferedRowCount == 0)
        try store.flush()
        #expect(store.snapshot().rowCount == 1)
    }

    @Test func halfWrittenPartsFromACrashAreIgnored() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/s"
        do {
            let store = try Store.open(at: path)
            for d in 0..<5 { try store.append(Self.record("a", day: d)) }
            try store.close()
        }
        // A crash mid-flush leaves a temporary part, and maybe a renamed part whose
        // manifest commit never happened, and a half-written manifest temp file.
        let projectDir = path + "/data/a"
        try Data(repeating: 0xAB, count: 4096).write(to: URL(fileURLWithPath: projectDir + "/2026-01-99.tly.tmp"))
        try Data("TALLYPT1garbage".utf8).write(to: URL(fileURLWithPath: projectDir + "/2026-01-98.tly"))
        try Data("TALLYMF1 half".utf8).write(to: URL(fileURLWithPath: path + "/MANIFEST.tmp"))
        let store = try Store.open(at: path)
        #expect(store.snapshot().parts.count == 1)
        #expect(try Self.costSum(store.snapshot()).rows == 5)
        // The next flush reuses no committed name and publishes cleanly.
        try store.append(Self.record("a", day: 6))
        try store.flush()
        #expect(try Self.costSum(store.snapshot()).rows == 6)
        // Leftovers of the crash (ids below the next id at open, never listed) are
        // collected; this process's own parts are not.
        try Data("TALLYPT1".utf8).write(to: URL(fileURLWithPath: projectDir + "/2026-01-1.tly.tmp"))
        #expect(try store.collectOrphans() == 3)  // that temporary file, and 98 and 99 from the crash
        #expect(!FileManager.default.fileExists(atPath: projectDir + "/2026-01-1.tly.tmp"))
        #expect(!FileManager.default.fileExists(atPath: projectDir + "/2026-01-98.tly"))
        #expect(try Self.costSum(store.snapshot()).rows == 6)
        try store.append(Self.record("a", day: 7))
        try store.flush()  // takes an id past the collected ones
        let reopened = try { () throws -> Store in try store.close(); return try Store.open(at: path) }()
        #expect(try reopened.collectOrphans() == 0)
        #expect(try Self.costSum(reopened.snapshot()).rows == 7)
        #expect(reopened.verify().isEmpty)
    }

    @Test func aFailedManifestCommitPublishesNothingAndKeepsRowsForRetry() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/s"
        let faults = FaultInjector([.init(operation: .rename, pathContains: "MANIFEST", errno: ENOSPC, skip: 2)])
        var options = StoreOptions()
        options.fileSystem = FileSystem(faults: faults)
        let store = try Store.open(at: path, options: options)  // creation renames the manifest and its copy
        try store.append(Self.record("a", day: 1))
        #expect(throws: StorageError.io(operation: "rename", path: path + "/MANIFEST", errno: ENOSPC)) { try store.flush() }
        #expect(store.snapshot().rowCount == 0)
        #expect(store.bufferedRowCount == 1)
        try store.flush()  // the fault was one-shot: the retry publishes the row
        #expect(store.snapshot().rowCount == 1)
        try store.close()
        #expect(try Store.open(at: path).snapshot().rowCount == 1)
    }

    /// A transaction's intermediate part writes skip their own sync; the one `syncfs`
    /// before its commit must still come before the manifest is written, even when the
    /// last write left nothing buffered. The first fsync-class call of the commit failing
    /// names the store folder (the sync), not `MANIFEST.tmp`, and publishes nothing.
    @Test func aTransactionSyncsItsPartsBeforeItsManifest() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/s"
        try Store.open(at: path).close()
        var options = StoreOptions()
        options.maxBufferedRows = 4
        options.compactionThreshold = 0
        options.fileSystem = FileSystem(faults: FaultInjector([.init(operation: .fsync, errno: EIO)]))
        let store = try Store.open(at: path, options: options)
        let tx = try #require(try store.beginTransaction())
        for d in 0..<8 { try tx.append(Self.record("a", day: d)) }  // two writes, nothing left buffered
        #expect(throws: StorageError.io(operation: "fsync", path: path, errno: EIO)) { try tx.commit() }
        #expect(store.snapshot().rowCount == 0)
        tx.rollback()
        try store.close()
        #expect(try Store.open(at: path).snapshot().rowCount == 0)
    }

    /// A commit that fails after MANIFEST was renamed (the folder's fsync) may have
    /// published the transaction: rolling it back (as the importer does on any error)
    /// must not delete the parts the manifest on disk names. Found by the import fault sweep.
    @Test func aTransactionRolledBackAfterAnAmbiguousCommitKeepsItsParts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/s"
        try Store.open(at: path).close()
        var options = StoreOptions()
        options.compactionThreshold = 0
        // The commit's fsyncs: the sync of the parts, MANIFEST.tmp, then the folder.
        options.fileSystem = FileSystem(faults: FaultInjector([.init(operation: .fsync, errno: EIO, skip: 2)]))
        let store = try Store.open(at: path, options: options)
        let tx = try #require(try store.beginTransaction(identity: "batch"))
        for d in 0..<8 { try tx.append(Self.record("a", day: d)) }
        #expect(throws: StorageError.io(operation: "fsync", path: path, errno: EIO)) { try tx.commit() }
        tx.rollback()
        try store.close()
        let reopened = try Store.open(at: path)
        #expect(reopened.snapshot().rowCount == 8)
        #expect(reopened.verify().isEmpty)
    }

    @Test func corruptPartsAreNamedAndTheRestStaysReadable() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/s"
        do {
            let store = try Store.open(at: path)
            for p in ["a", "b"] { for d in 0..<20 { try store.append(Self.record(p, day: d)) } }
            try store.close()
        }
        let store = try Store.open(at: path)
        let victim = store.snapshot().parts(project: "a", days: nil)[0].path
        var bytes = try Data(contentsOf: URL(fileURLWithPath: victim))
        bytes[20] ^= 0xFF  // inside the first blob
        try bytes.write(to: URL(fileURLWithPath: victim))
        do {
            try store.snapshot().parts(project: "a", days: nil)[0].reader().verify()
            Issue.record("corruption was not detected")
        } catch let StorageError.corrupt(p, reason) {
            #expect(p == victim)
            #expect(reason.contains("checksum"))
        }
        #expect(try Self.costSum(store.snapshot(), project: "b").rows == 20)
        // A truncated part is detected at its footer.
        try bytes.prefix(bytes.count - 3).write(to: URL(fileURLWithPath: victim))
        let reopened = try Store.open(at: path + "", options: { var o = StoreOptions(); o.readOnly = true; return o }())
        #expect(throws: StorageError.self) { try reopened.snapshot().parts(project: "a", days: nil)[0].reader() }
    }

    @Test func hostileProjectIdsStayInsideTheStore() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/s"
        let store = try Store.open(at: path)
        let ids = ["../escape", "/etc/passwd", "..", ".", "a/b", "ünï 🚀", String(repeating: "long", count: 200), "%41"]
        for id in ids { try store.append(Self.record(id, day: 1)) }
        try store.flush()
        for p in store.snapshot().parts {
            #expect(p.path.hasPrefix(path + "/data/"))
            #expect(!p.path.dropFirst(path.count).contains("/../"))
        }
        #expect(Set(store.snapshot().projectIds) == Set(ids))
        #expect(FileManager.default.subpaths(atPath: dir.path)!.allSatisfy { $0.hasPrefix("s") })
    }

    @Test func transactionsAreAllOrNothingAndIdentitiesDeduplicate() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var options = StoreOptions()
        options.maxBufferedRows = 10  // forces unpublished intermediate parts
        let store = try Store.open(at: dir.path + "/s", options: options)
        let tx = try #require(try store.beginTransaction(identity: "file-1"))
        for d in 0..<35 { try tx.append(Self.record("a", day: d)) }
        #expect(store.snapshot().rowCount == 0)
        try tx.commit()
        #expect(store.snapshot().rowCount == 35)
        #expect(try store.beginTransaction(identity: "file-1") == nil)
        let aborted = try #require(try store.beginTransaction(identity: "file-2"))
        for d in 0..<25 { try aborted.append(Self.record("a", day: d)) }
        aborted.rollback()
        #expect(store.snapshot().rowCount == 35)
        #expect(!store.hasCommittedBatch(identity: "file-2"))
    }

    /// A full transaction buffer writes its largest projects and keeps the small ones
    /// buffered to grow: a small project gets one part per transaction, not one per
    /// write, and every row still lands once.
    @Test func aTransactionKeepsSmallProjectsBufferedUntilTheCommit() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var options = StoreOptions()
        options.maxBufferedRows = 50
        options.compactionThreshold = 0
        let store = try Store.open(at: dir.path + "/s", options: options)
        let tx = try #require(try store.beginTransaction())
        var g = SeededGenerator(seed: 5)
        var expected = [String: (rows: Int, cost: Int64)]()
        // Arrival order: a busy project's rows interleaved with 10 quiet ones' (20 rows in
        // all, less than the half of the buffer that stays).
        for i in 0..<600 {
            let project = i % 30 == 0 ? "quiet-\(i / 30 % 10)" : "busy"
            let cost = Int64.random(in: 1...1_000_000, using: &g)
            try tx.append(Self.record(project, day: i / 10, cost: cost))
            expected[project, default: (0, 0)].rows += 1
            expected[project, default: (0, 0)].cost += cost
        }
        try tx.commit()
        let snapshot = store.snapshot()
        for (project, want) in expected {
            let got = try Self.costSum(snapshot, project: project)
            #expect(got.rows == want.rows && got.cost == want.cost, "\(project)")
            if project != "busy" { #expect(snapshot.parts(project: project, days: nil).count == 1, "\(project)") }
        }
        #expect(snapshot.parts(project: "busy", days: nil).count > 1, "the busy project is written as the buffer fills")
        try store.close()
    }

    /// An identity known only at the commit (an importer fingerprints the file while it
    /// parses it): the first transaction with it lands; a second one, begun before the
    /// first committed, publishes nothing, reports false and leaves no part file behind.
    @Test func anIdentityGivenAtTheCommitLandsOnce() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var options = StoreOptions()
        options.maxBufferedRows = 10  // unpublished parts exist before the commit
        let store = try Store.open(at: dir.path + "/s", options: options)
        let first = try #require(try store.beginTransaction())
        let second = try #require(try store.beginTransaction())
        for d in 0..<25 {
            try first.append(Self.record("a", day: d))
            try second.append(Self.record("a", day: d))
        }
        #expect(try first.commit(identity: "file-1"))
        #expect(store.hasCommittedBatch(identity: "file-1"))
        #expect(try second.commit(identity: "file-1") == false)
        #expect(store.snapshot().rowCount == 25)
        let listed = Set(store.snapshot().parts.map { dir.path + "/s/" + $0.entry.relativePath })
        let onDisk = FileManager.default.enumerator(atPath: dir.path + "/s/data")!.compactMap { $0 as? String }
            .filter { $0.hasSuffix("." + PartFormat.fileExtension) }.map { dir.path + "/s/data/" + $0 }
        #expect(Set(onDisk) == listed)
    }
}
