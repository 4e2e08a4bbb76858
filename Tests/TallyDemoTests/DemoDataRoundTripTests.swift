import Testing
import Tally
import TallyDemo
import TallyTestSupport

/// Realistic data (the demo generator, priced from the reference card) survives the
/// store bit for bit, and each part's hourly rollup agrees with its rows.
@Suite struct DemoDataRoundTripTests {
    /// Every record of a demo generator, priced from the reference card.
    static func pricedDemo(rows: Int, seed: UInt64, projects: Int) throws -> [UsageRecord] {
        var generator = DemoDataGenerator(rows: rows, seed: seed, projects: projects)
        var records = [UsageRecord]()
        var batch = [UsageRecord]()
        while true {
            batch.removeAll(keepingCapacity: true)
            guard generator.nextBatch(into: &batch, maxCount: 10_000) > 0 else { break }
            records += batch
        }
        var card = RateCard.reference
        try card.price(&records)
        return records
    }

    @Test func demoRecordsRoundTripExactly() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let records = try Self.pricedDemo(rows: 60_000, seed: 1, projects: 20)
        var options = StoreOptions()
        options.compactionThreshold = 0
        options.maxBufferedRows = 15_000  // several parts per partition, merged below
        let store = try Store.open(at: dir.path + "/s", options: options)
        try store.append(contentsOf: records)
        try store.flush()
        try store.compact()
        var back = [UsageRecord]()
        for p in store.snapshot().parts { try p.reader().readAllRecords { back.append($0) } }
        let a = RandomRecords.sorted(records), b = RandomRecords.sorted(back)
        #expect(a.count == b.count)
        var mismatches = 0
        for (x, y) in zip(a, b) where x != y {
            if mismatches < 3 { Issue.record("stored \(y.quantity) / \(y.costNanos ?? -1), original \(x.quantity) / \(x.costNanos ?? -1) (\(x.service) \(x.unit))") }
            mismatches += 1
        }
        #expect(mismatches == 0)
        // Every part's time rollup (hourly or daily: the one that pays, see
        // `RollupPolicy`) sums to its rows' sums, and most parts of demo data carry one.
        var checked = 0
        for p in store.snapshot().parts {
            let reader = try p.reader()
            let sections = try [HourlyRollup.sectionKind, HourlyRollup.dailySectionKind].compactMap { try reader.section($0) }
            #expect(sections.count <= 1, "part \(p.entry.id) has both an hourly and a daily rollup")
            guard let section = sections.first else { continue }
            let rollup = try HourlyRollup(decoding: section)
            var rows: Int64 = 0, cost: Int128 = 0, quantity = 0.0
            try reader.readAllRecords { r in rows += 1; cost += Int128(r.costNanos ?? 0); quantity += r.quantity }
            let rc = rollup.entries.reduce(Int128(0)) { $0 + $1.cost }
            let rn = rollup.entries.reduce(Int64(0)) { $0 + $1.count }
            #expect(rn == rows, "part \(p.entry.id)")
            #expect(rc == cost, "part \(p.entry.id): rollup \(rc) vs rows \(cost)")
            checked += 1
        }
        #expect(checked * 2 >= store.snapshot().parts.count, "most parts of demo data carry a time rollup")
    }

    /// `append(to:pricedBy:)` (generation and pricing on the caller's thread, appending
    /// on a second one) stores exactly the records generating and pricing in place gives.
    @Test func appendingOnASecondThreadStoresWhatTheGeneratorMakes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let expected = try Self.pricedDemo(rows: 25_000, seed: 3, projects: 6)

        var options = StoreOptions()
        options.maxBufferedRows = 4_000  // flushes while batches are still in flight
        let store = try Store.open(at: dir.path + "/s", options: options)
        var pipelined = DemoDataGenerator(rows: 25_000, seed: 3, projects: 6)
        var reported = [Int]()
        let appended = try pipelined.append(to: store, pricedBy: RateCard.reference, batchSize: 1_000) { reported.append($0) }
        #expect(appended == expected.count)
        #expect(reported.last == expected.count && reported == reported.sorted())
        var back = [UsageRecord]()
        for p in store.snapshot().parts { try p.reader().readAllRecords { back.append($0) } }
        #expect(RandomRecords.sorted(back) == RandomRecords.sorted(expected))
        try store.close()
    }
}
