import Foundation
import Tally
import TallySQL
import TallyExecution
import TallyTestSupport
import Testing

/// Window functions on the engine (issue 23): their errors, their plan, and answers checked
/// by brute force. Their answers against DuckDB are the engine cases `window_*`
/// (Tools/sql_oracle.py --cases).
@Suite struct WindowQueryTests {
    static let records = RandomRecords.make(count: 1200, seed: 29)

    static func makeStore() throws -> (TemporaryDirectory, Store) {
        let dir = try TemporaryDirectory()
        let store = try Store.open(at: dir.path + "/s")
        try store.append(contentsOf: records)
        try store.flush()
        return (dir, store)
    }

    @Test(arguments: [
        // (query, error kind, the text the caret is under, a word of the message)
        ("SELECT service FROM usage WHERE row_number() OVER () > 1", SQLError.Kind.misplacedAggregate, "row_number() OVER ()", "WHERE"),
        ("SELECT service FROM usage GROUP BY row_number() OVER ()", .misplacedAggregate, "row_number() OVER ()", "GROUP BY"),
        ("SELECT sum(row_number() OVER ()) FROM usage", .misplacedAggregate, "row_number() OVER ()", "aggregate"),
        ("SELECT lag(lag(quantity) OVER ()) OVER () FROM usage", .misplacedAggregate, "lag(quantity) OVER ()", "another window"),
        ("SELECT row_number() FROM usage", .invalidArgument, "row_number()", "OVER"),
        ("SELECT count(*) OVER (ORDER BY ts GROUPS 1 PRECEDING) FROM usage", .unsupported, "GROUPS", "GROUPS"),
        ("SELECT count(*) OVER (ORDER BY ts ROWS 1 PRECEDING EXCLUDE CURRENT ROW) FROM usage", .unsupported, "EXCLUDE", "EXCLUDE"),
        ("SELECT lag(quantity) IGNORE NULLS OVER (ORDER BY ts) FROM usage", .unsupported, "IGNORE", "IGNORE NULLS"),
        ("SELECT count(*) OVER w FROM usage", .invalidArgument, "w", "no window named w"),
        ("SELECT median(quantity) OVER () FROM usage", .unsupported, "median", "window"),
        ("SELECT sum(DISTINCT quantity) OVER () FROM usage", .unsupported, "sum(DISTINCT quantity) OVER ()", "DISTINCT"),
        ("SELECT count(*) OVER (ORDER BY service RANGE 1 PRECEDING) FROM usage", .unsupported, "RANGE 1 PRECEDING", "RANGE"),
        ("SELECT count(*) OVER (ORDER BY date RANGE INTERVAL 1 MONTH PRECEDING) FROM usage", .unsupported, "INTERVAL 1 MONTH", "months"),
        ("SELECT count(*) OVER (ORDER BY ts RANGE 3 PRECEDING) FROM usage", .invalidArgument, "3", "INTERVAL"),
        ("SELECT count(*) OVER (ORDER BY ts, quantity RANGE 1 PRECEDING) FROM usage", .invalidArgument, "RANGE 1 PRECEDING", "one ORDER BY key"),
        ("SELECT count(*) OVER (ORDER BY ts ROWS 1.5 PRECEDING) FROM usage", .invalidArgument, "1.5", "whole number"),
        ("SELECT count(*) OVER (ORDER BY ts ROWS -1 PRECEDING) FROM usage", .outOfRange, "-1", "0 or more"),
        ("SELECT count(*) OVER (ORDER BY ts ROWS BETWEEN CURRENT ROW AND UNBOUNDED PRECEDING) FROM usage", .invalidArgument,
         "ROWS BETWEEN CURRENT ROW AND UNBOUNDED PRECEDING", "UNBOUNDED PRECEDING"),
        ("SELECT ntile(quantity) OVER () FROM usage", .invalidArgument, "quantity", "whole number"),
        ("SELECT count(*) OVER (ORDER BY ts ROWS BETWEEN 1 FOLLOWING AND CURRENT ROW) FROM usage", .invalidArgument,
         "ROWS BETWEEN 1 FOLLOWING AND CURRENT ROW", "following row"),
    ])
    func refusedWithACaret(_ sql: String, _ kind: SQLError.Kind, _ token: String, _ words: String) throws {
        let e = try #require(RelationalQueryTests.prepareError(sql), "\(sql) must fail")
        #expect(e.kind == kind, "\(sql): \(e)")
        #expect(RelationalQueryTests.pointed(sql, e) == token, "\(sql): \(e)")
        #expect(e.message.lowercased().contains(words.lowercased()), "\(sql): \(e.message)")
    }

    @Test func explainShowsTheWindowNode() throws {
        let (dir, store) = try Self.makeStore()
        defer { try? store.close(); dir.remove() }
        let sql = "EXPLAIN SELECT service, sum(sum(cost_usd)) OVER (ORDER BY service ROWS 2 PRECEDING) FROM usage GROUP BY service QUALIFY rank() OVER (ORDER BY service) < 3"
        let t = try SQLQuery.prepare(sql).execute(on: store.snapshot())
        let plan = t.rows.first?.last?.plainText ?? ""
        #expect(plan.contains("WINDOW sum(sum(cost_usd)) OVER (ORDER BY"), "\(plan)")
        #expect(plan.contains("ROWS BETWEEN 2 PRECEDING AND CURRENT ROW"), "\(plan)")
        #expect(plan.contains("rank() OVER (ORDER BY"), "\(plan)")
        // The aggregate under the windows is the store's engine's (the rule on plans).
        #expect(try SQLQuery.prepare(String(sql.dropFirst(8)), evenWithoutRollups: true).usesRollupRule)
        #expect(plan.contains("STORE_AGGREGATE") == (try SQLQuery.prepare(String(sql.dropFirst(8))).usesRollupRule), "\(plan)")
    }

    @Test func rowNumbersAndRunningCountsMatchBruteForce() throws {
        let (dir, store) = try Self.makeStore()
        defer { try? store.close(); dir.remove() }
        // Per service: the number of rows at or before each instant (RANGE peers included).
        let sql = """
            SELECT service, epoch_ms(ts) AS ms, count(*) OVER (PARTITION BY service ORDER BY ts) AS upto,
                   count(*) OVER (PARTITION BY service) AS total,
                   row_number() OVER (PARTITION BY service ORDER BY ts) AS rn FROM usage
            """
        let t = try SQLQuery.prepare(sql).execute(on: store.snapshot())
        #expect(t.rows.count == Self.records.count)
        var byService: [String: [Int64]] = [:]
        for r in Self.records { byService[r.service, default: []].append(r.ts) }
        var numbers: [String: Set<Int>] = [:]
        for row in t.rows {
            let times = byService[row[0].plainText] ?? []
            let ms = Int64(row[1].plainText) ?? -1
            #expect(row[2].plainText == String(times.filter { $0 <= ms }.count))
            #expect(row[3].plainText == String(times.count))
            let rn = Int(row[4].plainText) ?? -1
            #expect(rn > times.filter { $0 < ms }.count && rn <= times.filter { $0 <= ms }.count)
            numbers[row[0].plainText, default: []].insert(rn)
        }
        for (service, times) in byService { #expect(numbers[service] == Set(1...times.count)) }
    }

    @Test func hugeOffsetsLandOutsideThePartitionWithoutOverflow() throws {
        let (dir, store) = try Self.makeStore()
        defer { try? store.close(); dir.remove() }
        let sql = """
            SELECT max(a), max(b), max(c), max(d) FROM (SELECT lead(quantity, 9223372036854775807) OVER () AS a,
                   lag(quantity, -9223372036854775807, 1) OVER () AS b, nth_value(quantity, 9223372036854775807) OVER () AS c,
                   count(*) OVER (ORDER BY ts ROWS BETWEEN 8000000000000000000 PRECEDING AND 8000000000000000000 FOLLOWING) AS d FROM usage)
            """
        let t = try SQLQuery.prepare(sql).execute(on: store.snapshot())
        #expect(t.rows.first?.map(\.plainText) == ["", "1.0", "", String(Self.records.count)])
    }
}
