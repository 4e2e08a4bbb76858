import Foundation
import Testing
@testable import TallyFormat
import TallySystem
@testable import TallyStore
import TallyTestSupport

/// The request index: a row whose (project, capture source, request id, unit) is stored
/// on its day is left out, a grown count keeps only its growth, rows without an id are
/// never touched; parts written before the `request_id` column read it as null.
@Suite struct RequestIndexTests {
    /// 2026-03-04T10:00:00Z.
    static let t0: Int64 = 1_772_618_400_000

    static func record(_ id: String?, unit: String = "input_tokens", quantity: Double = 100, source: String? = "pi-session",
                       ts: Int64 = t0, cost: Int64? = nil) -> UsageRecord {
        UsageRecord(projectId: "acme", ts: ts, service: "anthropic", unit: unit, quantity: quantity, costNanos: cost,
                    modelId: "claude-sonnet-4-5", captureSource: source, requestId: id)
    }

    static func importing(_ records: [UsageRecord], into store: Store) throws -> RequestTally {
        let tx = try #require(try store.beginTransaction())
        var rows = records
        let tally = try tx.admitRequests(&rows)
        try tx.append(contentsOf: rows)
        try tx.commit()
        return tally
    }

    static func quantities(_ store: Store) throws -> [String: Double] {
        var out = [String: Double]()
        for p in store.snapshot().parts {
            try p.reader().readAllRecords { out["\($0.requestId ?? "-") \($0.unit)", default: 0] += $0.quantity }
        }
        return out
    }

    @Test func aStoredKeyIsSkippedAGrownOneToppedUpAndRowsWithoutIdsAlwaysKept() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.open(at: dir.path + "/s")
        let first = try Self.importing([Self.record("m1"), Self.record("m1", unit: "output_tokens", quantity: 9), Self.record(nil)], into: store)
        #expect(first == RequestTally())
        let again = try Self.importing([
            Self.record("m1"),                                           // stored: skipped
            Self.record("m1", unit: "output_tokens", quantity: 241),     // grew: 232 stored
            Self.record("m1", source: "claude-session"),                 // another source: new
            Self.record("m1", ts: Self.t0 + 86_400_000),                 // another day: new
            Self.record("m2"), Self.record("m2"),                        // new, then a repeat in the batch
            Self.record(nil),                                            // no id: kept
        ], into: store)
        #expect(again.skipped == 2)
        #expect(again.toppedUp == 1)
        let q = try Self.quantities(store)
        #expect(q["m1 input_tokens"] == 300)
        #expect(q["m1 output_tokens"] == 241)
        #expect(q["m2 input_tokens"] == 100)
        #expect(q["- input_tokens"] == 200)
        #expect(store.snapshot().rowCount == 3 + 5)
    }

    @Test func aGivenCostIsNeverSplitIntoAGrowth() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.open(at: dir.path + "/s")
        _ = try Self.importing([Self.record("r1", quantity: 10, cost: 1_000)], into: store)
        let tally = try Self.importing([Self.record("r1", quantity: 20, cost: 2_000)], into: store)
        #expect(tally.skipped == 1)
        #expect(try Self.quantities(store)["r1 input_tokens"] == 10)
    }

    @Test func keysSurviveCompactionAndReopening() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var options = StoreOptions()
        options.compactionThreshold = 0
        do {
            let store = try Store.open(at: dir.path + "/s", options: options)
            for i in 0..<3 { _ = try Self.importing([Self.record("k\(i)")], into: store) }
            #expect(try store.compact() > 0)
            #expect(store.snapshot().parts.count == 1)
            try store.close()
        }
        let store = try Store.open(at: dir.path + "/s", options: options)
        let stored = try store.storedRequests(project: "acme", day: CivilDate.dayNumber(forMilliseconds: Self.t0))
        #expect(stored.count == 3)
        let tally = try Self.importing((0..<4).map { Self.record("k\($0)") }, into: store)
        #expect(tally.skipped == 3)
    }

    /// A store written before the column (footer version 1, by the build before it):
    /// its rows read with a null request id, it takes new keyed rows beside them, and
    /// the new part is version 2.
    @Test func aFooterVersion1StoreReadsRequestIdAsNullAndTakesNewRows() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/footer-v1-store")
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try FileManager.default.copyItem(at: fixture, to: URL(fileURLWithPath: dir.path + "/s"))
        let store = try Store.open(at: dir.path + "/s")
        let old = try #require(store.snapshot().parts.first)
        #expect(try old.reader().footer.rowGroups[0].chunk(.requestId) == nil)
        var rows = [UsageRecord]()
        try old.reader().readAllRecords { rows.append($0) }
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.requestId == nil })
        try old.reader().verify()
        let day = CivilDate.dayNumber(forMilliseconds: Self.t0)
        #expect(try store.storedRequests(project: "acme", day: day).isEmpty)
        _ = try Self.importing([Self.record("new")], into: store)
        let tally = try Self.importing([Self.record("new")], into: store)
        #expect(tally.skipped == 1)
        // Both versions scanned together: the old part's rows are null, the new one's not.
        var ids = [String?]()
        for p in store.snapshot().parts { try p.reader().readAllRecords { ids.append($0.requestId) } }
        #expect(ids.sorted { ($0 ?? "") < ($1 ?? "") } == [nil, nil, "new"])
        let versions = try store.snapshot().parts.map { try $0.reader().footer.rowGroups[0].chunk(.requestId) != nil }
        #expect(versions.sorted { !$0 && $1 } == [false, true])
    }
}
