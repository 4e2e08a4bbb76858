import Foundation
import Tally
import TallySQL
import TallyTestSupport
import Testing

/// The binder against a brute-force evaluation over the same random records, and its errors.
@Suite struct SQLBinderTests {
    static let records = RandomRecords.make(count: 3000, seed: 11)

    static func run(_ sql: String, _ dir: TemporaryDirectory) throws -> SQLResultTable {
        var options = StoreOptions()
        options.compactionThreshold = 0
        let store = try Store.open(at: dir.path + "/s", options: options)
        try store.append(contentsOf: records)
        try store.flush()
        return try SQLBinder.prepare(sql).execute(on: store.snapshot())
    }

    static func error(_ sql: String) -> SQLError? {
        do { _ = try SQLBinder.prepare(sql); return nil } catch { return error }
    }

    @Test func groupedSumsMatchBruteForce() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let t = try Self.run("""
            SELECT service, count(*) AS n, sum(cost_usd), count(model_id) FROM usage
            WHERE service <> 'e2b' AND run_id IS NOT NULL AND date >= '2025-03-01'
            GROUP BY service ORDER BY n DESC, service
            """, dir)
        let start = CivilDate.parseISODate("2025-03-01")!
        let kept = Self.records.filter { $0.service != "e2b" && $0.runId != nil && $0.day >= start }
        let groups = Dictionary(grouping: kept, by: \.service)
        let expected = groups.map { (k, v) -> [SQLValue] in
            [.string(k), .int(Int128(v.count)), .money(v.reduce(Int128(0)) { $0 + Int128($1.costNanos ?? 0) }),
             .int(Int128(v.filter { $0.modelId != nil }.count))]
        }.sorted { a, b in
            if a[1] != b[1] { return SQLBoundCompare.greater(a[1], b[1]) }
            return a[0].plainText < b[0].plainText
        }
        #expect(t.rows == expected)
        #expect(t.columns.map(\.type) == [.varchar, .bigint, .money, .bigint])
    }

    @Test func orLikeAndNotInOnOneColumnBecomeValueLists() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let t = try Self.run("""
            SELECT count(*), count(DISTINCT run_id) FROM usage
            WHERE (model_id LIKE '%mini' OR model_id = 'claude-sonnet-4-6') AND step_index NOT IN (0, 1)
            """, dir)
        let kept = Self.records.filter {
            ($0.modelId == "gpt-5.4-mini" || $0.modelId == "claude-sonnet-4-6") && $0.stepIndex != nil && $0.stepIndex != 0 && $0.stepIndex != 1
        }
        #expect(t.rows == [[.int(Int128(kept.count)), .int(Int128(Set(kept.compactMap(\.runId)).count))]])
    }

    @Test func havingArithmeticAndLimitRunAfterTheEngine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let t = try Self.run("""
            SELECT tool_id, count(*) * 2 AS twice FROM usage WHERE tool_id IS NOT NULL
            GROUP BY 1 HAVING count(*) > 10 ORDER BY twice DESC, tool_id LIMIT 2 OFFSET 1
            """, dir)
        let counts = Dictionary(grouping: Self.records.compactMap(\.toolId), by: { $0 }).mapValues(\.count)
        let expected = counts.filter { $0.value > 10 }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            .dropFirst().prefix(2).map { [SQLValue.string($0.key), .int(Int128($0.value * 2))] }
        #expect(t.rows == Array(expected))
    }

    @Test(arguments: [
        ("SELECT count(*) FROM usage WHERE service = 'a' OR unit = 'b'", SQLError.Kind.unsupported, "several columns"),
        ("SELECT nope, count(*) FROM usage GROUP BY nope", .unsupported, "unknown column nope"),
        ("SELECT service, count(*) FROM usage", .unsupported, "must appear in GROUP BY"),
        ("SELECT ts, count(*) FROM usage GROUP BY ts", .unsupported, "grouping by ts"),
        ("SELECT count(*) FROM other", .unsupported, "unknown table"),
        ("SELECT sum(service) FROM usage", .unsupported, "sum(service)"),
        ("SELECT sum(quantity * 2) FROM usage", .unsupported, "aggregates of expressions"),
        ("SELECT service FROM usage", .unsupported, "without aggregates"),
        ("SELECT count(*) FROM usage WHERE ts <> TIMESTAMP '2025-01-01 00:00:00'", .unsupported, "<> on ts"),
        ("SELECT count(*) FROM usage WHERE cost_usd < 0.0000000001", .invalidLiteral, "9 decimal places"),
        ("SELECT count(*) FROM usage WHERE service = 3", .unsupported, "cannot compare"),
    ])
    func unsupportedConstructsFailWithAPointedError(sql: String, kind: SQLError.Kind, text: String) {
        let e = Self.error(sql)
        #expect(e?.kind == kind)
        #expect(e?.message.contains(text) == true, "\(String(describing: e))")
        if let e { #expect(e.rendered(query: sql).contains("^")) }
    }
}

/// Orders two SQL values for test expectations.
enum SQLBoundCompare {
    static func greater(_ a: SQLValue, _ b: SQLValue) -> Bool {
        if case .int(let x) = a, case .int(let y) = b { return x > y }
        return false
    }
}
