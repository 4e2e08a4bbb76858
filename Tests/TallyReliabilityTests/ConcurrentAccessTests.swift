import Foundation
import Synchronization
import Testing
import Tally
import TallyTestSupport

/// Many reader threads take snapshots and sum them while one writer appends, flushes
/// and compacts (explicitly and in the background). Every flush adds `rowsPerFlush`
/// rows costing `unitCost` each, so a consistent snapshot has a cost sum of exactly
/// rows × unitCost, a row count that is a multiple of `rowsPerFlush`, scanned rows equal
/// to the manifest's, and never fewer rows than an earlier snapshot of the same reader.
@Suite struct ConcurrentAccessTests {
    static let rowsPerFlush = 300
    static let unitCost: Int64 = 7_000_003

    static func batch(_ n: Int, seed: UInt64) -> [UsageRecord] {
        ReliabilityRecords.make(count: n, seed: seed, prefix: "c", projects: 3, days: 90).map {
            var r = $0
            r.costNanos = unitCost
            r.costSource = .given
            return r
        }
    }

    @Test func readersSeeOnlyConsistentSnapshots() throws {
        let dir = try ScratchDirectory(prefix: "tally-concurrent")
        defer { dir.remove() }
        var options = StoreOptions()
        options.compactionThreshold = 4
        let store = try Store.open(at: dir.path + "/s", options: options)
        let readers = 4
        let seconds = ReliabilityBudget.seconds(ci: 6, long: 120)
        let stop = Atomic<Bool>(false)
        let snapshots = Atomic<Int>(0)
        let problems = Mutex<[String]>([])
        var threads = [Thread]()
        let done = DispatchGroup()
        for reader in 0..<readers {
            done.enter()
            let t = Thread {
                defer { done.leave() }
                var lastRows = 0
                let batch = ColumnBatch()
                while !stop.load(ordering: .relaxed) {
                    let snap = store.snapshot()
                    do {
                        let c = try StoreContents(snap, batch: batch)
                        var issue: String?
                        if c.totalRows != snap.rowCount { issue = "scanned \(c.totalRows) rows, manifest says \(snap.rowCount)" }
                        if c.totalCost != Int128(c.totalRows) * Int128(Self.unitCost) { issue = "cost \(c.totalCost) for \(c.totalRows) rows" }
                        if c.totalRows % Self.rowsPerFlush != 0 { issue = "\(c.totalRows) rows: a flush is partly visible" }
                        if c.totalRows < lastRows { issue = "rows went back from \(lastRows) to \(c.totalRows)" }
                        lastRows = c.totalRows
                        if let issue { problems.withLock { $0.append("reader \(reader) generation \(snap.manifest.generation): \(issue)") } }
                    } catch {
                        problems.withLock { $0.append("reader \(reader) generation \(snap.manifest.generation): \(error)") }
                    }
                    snapshots.add(1, ordering: .relaxed)
                }
            }
            threads.append(t)
            t.start()
        }
        let clock = Stopwatch()
        var flushes = 0, compactions = 0
        while clock.seconds < seconds {
            try store.append(contentsOf: Self.batch(Self.rowsPerFlush, seed: UInt64(flushes)))
            try store.flush()
            flushes += 1
            if flushes % 10 == 0 { try store.compact(); compactions += 1 }
        }
        stop.store(true, ordering: .relaxed)
        done.wait()
        try store.close()
        let final = try StoreContents(storeAt: dir.path + "/s")
        #expect(final.totalRows == flushes * Self.rowsPerFlush)
        #expect(final.totalCost == Int128(flushes * Self.rowsPerFlush) * Int128(Self.unitCost))
        let found = problems.withLock { $0 }
        #expect(found.isEmpty, "\(found.count) inconsistent snapshots, first: \(found.prefix(5))")
        #expect(snapshots.load(ordering: .relaxed) > readers)
        // Replaced parts are deleted once no snapshot holds them: none may be left over.
        let live = Set(try Store.open(at: dir.path + "/s").snapshot().parts.map { $0.path.split(separator: "/").last! })
        let files = try FileManager.default.subpathsOfDirectory(atPath: dir.path + "/s/data").filter { $0.hasSuffix(".tly") }
        #expect(files.count == live.count, "\(files.count) part files on disk, \(live.count) live")
        ReliabilityBudget.report("concurrency: \(readers) reader threads checked \(snapshots.load(ordering: .relaxed)) snapshots while 1 writer made \(flushes) flushes (\(flushes * Self.rowsPerFlush) rows) and \(compactions) explicit compactions in \(String(format: "%.1f", clock.seconds)) s; \(found.count) inconsistent")
    }

    @Test func aSecondWriterProcessIsRefusedAndAReaderProcessIsNot() throws {
        let dir = try ScratchDirectory(prefix: "tally-lock")
        defer { dir.remove() }
        let path = dir.path + "/s"
        let store = try Store.open(at: path)
        try store.append(contentsOf: Self.batch(Self.rowsPerFlush, seed: 1))
        try store.flush()
        let csv = dir.path + "/more.csv"
        var writer = CSVRecordWriter()
        try writer.write(contentsOf: Self.batch(10, seed: 2))
        try Data(writer.takeBytes()).write(to: URL(fileURLWithPath: csv))

        for command in [["import", "--store", path, csv], ["compact", "--store", path], ["repair", "--store", path]] {
            let second = try TallyProcess.run(command)
            #expect(second.status != 0, "\(command[0]) ran while another process held the write lock")
            #expect(second.stderr.contains("locked for writing by another process"), "\(command[0]): \(second.stderr)")
        }
        let info = try TallyProcess.run(["info", "--store", path, "--format", "json"])
        #expect(info.status == 0, "\(info.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any]
        #expect(json?["rows"] as? Int == Self.rowsPerFlush)
        let verify = try TallyProcess.run(["verify", "--store", path])
        #expect(verify.status == 0, "\(verify.stderr)")
        try store.close()
        // Once the first writer is gone the lock is free again.
        let after = try TallyProcess.run(["import", "--store", path, csv])
        #expect(after.status == 0, "\(after.stderr)")
    }
}
