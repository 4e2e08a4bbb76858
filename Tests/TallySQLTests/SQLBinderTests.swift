import Foundation
import Tally
import TallySQL
import TallyTestSupport
import Testing

/// The binder against a brute-force evaluation over the same random records, and its errors.
@Suite struct SQLBinderTests {
    static let records = RandomRecords.make(count: 3000, seed: 11)

    static func run(_ sql: String, _ dir: TemporaryDirectory, records: [UsageRecord] = records) throws -> SQLResultTable {
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

    /// The conditions on duration_ms that the engine takes directly give brute force's counts.
    @Test func equalityInAndNullFiltersOnDurationMatchBruteForce() throws {
        let values = Array(Set(Self.records.compactMap(\.durationMs))).sorted().prefix(2)
        try #require(values.count == 2)
        let cases: [(String, Int)] = [
            ("duration_ms = \(values.first!)", Self.records.filter { $0.durationMs == values.first! }.count),
            ("duration_ms IN (\(values.map(String.init).joined(separator: ", ")))", Self.records.filter { $0.durationMs.map(values.contains) ?? false }.count),
            ("duration_ms IS NULL", Self.records.filter { $0.durationMs == nil }.count),
        ]
        for (condition, expected) in cases {
            let dir = try TemporaryDirectory()
            defer { dir.remove() }
            let t = try Self.run("SELECT count(*) FROM usage WHERE \(condition)", dir)
            #expect(t.rows.first?.first?.plainText == String(expected), "\(condition)")
        }
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

    /// ORDER BY on integer and money terms (compared as plain integers), with NULLs
    /// first or last, descending or not, and ties broken on the group keys, against a
    /// brute-force sort of the same groups; an expression term takes the general path.
    @Test(arguments: [
        ("sum(cost_usd) DESC", true), ("sum(cost_usd)", false), ("max(duration_ms) DESC NULLS FIRST", true),
        ("max(duration_ms) NULLS FIRST", false), ("max(duration_ms) DESC NULLS LAST", true), ("count(*) DESC", true),
        ("max(duration_ms) + 0 DESC NULLS FIRST", true),
    ])
    func orderByIntegerAndMoneyTermsMatchBruteForce(term: String, descending: Bool) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // Only runs whose id ends in 1 keep their durations: the others' max is NULL.
        let kept = Self.records.map { r in
            var r = r
            if r.runId?.hasSuffix("1") != true { r.durationMs = nil }
            return r
        }
        let t = try Self.run(
            "SELECT run_id, \(term.components(separatedBy: " ").first!) AS k FROM usage GROUP BY run_id ORDER BY \(term), run_id",
            dir, records: kept)
        let nullsFirst = term.contains("NULLS FIRST") || (descending && !term.contains("NULLS LAST"))
        let groups = Dictionary(grouping: kept, by: { $0.runId ?? "" })
        func key(_ rs: [UsageRecord]) -> Int128? {
            if term.hasPrefix("sum(cost_usd)") { return rs.reduce(Int128(0)) { $0 + Int128($1.costNanos ?? 0) } }
            if term.hasPrefix("count") { return Int128(rs.count) }
            return rs.compactMap(\.durationMs).max().map { Int128($0) }
        }
        let expected = groups.map { (run: $0.key, key: key($0.value)) }.sorted { a, b in
            switch (a.key, b.key) {
            case (nil, nil): break
            case (nil, _): return nullsFirst
            case (_, nil): return !nullsFirst
            case let (x?, y?): if x != y { return descending ? x > y : x < y }
            }
            // Group keys ascending, NULL (no run) last.
            if a.run.isEmpty != b.run.isEmpty { return b.run.isEmpty }
            return Array(a.run.utf8).lexicographicallyPrecedes(Array(b.run.utf8))
        }
        #expect(t.rows.map { $0[0].plainText } == expected.map { $0.run.isEmpty ? SQLValue.null.plainText : $0.run })
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
        // Ranges on duration_ms say what is unsupported, not "grouping by duration_ms".
        ("SELECT count(*) FROM usage WHERE duration_ms > 100", .unsupported, "WHERE takes only =, IN, IS NULL and IS NOT NULL on duration_ms"),
        ("SELECT count(*) FROM usage WHERE duration_ms BETWEEN 1 AND 5", .unsupported, "no ranges such as <, >, BETWEEN or <>"),
        ("SELECT count(*) FROM usage WHERE duration_ms <> 5", .unsupported, "this condition on duration_ms is not supported"),
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
