import Testing
import TallySystem
import TallyFormat
import TallyStore
import TallyTestSupport

@Suite struct StoreRoundTripTests {
    static func readAll(_ store: Store) throws -> [UsageRecord] {
        var out = [UsageRecord]()
        for h in store.snapshot().parts { try h.reader().readAllRecords { out.append($0) } }
        return out
    }

    @Test(arguments: [Codec.lz4, .zstd, .none])
    func randomRecordsSurviveCloseAndReopen(codec: Codec) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let records = RandomRecords.make(count: 20_000, seed: UInt64(codec.rawValue) + 7)
        var options = StoreOptions()
        options.codec = codec
        options.maxBufferedRows = 7_000  // several flushes, several parts per partition
        options.compactionThreshold = 0
        do {
            let store = try Store.open(at: dir.path + "/s", options: options)
            try store.append(contentsOf: records[..<5_000])
            for r in records[5_000...] { try store.append(r) }
            try store.close()
        }
        let reopened = try Store.open(at: dir.path + "/s", options: options)
        let back = try Self.readAll(reopened)
        #expect(back.count == records.count)
        #expect(RandomRecords.sorted(back) == RandomRecords.sorted(records))
        // Merging keeps every value too.
        #expect(try reopened.compact() > 0)
        let merged = try Self.readAll(reopened)
        #expect(RandomRecords.sorted(merged) == RandomRecords.sorted(records))
        try reopened.close()
    }

    @Test func rowGroupBoundariesAndLargePartitions() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // One project, one month, more rows than a row group.
        var records = RandomRecords.make(count: 150_000, seed: 99, projects: 1, days: 20)
        for i in records.indices { records[i].projectId = "solo" }
        let store = try Store.open(at: dir.path + "/s")
        try store.append(contentsOf: records)
        try store.flush()
        let parts = store.snapshot().parts
        #expect(parts.count == 1)
        let groupSize = PartFormat.writtenRowGroupSize
        #expect(try parts[0].reader().footer.rowGroups.count == (records.count + groupSize - 1) / groupSize)
        #expect(RandomRecords.sorted(try Self.readAll(store)) == RandomRecords.sorted(records))
    }
}
