import Testing
@testable import TallyFormat
import TallySystem
import TallyStore
import TallyTestSupport

/// Small partitions of one project share parts (`PartSpans`): what a flush and a
/// compaction write, and that every row is found again by project and day.
@Suite struct PartSpansTests {
    static func openStore(_ dir: TemporaryDirectory) throws -> Store {
        var options = StoreOptions()
        options.compactionThreshold = 0
        return try Store.open(at: dir.path + "/s", options: options)
    }

    static func rows(of store: Store, project: String, days: ClosedRange<Int32>) throws -> [UsageRecord] {
        var out = [UsageRecord]()
        for h in store.snapshot().parts(project: project, days: days) {
            let reader = try h.reader()
            let range = reader.rowRange(days: days)
            var row = 0
            try reader.readAllRecords { r in
                if range.contains(row) { out.append(r) }
                row += 1
            }
        }
        return out
    }

    /// One flush of a few projects over more than a year: each project's months share one
    /// part, and a window of any day reads exactly that day's rows through the part's
    /// day index.
    @Test func smallMonthsShareOnePartAndEveryDayIsFound() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Self.openStore(dir)
        defer { try? store.close() }
        let records = RandomRecords.make(count: 4_000, seed: 7, projects: 3, days: 420)
        try store.append(contentsOf: records)
        try store.flush()
        let parts = store.snapshot().parts
        let projects = Set(records.map(\.projectId))
        #expect(parts.count == projects.count, "one part per small project")
        for p in parts {
            #expect(p.entry.maxDay - p.entry.minDay > 31, "the part spans months")
            #expect(p.entry.monthKey == CivilDate.monthKey(forDayNumber: p.entry.minDay))
        }
        var g = SeededGenerator(seed: 3)
        for _ in 0..<40 {
            let r = records.randomElement(using: &g)!
            let lo = r.day - Int32.random(in: 0..<3, using: &g)
            let hi = r.day + Int32.random(in: 0..<40, using: &g)
            let expected = records.filter { $0.projectId == r.projectId && (lo...hi).contains($0.day) }
            #expect(RandomRecords.sorted(try Self.rows(of: store, project: r.projectId, days: lo...hi)) == RandomRecords.sorted(expected))
        }
    }

    /// A month with at least `PartSpans.rows` rows keeps a part of its own; the project's
    /// small months around it share one.
    @Test func aLargeMonthKeepsItsOwnPart() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Self.openStore(dir)
        defer { try? store.close() }
        let march = CivilDate.dayNumber(year: 2025, month: 3, day: 1)
        var records = [UsageRecord]()
        for i in 0..<(PartSpans.rows + 10) {
            let ts = Int64(march) * CivilDate.millisecondsPerDay + Int64(i) * 20_000
            records.append(UsageRecord(projectId: "big", ts: ts, service: "anthropic", unit: "input_tokens", quantity: 1, costNanos: 1, costSource: .given))
        }
        for month in [1, 5, 6] {
            let day = CivilDate.dayNumber(year: 2025, month: month, day: 10)
            for i in 0..<50 {
                records.append(UsageRecord(projectId: "big", ts: Int64(day) * CivilDate.millisecondsPerDay + Int64(i), service: "e2b",
                                           unit: "sandbox_seconds", quantity: 2, costNanos: 3, costSource: .given))
            }
        }
        try store.append(contentsOf: records)
        try store.flush()
        let parts = store.snapshot().parts.sorted { $0.entry.minDay < $1.entry.minDay }
        #expect(parts.map(\.entry.rowCount).sorted() == [150, PartSpans.rows + 10])
        let large = parts.first { $0.entry.rowCount > 150 }!
        #expect(large.entry.monthKey == CivilDate.monthKey(forDayNumber: march))
        var back = [UsageRecord]()
        for h in parts { try h.reader().readAllRecords { back.append($0) } }
        #expect(RandomRecords.sorted(back) == RandomRecords.sorted(records))
    }

    /// Many small flushes over months, then a compaction: each project ends in the fewest
    /// parts of at most `PartSpans.rows` rows, and no row is lost or doubled.
    @Test func compactionMergesSmallPartsAcrossMonths() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Self.openStore(dir)
        defer { try? store.close() }
        let records = RandomRecords.make(count: 6_000, seed: 11, projects: 4, days: 300)
        for k in 0..<6 {
            try store.append(contentsOf: Array(records[(k * 1_000)..<((k + 1) * 1_000)]))
            try store.flush()
        }
        #expect(store.snapshot().parts.count > 8)
        try store.compact()
        let after = store.snapshot().parts
        let projects = Set(records.map(\.projectId))
        #expect(after.count == projects.count)
        #expect(after.allSatisfy { $0.entry.rowCount <= PartSpans.rows && $0.entry.level == 1 })
        var back = [UsageRecord]()
        for h in after { try h.reader().readAllRecords { back.append($0) } }
        #expect(RandomRecords.sorted(back) == RandomRecords.sorted(records))
        #expect(store.verify().isEmpty)
    }

    /// Combining buffers keeps every value, nulls and strings included, and the groups
    /// never exceed the limit.
    @Test func combiningBuffersKeepsEveryRow() throws {
        let records = RandomRecords.make(count: 3_000, seed: 5, projects: 2, days: 200)
        var buffers = [PartitionKey: RowBuffer]()
        for r in records {
            let key = PartitionKey(projectId: r.projectId, monthKey: CivilDate.monthKey(forDayNumber: r.day))
            buffers[key, default: RowBuffer(projectId: key.projectId, monthKey: key.monthKey)].append(r)
        }
        let combined = PartSpans.combine(Array(buffers.values))
        #expect(combined.count == Set(records.map(\.projectId)).count)
        var back = [UsageRecord]()
        for b in combined {
            #expect(b.count <= PartSpans.rows)
            let months = (0..<b.count).map { CivilDate.monthKey(forDayNumber: CivilDate.dayNumber(forMilliseconds: b.ts[$0])) }
            #expect(b.monthKey == months.min())
            for i in 0..<b.count { back.append(b.record(at: i)) }
        }
        #expect(RandomRecords.sorted(back) == RandomRecords.sorted(records))
    }
}
