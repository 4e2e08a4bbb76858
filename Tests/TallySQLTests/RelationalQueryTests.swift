import Foundation
import Tally
import TallySQL
import TallyExecution
import TallyTestSupport
import Testing

/// WITH, derived tables, set operations, subqueries and joins on the engine
/// (issue 23): their errors, their plans, and that a CTE read twice is computed once.
/// Their answers are checked against DuckDB by the engine cases (Tools/sql_oracle.py --cases).
@Suite struct RelationalQueryTests {
    static let records = RandomRecords.make(count: 1500, seed: 23)

    static func makeStore() throws -> (TemporaryDirectory, Store) {
        let dir = try TemporaryDirectory()
        let store = try Store.open(at: dir.path + "/s")
        try store.append(contentsOf: records)
        try store.flush()
        return (dir, store)
    }

    static func prepareError(_ sql: String) -> SQLError? {
        do { _ = try SQLQuery.prepare(sql); return nil } catch { return error }
    }

    /// The text of `sql` an error points at.
    static func pointed(_ sql: String, _ e: SQLError) -> String {
        let u = Array(sql.utf8)
        return String(decoding: u[e.range.offset..<min(e.range.offset + e.range.length, u.count)], as: UTF8.self)
    }

    @Test(arguments: [
        // (query, error kind, the text the caret is under, a word of the message)
        ("SELECT * FROM read_json('usage.json')", SQLError.Kind.unsupported, "read_json", "table function read_json"),
        ("SELECT [1, 2, 3][1:2] AS head", .unsupported, ":", "list slices"),
        ("SELECT unnest([1, 2]) + 1 AS x", .unsupported, "unnest([1, 2])", "unnest"),
        ("SELECT max(COLUMNS(['quantity', 'nope'])) FROM usage", .invalidArgument, "'nope'", "unknown column nope"),
        ("PIVOT usage ON unit USING sum(quantity)", .unsupported, "unit", "PIVOT without IN"),
        ("SELECT * FROM LATERAL (SELECT 1) l", .invalidArgument, "LATERAL (SELECT 1)", "LATERAL needs a table"),
        ("SELECT count(*) FROM (SELECT 1 AS x) s RIGHT JOIN LATERAL (SELECT s.x AS y) l ON true", .unsupported, "RIGHT", "RIGHT JOIN LATERAL"),
        ("SELECT * FROM generate_series(1.5, 3)", .invalidArgument, "1.5", "integers"),
        ("SELECT * FROM range(DATE '2026-01-01', DATE '2026-02-01')", .invalidArgument, "range(DATE '2026-01-01', DATE '2026-02-01')", "needs a step"),
        ("SELECT (SELECT 1, 2)", .invalidArgument, "(SELECT 1, 2)", "2 columns"),
        ("SELECT 1 UNION SELECT 1, 2", .invalidArgument, "UNION", "same number of result columns"),
        ("SELECT * FROM (SELECT 1, 2) t(a, b, c)", .invalidArgument, "c", "2 columns available but 3"),
        ("WITH RECURSIVE t AS (SELECT 1) SELECT * FROM t", .unsupported, "RECURSIVE", "WITH RECURSIVE"),
        ("SELECT * FROM nothing", .invalidArgument, "nothing", "no table named nothing"),
        ("SELECT * FROM usage NATURAL JOIN usage", .unsupported, "NATURAL", "NATURAL joins"),
        ("SELECT service FROM usage a JOIN usage b ON a.run_id = b.run_id", .invalidArgument, "service", "Ambiguous reference"),
        ("SELECT count(*) FROM usage JOIN usage ON true", .invalidArgument, "usage", "used twice"),
        ("SELECT count(*) FROM usage a JOIN (SELECT 1 AS x) b USING (run_id)", .invalidArgument, "run_id", "right side of join"),
        ("SELECT count(*) FROM usage a JOIN usage b ON sum(a.quantity) > 1", .misplacedAggregate, "sum(a.quantity) > 1", "ON"),
        ("SELECT count(*) FROM usage a JOIN usage b", .syntax, "", "ON or USING"),
        ("SELECT * FROM (SUMMARIZE usage)", .unsupported, "SUMMARIZE", "SUMMARIZE"),
        ("SELECT * FROM (VALUES (1), (2, 3)) t", .invalidArgument, "(2, 3)", "same length"),
        ("SELECT 1 UNION BY NAME SELECT 2", .unsupported, "BY", "BY NAME"),
    ])
    func refusedWithACaret(_ sql: String, _ kind: SQLError.Kind, _ token: String, _ words: String) throws {
        let e = try #require(Self.prepareError(sql), "\(sql) must fail")
        #expect(e.kind == kind, "\(sql): \(e)")
        #expect(Self.pointed(sql, e) == token, "\(sql): \(e)")
        #expect(e.message.lowercased().contains(words.lowercased()), "\(sql): \(e.message)")
    }

    @Test func aScalarSubqueryOfSeveralRowsFailsAsInDuckDB() throws {
        let (dir, store) = try Self.makeStore()
        defer { try? store.close(); dir.remove() }
        let q = try SQLQuery.prepare("SELECT (SELECT service FROM usage) AS s")
        #expect(throws: SQLError.self) { try q.execute(on: store.snapshot()) }
        do {
            _ = try q.execute(on: store.snapshot())
        } catch let e as SQLError {
            #expect(e.message.hasPrefix("More than one row returned by a subquery used as an expression"))
        }
    }

    @Test func aCommonTableReadTwiceIsComputedOnce() throws {
        let (dir, store) = try Self.makeStore()
        defer { try? store.close(); dir.remove() }
        let sql = "WITH a AS (SELECT service, count(*) AS n FROM usage GROUP BY service) SELECT sum(n) FROM a UNION ALL SELECT count(*) FROM a WHERE n > (SELECT min(n) FROM a)"
        // On the operators (the rollup rule would answer a from rollups without a scan).
        let t = try SQLQuery.prepare(sql, rollupRule: false).execute(on: store.snapshot())
        #expect(t.rows.count == 2)
        #expect(t.rows.first?.first?.plainText == String(Self.records.count))
        // One pass over usage's rows however many times a is read.
        #expect(t.scannedRows == Self.records.count)
    }

    @Test func explainShowsTheNewNodes() throws {
        let (dir, store) = try Self.makeStore()
        defer { try? store.close(); dir.remove() }
        let sql = """
            EXPLAIN WITH a AS (SELECT service, count(*) AS n FROM usage GROUP BY service)
            SELECT * FROM a WHERE n > (SELECT 1) UNION SELECT x, y FROM (SELECT 'z' AS x, 2 AS y) t
            """
        let t = try SQLQuery.prepare(sql).execute(on: store.snapshot())
        let plan = t.rows.first?.last?.plainText ?? ""
        for node in ["UNION", "CTE_SCAN a", "SUBQUERY_SCAN t", "SUBQUERY (SELECT 1)"] {
            #expect(plan.contains(node), "\(node) in \(plan)")
        }
    }

    @Test func explainShowsJoinsAndTheConditionsMovedIntoThem() throws {
        let (dir, store) = try Self.makeStore()
        defer { try? store.close(); dir.remove() }
        let sql = "EXPLAIN SELECT count(*) FROM usage a, usage b WHERE a.run_id = b.run_id AND a.ts < b.ts AND a.service = 'e2b'"
        let plan = try SQLQuery.prepare(sql).execute(on: store.snapshot()).rows.first?.last?.plainText ?? ""
        // The comma join became a hash join on the equality; the one-side filter went below it.
        #expect(plan.contains("HASH_JOIN INNER keys [run_id = run_id] condition (ts < ts)"), "\(plan)")
        #expect(plan.contains("FILTER (service = 'e2b')\n        SCAN usage"), "\(plan)")
        let cross = try SQLQuery.prepare("EXPLAIN SELECT count(*) FROM (SELECT 1 AS x) a CROSS JOIN (SELECT 2 AS y) b")
            .execute(on: store.snapshot()).rows.first?.last?.plainText ?? ""
        #expect(cross.contains("NESTED_LOOP_JOIN CROSS"), "\(cross)")
    }

    @Test func aDerivedTableOfUsageStreamsAndDecodesOnlyWhatIsRead() throws {
        let (dir, store) = try Self.makeStore()
        defer { try? store.close(); dir.remove() }
        let sql = "SELECT service, count(*) FROM (SELECT * FROM usage WHERE quantity > 10) t WHERE t.unit LIKE '%tokens' GROUP BY 1"
        // Every aggregation of the engine's shape, answerable by rollups or not.
        let plan = try SQLQuery.prepare("EXPLAIN " + sql, evenWithoutRollups: true).execute(on: store.snapshot()).rows.first?.last?.plainText ?? ""
        #expect(plan.contains("SCAN usage [service, unit, quantity]"), "\(plan)")
        let direct = try SQLQuery.prepare("SELECT service, count(*) FROM usage WHERE quantity > 10 AND unit LIKE '%tokens' GROUP BY 1", rollupRule: false)
            .execute(on: store.snapshot())
        let derived = try SQLQuery.prepare(sql).execute(on: store.snapshot())
        #expect(derived.rows.sorted { $0[0].plainText < $1[0].plainText } == direct.rows.sorted { $0[0].plainText < $1[0].plainText })
    }

    @Test func aCancelledJoinThrowsTheEnginesCancellation() throws {
        let (dir, store) = try Self.makeStore()
        defer { try? store.close(); dir.remove() }
        for sql in ["SELECT count(*) FROM (SELECT 1 AS x) a RIGHT JOIN (SELECT 1 AS x) b ON a.x = b.x",
                    "SELECT count(*) FROM usage a JOIN usage b ON a.run_id = b.run_id"] {
            let q = try SQLQuery.prepare(sql)
            #expect(throws: ExecutionError.cancelled, "\(sql)") { _ = try q.execute(on: store.snapshot(), isCancelled: { true }) }
            #expect(try q.execute(on: store.snapshot()).rows.count == 1)
        }
    }

    @Test func aSelfJoinMatchesBruteForce() throws {
        let (dir, store) = try Self.makeStore()
        defer { try? store.close(); dir.remove() }
        let sql = "SELECT count(*) FROM usage a JOIN usage b ON a.run_id = b.run_id AND a.ts < b.ts"
        let t = try SQLQuery.prepare(sql).execute(on: store.snapshot())
        var byRun: [String: [Int64]] = [:]
        for r in Self.records { if let run = r.runId { byRun[run, default: []].append(r.ts) } }
        var expected = 0
        for (_, times) in byRun { for x in times { for y in times where x < y { expected += 1 } } }
        #expect(t.rows.first?.first?.plainText == String(expected))
    }

    @Test func theRollupRuleTakesTheSingleTableQueriesInsideAStatement() throws {
        let (dir, store) = try Self.makeStore()
        defer { try? store.close(); dir.remove() }
        // Aggregates over a CTE, a subquery's condition or a join stay on the operators; an
        // aggregate over usage anywhere in a statement (a side of a set operation) is the engine's.
        for sql in ["WITH a AS (SELECT * FROM usage) SELECT count(*) FROM a",
                    "SELECT count(*) FROM usage WHERE service IN (SELECT service FROM usage)",
                    "SELECT count(*) FROM usage a JOIN usage b USING (run_id)"] {
            #expect(try !SQLQuery.prepare(sql, evenWithoutRollups: true).usesRollupRule, "\(sql)")
        }
        #expect(try SQLQuery.prepare("SELECT count(*) FROM usage UNION ALL SELECT count(*) FROM usage", evenWithoutRollups: true).usesRollupRule)
        #expect(try SQLQuery.prepare("SELECT count(*) FROM usage").usesRollupRule)
        // A CTE's aggregation is the engine's; the query over it runs on the operators.
        let sql = """
            WITH s AS (SELECT service, sum(cost_usd) AS cost, count(*) AS n FROM usage GROUP BY service)
            SELECT s.service, cost, s.n, u.n FROM s LEFT JOIN (SELECT service, count(*) AS n FROM usage WHERE unit = 'input_tokens' GROUP BY 1) u
            USING (service) WHERE cost > (SELECT min(cost_usd) FROM usage) ORDER BY 1
            """
        // Every aggregation of the engine's shape, answerable by rollups or not.
        let plan = try SQLQuery.prepare("EXPLAIN " + sql, evenWithoutRollups: true).execute(on: store.snapshot()).rows.first?.last?.plainText ?? ""
        #expect(plan.components(separatedBy: "STORE_AGGREGATE").count - 1 == 3, "\(plan)")
        let with = try SQLQuery.prepare(sql, rollupRule: true, evenWithoutRollups: true).execute(on: store.snapshot())
        let without = try SQLQuery.prepare(sql, rollupRule: false).execute(on: store.snapshot())
        #expect(!with.rows.isEmpty)
        #expect(with.rows == without.rows)
    }
}
