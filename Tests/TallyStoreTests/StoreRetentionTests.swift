import Foundation
import Testing
import TallySystem
import TallyFormat
import TallyStore
import TallyTestSupport

@Suite struct StoreRetentionTests {
    static func day(_ y: Int, _ m: Int, _ d: Int) -> Int32 { CivilDate.dayNumber(year: y, month: m, day: d) }

    @Test(arguments: [11, 12, 13, 14, 15] as [UInt64])
    func retentionEqualsABruteForceFilter(seed: UInt64) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, records) = try RemovalFixture.store(at: dir.path + "/s", seed: seed, days: 150)
        var g = SeededGenerator(seed: seed)
        let first = records.map(\.day).min()!, last = records.map(\.day).max()!
        let today = Int32.random(in: first...(last + 20), using: &g)
        let keep = Int.random(in: 0...90, using: &g)
        let cutoff = today - Int32(keep)
        let entries = store.snapshot().parts.map(\.entry)

        let dry = try store.applyRetention(keepingDays: keep, today: today, dryRun: true)
        let report = try store.applyRetention(keepingDays: keep, today: today)

        let expected = RandomRecords.sorted(records.filter { $0.day >= cutoff })
        #expect(report.cutoffDay == cutoff)
        #expect(report.rowsRemoved == records.count - expected.count)
        #expect(dry.rowsRemoved == report.rowsRemoved && dry.partsDropped == report.partsDropped && dry.partsRewritten == report.partsRewritten)
        #expect(report.projects == Set(records.filter { $0.day < cutoff }.map(\.projectId)).sorted())
        // Parts wholly before the cutoff are dropped; straddling ones rewritten unless
        // nothing in them is kept; the rest untouched.
        let straddling = entries.filter { $0.minDay < cutoff && $0.maxDay >= cutoff }
        #expect(report.partsDropped >= entries.filter { $0.maxDay < cutoff }.count)
        #expect(report.partsDropped + report.partsRewritten == entries.filter { $0.minDay < cutoff }.count)
        #expect(report.partsRewritten == straddling.count)
        let after = store.snapshot()
        #expect(try RemovalFixture.rows(after) == expected)
        #expect(after.parts.allSatisfy { $0.entry.minDay >= cutoff })
        #expect(try store.applyRetention(keepingDays: keep, today: today).rowsRemoved == 0)
    }

    /// "Older than N days" is `today - day > N`: the cutoff day itself is kept, to the
    /// millisecond; N = 0 keeps only today; later days are never removed.
    @Test func theCutoffDayIsKeptAndTheDayBeforeIsNot() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var options = StoreOptions()
        options.compactionThreshold = 0
        let store = try Store.open(at: dir.path + "/s", options: options)
        let today = Self.day(2026, 4, 30)
        let ms = CivilDate.millisecondsPerDay
        func row(_ ts: Int64) -> UsageRecord {
            UsageRecord(projectId: "p", ts: ts, service: "e2b", unit: "sandbox_seconds", quantity: 1, costNanos: 5)
        }
        let cutoff = Int64(today - 30) * ms
        // The last millisecond before the cutoff, the first of it, today, and a future day.
        for ts in [cutoff - 1, cutoff, Int64(today) * ms + 5, Int64(today + 3) * ms] { try store.append(row(ts)) }
        try store.flush()
        #expect(Store.retentionCutoff(keepingDays: 30, today: today) == Self.day(2026, 3, 31))
        let report = try store.applyRetention(keepingDays: 30, today: today)
        #expect(report.cutoffDay == Self.day(2026, 3, 31))
        #expect(report.rowsRemoved == 1)
        #expect(report.partsDropped == 0 && report.partsRewritten == 1)
        #expect(try RemovalFixture.rows(store.snapshot()).map(\.ts) == [cutoff, Int64(today) * ms + 5, Int64(today + 3) * ms])
        let zero = try store.applyRetention(keepingDays: 0, today: today)
        #expect(zero.rowsRemoved == 1)
        #expect(try RemovalFixture.rows(store.snapshot()).map(\.day) == [today, today + 3])
        #expect(throws: StorageError.self) { try store.applyRetention(keepingDays: -1, today: today) }
        #expect(throws: StorageError.self) { try store.applyRetention(keepingDays: Store.maxRetentionDays + 1) }
        // The default "today" is the current UTC date.
        #expect(try store.applyRetention(keepingDays: 1, dryRun: true).cutoffDay == Store.currentUTCDay - 1)
    }

    /// Parts wholly older than the cutoff are dropped without being read: a damaged one
    /// goes as quietly as a sound one.
    @Test func wholeOldPartsAreDroppedUnread() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var options = StoreOptions()
        options.compactionThreshold = 0
        options.sharedPartRows = 0  // a part per month, as large projects have
        let store = try Store.open(at: dir.path + "/s", options: options)
        for d in 0..<90 { try store.append(StoreBehaviourTests.record("p", day: d)) }
        try store.flush()
        let path = try #require(store.snapshot().parts.first { $0.entry.maxDay == Self.day(2026, 1, 31) }?.path)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for i in stride(from: 8, to: bytes.count / 2, by: 7) { bytes[i] ^= 0xFF }
        try bytes.write(to: URL(fileURLWithPath: path))
        let report = try store.applyRetention(keepingDays: 0, today: Self.day(2026, 2, 1))
        #expect(report.rowsRemoved == 31)
        #expect(report.partsDropped == 1 && report.partsRewritten == 0)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(store.verify().isEmpty)
    }

    @Test func thePolicyIsStoredAndApplied() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/s"
        do {
            let (store, _) = try RemovalFixture.store(at: path, seed: 21, count: 500)
            #expect(store.retentionPolicy == nil)
            #expect(try store.applyRetentionPolicy() == nil)
            try store.setRetentionPolicy(keepingDays: 10)
            #expect(throws: StorageError.self) { try store.setRetentionPolicy(keepingDays: -3) }
            try store.close()
        }
        let store = try Store.open(at: path)
        #expect(store.retentionPolicy == 10)
        let today = Self.day(2025, 3, 1)
        let report = try #require(try store.applyRetentionPolicy(today: today))
        #expect(report.cutoffDay == today - 10)
        #expect(report.rowsRemoved > 0)
        #expect(try RemovalFixture.rows(store.snapshot()).allSatisfy { $0.day >= today - 10 })
        try store.setRetentionPolicy(keepingDays: nil)
        #expect(store.retentionPolicy == nil)
    }
}
