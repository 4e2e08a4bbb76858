import Foundation
import Synchronization
import Testing
import TallySystem
import TallyFormat
import TallyStore
import TallyTestSupport

@Suite struct StoreDeletionTests {
    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func deletionEqualsABruteForceFilter(seed: UInt64) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, records) = try RemovalFixture.store(at: dir.path + "/s", seed: seed)
        var g = SeededGenerator(seed: seed)
        let user = RemovalFixture.users.compactMap { $0 }.randomElement(using: &g)!
        // Every other seed limits the deletion to one project.
        let project = seed % 2 == 0 ? Set(records.map(\.projectId)).sorted().randomElement(using: &g) : nil
        func doomed(_ r: UsageRecord) -> Bool { r.userId == user && (project == nil || r.projectId == project) }
        // Read in a closure: a snapshot (or part handle) still held here would keep the
        // replaced files on disk, and this test checks they go.
        let (holding, untouched, generation, filesBefore) = try { () throws -> (Set<UInt64>, Set<UInt64>, UInt64, [String]) in
            let before = store.snapshot()
            let holding = Set(try before.parts(project: project, days: nil).filter { try $0.mayHoldRows(ofUser: user) }.map(\.entry.id))
            return (holding, Set(before.parts.map(\.entry.id)).subtracting(holding), before.manifest.generation, before.parts.map(\.path))
        }()

        let dry = try store.deleteRecords(userId: user, project: project, dryRun: true)
        #expect(store.snapshot().manifest.generation == generation, "a dry run committed")
        let report = try store.deleteRecords(userId: user, project: project)

        let expected = RandomRecords.sorted(records.filter { !doomed($0) })
        #expect(report.rowsRemoved == records.count - expected.count)
        #expect(dry.rowsRemoved == report.rowsRemoved && dry.partsRewritten == report.partsRewritten && dry.partsDropped == report.partsDropped)
        #expect(report.projects == Set(records.filter(doomed).map(\.projectId)).sorted())
        #expect(report.filesAwaitingRelease == 0)
        let after = store.snapshot()
        #expect(try RemovalFixture.rows(after) == expected)
        #expect(after.manifest.generation == generation + 1, "one commit for every affected part")
        // Parts of other projects, or whose dictionary lacks the user, were neither read nor replaced.
        #expect(untouched.isSubset(of: Set(after.parts.map(\.entry.id))))
        #expect(report.partsRead == holding.count)
        // Every replaced file is gone from disk.
        let live = Set(after.parts.map(\.path))
        for f in filesBefore where !live.contains(f) { #expect(!FileManager.default.fileExists(atPath: f)) }
        // Repeating the request finds nothing; reopening shows the same rows.
        #expect(try store.deleteRecords(userId: user, project: project).rowsRemoved == 0)
        try store.close()
        let reopened = try Store.open(at: dir.path + "/s")
        #expect(try RemovalFixture.rows(reopened.snapshot()) == expected)
        #expect(reopened.verify().isEmpty)
    }

    @Test func deletingEveryRowOfAPartitionRemovesItsPart() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var options = StoreOptions()
        options.compactionThreshold = 0
        options.sharedPartRows = 0  // a part per month, as large projects have
        options.maximumRollupCellShare = 1
        let store = try Store.open(at: dir.path + "/s", options: options)
        for d in 0..<40 {
            var r = StoreBehaviourTests.record("p", day: d)
            // January is all Zoe's; February is shared.
            r.userId = d < 31 || d % 2 == 0 ? "zoe" : "yan"
            try store.append(r)
        }
        try store.flush()
        #expect(store.snapshot().parts.count == 2)
        let report = try store.deleteRecords(userId: "zoe")
        // Days 31...39 are in February: Zoe has the even ones (4), Yan the odd ones (5).
        #expect(report.rowsRemoved == 31 + 4)
        #expect(report.partsDropped == 1)
        #expect(report.partsRewritten == 1)
        let parts = store.snapshot().parts
        #expect(parts.count == 1)
        #expect(parts[0].entry.rowCount == 5)
        #expect(parts[0].entry.minDay == CivilDate.dayNumber(year: 2026, month: 2, day: 1))
        // The rewritten part's rollup was rebuilt from the rows kept.
        let rollup = try #require(try parts[0].reader().rollup())
        #expect(rollup.entries.reduce(0) { $0 + $1.count } == 5)
        #expect(try store.deleteRecords(userId: "yan").partsDropped == 1)
        #expect(store.snapshot().parts.isEmpty)
    }

    /// The bytes are gone, not just unreferenced: after the deletion no file under the
    /// store folder holds the user, neither decoded (every part file on disk, listed or
    /// not) nor in raw bytes (manifest, uncompressed dictionaries).
    @Test(arguments: [Codec.none, .lz4, .zstd])
    func theUserIsGoneFromEveryFile(codec: Codec) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/s"
        let user = "user-to-forget-7f3a9c"
        let (store, _) = try RemovalFixture.store(at: path, seed: 42, codec: codec)
        if codec == .none {
            // The raw check below can see the user at all.
            #expect(RemovalFixture.files(under: path).contains { RemovalFixture.rawBytes(of: $0, contain: user) })
        }
        // A reader holding an older snapshot keeps the old files until it lets go.
        var held: Snapshot? = store.snapshot()
        let report = try store.deleteRecords(userId: user)
        #expect(report.rowsRemoved > 0)
        #expect(report.filesAwaitingRelease == report.partsRewritten + report.partsDropped)
        #expect(try RemovalFixture.rows(held!).contains { $0.userId == user })
        held = nil
        _ = held
        for file in RemovalFixture.files(under: path) {
            #expect(!RemovalFixture.rawBytes(of: file, contain: user), "\(file) holds the user's id")
            guard file.hasSuffix(".tly") else { continue }
            let reader = try PartReader(path: file)
            #expect(try !reader.dictionary(.userId).contains(user), "\(file)")
            try reader.readAllRecords { #expect($0.userId != user) }
        }
        #expect(RemovalFixture.files(under: path).filter { $0.hasSuffix(".tly") }.count == store.snapshot().parts.count)
    }

    @Test func readersSeeEveryRowOfAUserOrNone() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, records) = try RemovalFixture.store(at: dir.path + "/s", seed: 77, count: 3_000, flushes: 10)
        // The states readers may see: after 0, 1, 2, ... of the deletions below.
        let doomed = ["alice", "bob", "carol-ünï", "dave 🚀"]
        var states = [Int]()
        var remaining = records
        states.append(remaining.count)
        for u in doomed {
            remaining.removeAll { $0.userId == u }
            states.append(remaining.count)
        }
        let expected = states
        let done = Atomic<Bool>(false)
        let bad = Mutex<[String]>([])
        let checked = Atomic<Int>(0)
        let readers = (0..<2).map { _ in
            Thread { [store] in
                while !done.load(ordering: .acquiring) {
                    let snap = store.snapshot()
                    do {
                        let rows = try RemovalFixture.rows(snap)
                        // k users fully deleted <=> rows == states[k]; partial deletions show up as other counts.
                        let k = doomed.prefix { u in !rows.contains { $0.userId == u } }.count
                        if rows.count != expected[k] { bad.withLock { $0.append("\(rows.count) rows, expected \(expected[k]) after \(k) deletions") } }
                        if rows.count != snap.rowCount { bad.withLock { $0.append("scanned \(rows.count), manifest \(snap.rowCount)") } }
                    } catch {
                        bad.withLock { $0.append("\(error)") }
                    }
                    checked.add(1, ordering: .relaxed)
                }
            }
        }
        for r in readers { r.start() }
        for u in doomed {
            usleep(20_000)
            try store.deleteRecords(userId: u)
        }
        usleep(20_000)
        done.store(true, ordering: .releasing)
        while readers.contains(where: { $0.isExecuting }) { usleep(1_000) }
        #expect(bad.withLock { $0 }.isEmpty, "\(bad.withLock { $0 }.prefix(5))")
        #expect(checked.load(ordering: .relaxed) > 4)
        #expect(try RemovalFixture.rows(store.snapshot()).count == states.last!)
    }

    @Test func bufferedRowsAreCoveredAndQuarantinedFilesReported() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/s"
        let (store, records) = try RemovalFixture.store(at: path, seed: 5, flushes: 2)
        // A damaged part holding Bob goes to quarantine: deletion reports it, untouched.
        let victim = try #require(try store.snapshot().parts.first { try $0.mayHoldRows(ofUser: "bob") })
        var bytes = try Data(contentsOf: URL(fileURLWithPath: victim.path))
        bytes[bytes.count / 3] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: victim.path))
        let quarantined = try store.repair()
        #expect(quarantined.count == 1)
        let lost = records.filter { $0.projectId == victim.entry.projectId && CivilDate.monthKey(forDayNumber: $0.day) == victim.entry.monthKey }.count
        #expect(lost > 0)
        // Buffered, unflushed rows of Bob are deleted too.
        var extra = StoreBehaviourTests.record("buffered", day: 3)
        extra.userId = "bob"
        try store.append(extra)
        let report = try store.deleteRecords(userId: "bob")
        #expect(report.quarantinedFiles.count == 1)
        #expect(report.quarantinedFiles.first?.contains("/quarantine/") == true)
        #expect(store.bufferedRowCount == 0)
        #expect(try !RemovalFixture.rows(store.snapshot()).contains { $0.userId == "bob" })
        // The damage is in a column block: the file's dictionary still reads, so a user it
        // does not name is not reported.
        #expect(try store.deleteRecords(userId: "nobody-at-all").quarantinedFiles.isEmpty)
    }
}

extension StoreDeletionTests {
    /// A process killed after a deletion's commit but before it deleted the replaced files
    /// leaves them on disk, unlisted, still holding the user. The next removal (or
    /// compaction, or repair) deletes them first; rerunning the request is the remedy.
    @Test func filesLeftByADeletionKilledAfterItsCommitAreCollectedByTheNextOne() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/s"
        let user = "user-to-forget-7f3a9c"
        var (store, _): (Store?, [UsageRecord]) = try RemovalFixture.store(at: path, seed: 9)
        // Keep copies of the files the deletion replaces, to put back as a kill would leave them.
        let doomed = try store!.snapshot().parts.filter { try $0.mayHoldRows(ofUser: user) }.map(\.path)
        let copies = try doomed.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let first = try store!.deleteRecords(userId: user)
        #expect(first.rowsRemoved > 0)
        try store!.close()
        store = nil
        for (file, bytes) in zip(doomed, copies) { try bytes.write(to: URL(fileURLWithPath: file)) }
        let reopened = try Store.open(at: path)
        #expect(try RemovalFixture.rows(reopened.snapshot()).allSatisfy { $0.userId != user }, "unlisted files are never read")
        let again = try reopened.deleteRecords(userId: user)
        #expect(again.rowsRemoved == 0)
        #expect(again.orphanFilesRemoved == doomed.count)
        #expect(doomed.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
    }
}
