import Foundation
import Testing
import Tally
import TallyTestSupport

/// The database object as a host uses it: one open call, appends, SQL with named typed
/// columns, the questions priced from its own rate card, keys, activity, one lock file.
@Suite struct DatabaseTests {
    static let oct15 = Int64(CivilDate.dayNumber(year: 2026, month: 10, day: 15)) * CivilDate.millisecondsPerDay

    static func record(_ i: Int, model: String = "claude-sonnet-4-6", unit: String = "input_tokens", quantity: Double = 1000) -> UsageRecord {
        UsageRecord(projectId: "acme", ts: oct15 + Int64(i) * 1000, service: "anthropic", unit: unit,
                    quantity: quantity, modelId: model)
    }

    @Test func queryResultsAreReadByNameAndIndexWithExactMoney() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = try Database(path: dir.path + "/db")
        defer { try? db.close() }
        var records = (0..<10).map { Self.record($0) }
        records[0].costNanos = 1  // one nano-USD: a sum through Double would lose it
        records[0].costSource = .given
        try db.append(contentsOf: records)
        try db.flush()
        let result = try db.query("SELECT model_id, count(*) AS n, sum(cost_usd) AS cost FROM usage GROUP BY model_id")
        #expect(result.columns.map(\.name) == ["model_id", "n", "cost"])
        #expect(result.columns.map(\.type) == [.varchar, .bigint, .money])
        #expect(result.count == 1)
        let row = result[0]
        #expect(row["model_id"]?.string == "claude-sonnet-4-6")
        #expect(row[1].int64 == 10)
        // Nine rows priced at $3 per million input tokens (3,000,000 nano-USD each) plus one nano-USD.
        #expect(row["cost"]?.nanos == Int128(9 * 3_000_000 + 1))
        #expect(row["cost"]?.description == "0.027000001")
        #expect(row["missing"] == nil)
    }

    @Test func aggregatedUsageHasNamedColumns() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = try Database(path: dir.path + "/db")
        defer { try? db.close() }
        try db.append(contentsOf: (0..<6).map { Self.record($0, model: $0 % 2 == 0 ? "claude-sonnet-4-6" : "claude-haiku-4-5") })
        try db.flush()
        let result = try db.aggregatedUsage(
            project: "acme", window: try db.window(from: "2026-10-01", to: "2026-10-31"), groupBy: [.dimension(.modelId), .date],
            orderBy: [OrderTerm(.aggregate(2), descending: true)])
        #expect(result.columns.map(\.name) == ["model_id", "date", "records", "quantity", "cost_usd"])
        #expect(result.columns.map(\.type) == [.varchar, .date, .bigint, .double, .money])
        #expect(result.map { $0["model_id"]?.string } == ["claude-sonnet-4-6", "claude-haiku-4-5"])
        #expect(result[0]["cost_usd"]?.nanos == Int128(3 * 3_000_000))
        #expect(result[1]["cost_usd"]?.nanos == Int128(3 * 1_000_000))
        #expect(result[0]["date"] == .date(day: CivilDate.dayNumber(year: 2026, month: 10, day: 15)))
    }

    /// Aggregated usage reads its aggregates as SQL does: same types, same values (money
    /// exact, an average of cost in USD).
    @Test func aggregatedUsageAgreesWithSQL() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = try Database(path: dir.path + "/db")
        defer { try? db.close() }
        try db.append(contentsOf: (0..<9).map { Self.record($0, model: $0 % 3 == 0 ? "claude-haiku-4-5" : "claude-sonnet-4-6", quantity: Double(100 * ($0 + 1))) })
        try db.flush()
        let aggregates: [Aggregate] = [.count, .sum(.cost), .avg(.cost), .max(.quantity), .quantile(.cost, 0.5)]
        let api = try db.aggregatedUsage(project: "acme", window: nil, groupBy: [.dimension(.modelId)], aggregates: aggregates,
                                         orderBy: [OrderTerm(.key(0), descending: false)])
        let sql = try db.query("""
            SELECT model_id, count(*), sum(cost_usd), avg(cost_usd), max(quantity), median(cost_usd)
            FROM usage GROUP BY model_id ORDER BY model_id
            """)
        #expect(api.columns.map(\.type) == sql.columns.map(\.type))
        #expect(api.rows == sql.rows)
        #expect(api.columns.map(\.name) == ["model_id", "records", "cost_usd", "avg_cost_usd", "max_quantity", "p50_cost_usd"])
    }

    /// Another process changes the card (a database opened read-only may, under its own
    /// lock byte): the writer prices its next appends, and its cache savings, with it.
    @Test func aRateCardChangedElsewhereIsUsedWithoutReopening() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/db"
        let writer = try Database(path: path)
        defer { try? writer.close() }
        try writer.append(Self.record(0))
        try writer.flush()

        var readOnly = Database.Configuration()
        readOnly.readOnly = true
        let other = try Database(path: path, configuration: readOnly)
        var card = try other.rateCard()
        let day = CivilDate.dayNumber(year: 2026, month: 1, day: 1)
        card.rows.append(RateRow(service: "anthropic", rateType: "input_tokens", modelOrTier: "claude-sonnet-4-6",
                                 priceUnit: .per1MTokens, costPerUnit: ExactDecimal("30")!, effectiveFrom: day))
        try other.setRateCard(card)
        try other.close()

        // Appends look at the file at most every 100 ms.
        Thread.sleep(forTimeInterval: 0.15)
        try writer.append(Self.record(1))
        try writer.flush()
        let perRow = try writer.query("SELECT date, sum(cost_usd) AS c, count(*) AS n FROM usage GROUP BY date")
        #expect(perRow[0]["c"]?.nanos == Int128(3_000_000 + 30_000_000))
        #expect(try writer.rateCard() == card)
    }

    @Test func oneWriterManyReadersAndKeysAndRatesBesideTheWriter() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/db"
        let writer = try Database(path: path)
        defer { try? writer.close() }
        #expect(throws: StorageError.locked(path: path + "/LOCK")) { try Database(path: path) }
        var readOnly = Database.Configuration()
        readOnly.readOnly = true
        let reader = try Database(path: path, configuration: readOnly)
        defer { try? reader.close() }
        // Keys are changed from the reader while the writer holds the store.
        let key = try reader.keys.create(project: "acme")
        #expect(writer.keys.authenticate(key.key) == "acme")
        try writer.keys.revoke(key.info.id)
        #expect(reader.keys.authenticate(key.key) == nil)
        #expect(throws: StorageError.readOnly(path: path)) { try reader.append(Self.record(0)) }
        // One lock file; the old per-role files are gone.
        let names = try FileManager.default.contentsOfDirectory(atPath: path)
        #expect(names.contains("LOCK"))
        #expect(!names.contains("keys.lock"))
    }

    @Test func activityIsRecordedThroughTheDatabase() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/db"
        do {
            let db = try Database(path: path)
            try db.activity.record(contentsOf: [
                ActivityEvent(projectId: "acme", ts: Self.oct15, kind: .runCreated),
                ActivityEvent(projectId: "acme", ts: Self.oct15 + 1, kind: .runCreated),
            ])
            #expect(try db.activity.counters(project: "acme").runsCreated == 2)
            try db.close()
        }
        let again = try Database(path: path)
        defer { try? again.close() }
        #expect(try again.activity.counters(project: "acme").runsCreated == 2)
        #expect(try again.activity.projects() == ["acme"])
    }

    @Test(arguments: [("2026-10-01", "2026-1-31"), ("2026-13-01", "2026-12-31"), ("2026-10-31", "2026-10-01")])
    func badWindowsSayWhatIsWrong(from: String, to: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = try Database(path: dir.path + "/db")
        defer { try? db.close() }
        #expect(throws: DateWindowError.self) { try db.window(from: from, to: to) }
    }
}
