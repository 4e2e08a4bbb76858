import Foundation
import Tally
import TallySQL
import TallyTestSupport
import Testing

/// The rollup rule against the vectorised operators: every query the store's aggregation
/// engine answers (from rollups where they apply) must give what the general operators
/// give over the raw columns, on the CLI's DuckDB-checked cases and on random queries of
/// the aggregation engine's shape.
@Suite struct RollupRuleTests {
    static let records = RandomRecords.make(count: 3000, seed: 41, days: 400)

    /// Rows as sorted text, doubles to 12 significant digits (sums of doubles may add in
    /// another order).
    static func canonical(_ table: SQLResultTable) -> [String] {
        table.rows.map { row in
            row.map { v -> String in
                if case .double(let d) = v { return d.isFinite ? String(format: "%.12g", d) : "\(d)" }
                return v.plainText + "|" + (v.isNull ? "null" : "")
            }.joined(separator: ",")
        }.sorted()
    }

    static func compare(_ sql: String, _ snapshot: Snapshot) throws -> Bool {
        // Every statement of the engine's shape, with or without rollups to answer it:
        // the engine's raw-row path runs when the resident cache is off.
        let withRule = try SQLQuery.prepare(sql, rollupRule: true, evenWithoutRollups: true)
        let without = try SQLQuery.prepare(sql, rollupRule: false)
        #expect(!without.usesRollupRule)
        let a = try withRule.execute(on: snapshot), b = try without.execute(on: snapshot)
        #expect(a.columns == b.columns, "\(sql)")
        #expect(canonical(a) == canonical(b), "\(sql)")
        // The default: the rule when rollups may answer, the operators when they do not
        // pay on this data (RollupCost).
        let chosen = try SQLQuery.prepare(sql).execute(on: snapshot)
        #expect(canonical(chosen) == canonical(b), "\(sql)")
        return withRule.usesRollupRule
    }

    /// A store of `records` in a temporary folder.
    static func makeStore() throws -> (TemporaryDirectory, Store) {
        let dir = try TemporaryDirectory()
        let store = try Store.open(at: dir.path + "/s")
        try store.append(contentsOf: records)
        try store.flush()
        return (dir, store)
    }

    @Test func theCheckedCasesAgreeWithAndWithoutTheRule() throws {
        let (dir, store) = try Self.makeStore()
        defer { try? store.close(); dir.remove() }
        let cases = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TallyCLITests/SQLDifferential/cases")
        let names = try FileManager.default.contentsOfDirectory(atPath: cases.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(names.count >= 30)
        var ruled = 0
        for name in names {
            let sql = try String(contentsOf: cases.appendingPathComponent(name), encoding: .utf8)
            if try Self.compare(sql, store.snapshot()) { ruled += 1 }
        }
        #expect(ruled >= names.count / 2, "the rule should take most of these aggregation-shaped cases")
    }

    @Test func randomAggregationsAgreeWithAndWithoutTheRule() throws {
        let (dir, store) = try Self.makeStore()
        defer { try? store.close(); dir.remove() }
        let keys = ["service", "unit", "model_id", "tool_id", "project_id", "date", "date_trunc('hour', ts)", "date_trunc('day', ts)",
                    "date_trunc('week', ts)", "date_trunc('month', ts)", "step_index", "user_id", "run_id", "capture_source", "parser_version"]
        let aggregates = ["count(*)", "sum(cost_usd)", "sum(quantity)", "min(cost_usd)", "max(ts)", "avg(quantity)", "count(DISTINCT run_id)",
                          "median(quantity)", "quantile_cont(cost_usd, 0.9)", "sum(duration_ms)", "max(step_index)", "count(model_id)"]
        let filters = ["service = 'anthropic'", "unit IN ('input_tokens', 'output_tokens')", "ts >= TIMESTAMP '2025-06-01 00:00:00'",
                       "date BETWEEN DATE '2025-03-01' AND DATE '2025-09-30'", "quantity > 1000", "cost_usd < 0.01", "model_id IS NULL",
                       "tool_id IS NOT NULL", "step_index = 2", "project_id = 'project-1'", "user_id LIKE 'u%'", "duration_ms > 60000"]
        var g = SeededGenerator(seed: 99)
        var ruled = 0
        let n = 150
        for _ in 0..<n {
            let k = Array(keys.shuffled(using: &g).prefix(Int.random(in: 0...2, using: &g)))
            let a = Array(aggregates.shuffled(using: &g).prefix(Int.random(in: 1...3, using: &g)))
            let f = Array(filters.shuffled(using: &g).prefix(Int.random(in: 0...2, using: &g)))
            var sql = "SELECT " + (k + a).joined(separator: ", ") + " FROM usage"
            if !f.isEmpty { sql += " WHERE " + f.joined(separator: " AND ") }
            if !k.isEmpty { sql += " GROUP BY " + (1...k.count).map(String.init).joined(separator: ", ") }
            if try Self.compare(sql, store.snapshot()) { ruled += 1 }
        }
        #expect(ruled > n / 3, "the rule should take many random aggregations of its shape")
    }

    /// The rule as an optimiser rule: aggregations inside larger statements (CTEs joined,
    /// windows over aggregates, QUALIFY, derived tables, set operations) are answered by
    /// the engine where it can, with the operators' answers.
    @Test func aggregationsInsideLargerStatementsAgreeWithAndWithoutTheRule() throws {
        let (dir, store) = try Self.makeStore()
        defer { try? store.close(); dir.remove() }
        let keys = ["service", "model_id", "project_id", "date", "date::TIMESTAMP", "date_trunc('month', date)",
                    "date_trunc('day', ts)", "step_index", "user_id"]
        let aggregates = ["count(*)", "sum(cost_usd)", "sum(quantity)", "max(cost_usd)", "avg(quantity)", "count(run_id)",
                          "sum(duration_ms)", "min(quantity)"]
        let filters = ["service = 'anthropic'", "date > DATE '2025-09-30' - INTERVAL 30 DAY", "ts < TIMESTAMP '2025-06-01 12:30:00.0005'",
                       "date >= TIMESTAMP '2025-03-01 10:00:00'", "date BETWEEN TIMESTAMP '2025-02-01 00:00:00' AND TIMESTAMP '2025-08-31 23:00:00'",
                       "cost_usd <= 0.01", "quantity < 500.5", "model_id IS NOT NULL", "step_index = 2", "project_id = 'project-1'",
                       "ts > TIMESTAMP '2025-05-01 00:00:00'", "date = TIMESTAMP '2025-04-04 00:00:00'"]
        var g = SeededGenerator(seed: 7)
        var ruled = 0
        let n = 80
        for i in 0..<n {
            let k = Array(keys.shuffled(using: &g).prefix(Int.random(in: 1...2, using: &g)))
            let a = Array(aggregates.shuffled(using: &g).prefix(Int.random(in: 1...2, using: &g)))
            let f = Array(filters.shuffled(using: &g).prefix(Int.random(in: 0...2, using: &g)))
            let named = k.indices.map { "k\($0)" } + a.indices.map { "a\($0)" }
            var inner = "SELECT " + zip(k + a, named).map { "\($0) AS \($1)" }.joined(separator: ", ") + " FROM usage"
            if !f.isEmpty { inner += " WHERE " + f.joined(separator: " AND ") }
            inner += " GROUP BY " + (1...k.count).map(String.init).joined(separator: ", ")
            let sql: String
            switch i % 5 {
            case 0: sql = "WITH t AS (\(inner)), u AS (\(inner)) SELECT t.*, u.a0 AS b FROM t JOIN u ON t.k0 IS NOT DISTINCT FROM u.k0"
                + (k.count > 1 ? " AND t.k1 IS NOT DISTINCT FROM u.k1" : "")
            case 1: sql = "SELECT *, sum(a0) OVER () AS total FROM (\(inner))"
            case 2:
                let aggregate = a[0]
                // Ties broken by the group keys: the five rows kept are the same on both paths.
                sql = inner + " QUALIFY row_number() OVER (ORDER BY \(aggregate) DESC NULLS LAST, \(k.joined(separator: ", "))) <= 5"
            case 3: sql = "SELECT count(*), max(a0) FROM (\(inner))"
            default: sql = inner + " UNION ALL " + inner
            }
            if try Self.compare(sql, store.snapshot()) { ruled += 1 }
        }
        #expect(ruled > n / 2, "the rule should take the inner aggregation of most of these statements")
    }
}
