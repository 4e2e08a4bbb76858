import Testing
@testable import TallyFormat
import TallySystem
import TallyStore
import TallyTestSupport

/// Columnar batches (the importer's path into the store) against records.
@Suite struct UsageColumnsTests {
    @Test func aBatchGivesBackItsRecords() {
        let records = RandomRecords.make(count: 3_000, seed: 41)
        let columns = UsageColumns(records)
        #expect(columns.count == records.count)
        // An unpriced row has no cost as a record, whatever its placeholder.
        let expected = records.map { r in
            var r = r
            if r.costSource == .unpriced { r.costNanos = nil }
            return r
        }
        #expect((0..<columns.count).map(columns.record(at:)) == expected)
    }

    /// Ids of other bytes stay other ids, even when Swift's `String` calls them equal ("é"
    /// as one code point and "e" + U+0301): the batch keeps the bytes it was given.
    @Test func textOfOtherBytesKeepsItsBytes() {
        var records = Array(RandomRecords.make(count: 3, seed: 43))
        records[0].runId = "é"
        records[1].runId = "e\u{301}"
        records[2].runId = "é"
        let columns = UsageColumns(records)
        let bytes = (0..<3).map { Array(columns.record(at: $0).runId!.utf8) }
        #expect(bytes == [Array("é".utf8), Array("e\u{301}".utf8), Array("é".utf8)])
    }

    @Test func keepingRowsKeepsThoseRowsInOrder() {
        let records = RandomRecords.make(count: 2_000, seed: 42)
        var rng = SplitMix64(seed: 9)
        let keep = records.map { _ in rng.next() % 3 != 0 }
        var columns = UsageColumns(records)
        columns.keepRows(keep)
        let expected = zip(records, keep).filter(\.1).map { r, _ in
            var r = r
            if r.costSource == .unpriced { r.costNanos = nil }
            return r
        }
        #expect((0..<columns.count).map(columns.record(at:)) == expected)
    }

    /// The same records through a transaction as records and as columnar batches (split
    /// at random, shuffled across partitions and months, with flushes in between) must
    /// store the same rows. Each batch numbers its text values afresh, so a wrong code
    /// translation in a partition's buffer shows up as wrong strings.
    @Test(arguments: [UInt64(1), 2, 3])
    func columnsStoreWhatRecordsStore(seed: UInt64) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var rng = SplitMix64(seed: seed)
        var records = RandomRecords.make(count: 12_000, seed: seed, projects: 7, days: 90)
        if seed == 2 { records.shuffle(using: &rng) }
        // Priced rows only: a transaction prices unpriced records but takes columns as priced.
        for i in records.indices where records[i].costSource == .unpriced { records[i].costSource = .given }
        var options = StoreOptions()
        options.maxBufferedRows = 5_000
        options.compactionThreshold = 0
        let viaRecords = try Store.open(at: dir.path + "/records", options: options)
        let viaColumns = try Store.open(at: dir.path + "/columns", options: options)
        let a = try #require(try viaRecords.beginTransaction())
        let b = try #require(try viaColumns.beginTransaction())
        var start = 0
        while start < records.count {
            let end = min(records.count, start + Int(rng.next() % 1_500) + 1)
            try a.append(validatedContentsOf: Array(records[start..<end]))
            try b.append(validated: UsageColumns(records[start..<end]))
            start = end
        }
        try a.commit()
        try b.commit()
        let fromRecords = try Self.readAll(viaRecords), fromColumns = try Self.readAll(viaColumns)
        #expect(fromColumns.count == records.count)
        let same = RandomRecords.sorted(fromColumns) == RandomRecords.sorted(fromRecords)
        #expect(same, "the columnar batches stored other rows than the records")
        #expect(viaColumns.snapshot().parts.count == viaRecords.snapshot().parts.count)
    }

    static func readAll(_ store: Store) throws -> [UsageRecord] {
        var out = [UsageRecord]()
        for h in store.snapshot().parts { try h.reader().readAllRecords { out.append($0) } }
        return out
    }
}
