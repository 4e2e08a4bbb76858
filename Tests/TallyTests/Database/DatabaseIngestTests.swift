import Foundation
import Testing
import Tally
import TallyTestSupport

/// `Database.ingest`: a batch sent again stores nothing twice, by its idempotency key or
/// by its records' request ids, and `request_id` is a column of SQL's `usage`.
@Suite struct DatabaseIngestTests {
    static func record(_ id: String?, unit: String = "input_tokens", quantity: Double = 1000) -> UsageRecord {
        UsageRecord(projectId: "acme", ts: DatabaseTests.oct15, service: "anthropic", unit: unit, quantity: quantity,
                    modelId: "claude-sonnet-4-6", captureSource: "api", requestId: id)
    }

    @Test func aBatchSentTwiceWithItsKeyIsStoredOnce() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = try Database(path: dir.path + "/db")
        defer { try? db.close() }
        let batch = [Self.record(nil), Self.record(nil, unit: "output_tokens", quantity: 10)]
        let first = try db.ingest(batch, idempotencyKey: "k1")
        #expect(first.rowsStored == 2 && !first.duplicateBatch)
        let retry = try db.ingest(batch, idempotencyKey: "k1")
        #expect(retry.duplicateBatch && retry.rowsStored == 0)
        _ = try db.ingest(batch, idempotencyKey: "k2")
        #expect(try db.query("SELECT count(*) AS n FROM usage")[0]["n"]?.int64 == 4)
    }

    @Test func requestIdsAreLeftOutOnceStoredAndQueryable() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = try Database(path: dir.path + "/db")
        defer { try? db.close() }
        _ = try db.ingest([Self.record("msg_1"), Self.record("msg_1", unit: "output_tokens", quantity: 9)])
        let again = try db.ingest([Self.record("msg_1"), Self.record("msg_1", unit: "output_tokens", quantity: 241), Self.record(nil)])
        #expect(again.rowsAlreadyStored == 1)
        #expect(again.rowsToppedUp == 1)
        #expect(again.rowsStored == 2)
        let result = try db.query("SELECT request_id, sum(quantity) AS q, count(*) AS n FROM usage WHERE unit = 'output_tokens' GROUP BY request_id")
        #expect(result.columns.map(\.type) == [.varchar, .double, .bigint])
        #expect(result.count == 1)
        #expect(result[0]["request_id"]?.string == "msg_1")
        #expect(result[0]["q"]?.double == 241)
        let nulls = try db.query("SELECT count(*) AS n FROM usage WHERE request_id IS NULL")
        #expect(nulls[0]["n"]?.int64 == 1)
        // An invalid record names its place in the batch sent, and stores nothing.
        do {
            _ = try db.ingest([Self.record("msg_2"), Self.record("msg_3", quantity: -1)])
            Issue.record("a negative quantity was accepted")
        } catch let StorageError.invalidRecord(field, _, _, index) {
            #expect(field == "quantity" && index == 1)
        }
        #expect(try db.query("SELECT count(*) AS n FROM usage WHERE request_id = 'msg_2'")[0]["n"]?.int64 == 0)
    }
}
