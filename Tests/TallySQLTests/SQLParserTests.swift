import Testing
import TallySQL

@Suite struct SQLParserTests {
    /// Inputs and the normalised SQL they must print back as.
    static let roundTrips: [(String, String)] = [
        ("SELECT service FROM usage", "SELECT service FROM usage"),
        ("select Service from USAGE", "SELECT service FROM usage"),
        ("SELECT \"Service\" FROM \"usage\"", "SELECT \"Service\" FROM \"usage\""),
        ("SELECT \"we\"\"ird\" FROM usage", "SELECT \"we\"\"ird\" FROM usage"),
        ("SELECT \"select\" FROM usage", "SELECT \"select\" FROM usage"),
        ("SELECT count(*) FROM usage;", "SELECT count(*) FROM usage"),
        ("SELECT count(*) FROM usage ; ; ", "SELECT count(*) FROM usage"),
        ("SELECT COUNT(*), Count(run_id), count(DISTINCT user_id), count(ALL x) FROM usage",
         "SELECT count(*), count(run_id), count(DISTINCT user_id), count(x) FROM usage"),
        ("SELECT sum(cost_usd), min(ts), max(ts), avg(quantity), median(duration_ms) FROM usage",
         "SELECT sum(cost_usd), min(ts), max(ts), avg(quantity), median(duration_ms) FROM usage"),
        ("SELECT quantile_cont(duration_ms, 0.95), quantile_cont(x, 1), quantile_cont(x, 0), quantile_cont(x, 1.000) FROM usage",
         "SELECT quantile_cont(duration_ms, 0.95), quantile_cont(x, 1), quantile_cont(x, 0), quantile_cont(x, 1.000) FROM usage"),
        ("SELECT date_trunc('HOUR', ts), date_trunc('day', ts), date_trunc('week', date), date_trunc('Month', ts) FROM usage",
         "SELECT date_trunc('hour', ts), date_trunc('day', ts), date_trunc('week', date), date_trunc('month', ts) FROM usage"),
        ("SELECT sum(cost_usd) AS cost, sum(quantity) q, model_id \"Model\" FROM usage",
         "SELECT sum(cost_usd) AS cost, sum(quantity) AS q, model_id AS \"Model\" FROM usage"),
        ("SELECT sum(cost_usd) / count(*) FROM usage", "SELECT sum(cost_usd) / count(*) FROM usage"),
        ("SELECT -x, - -1, -(-1), -(1), +x, 1 - -1, 2 * -3 FROM usage",
         "SELECT -x, -(-1), -(-1), -1, x, 1 - -1, 2 * -3 FROM usage"),
        ("SELECT 42, 0042, 1.50, .5, 7., 0.000000001, 123456789012345678901234567890 FROM usage",
         "SELECT 42, 42, 1.50, 0.5, 7., 0.000000001, 123456789012345678901234567890 FROM usage"),
        ("SELECT 'it''s', '', NULL, TRUE, false FROM usage", "SELECT 'it''s', '', NULL, TRUE, FALSE FROM usage"),
        ("SELECT a FROM usage WHERE date = DATE '2026-10-01'", "SELECT a FROM usage WHERE date = DATE '2026-10-01'"),
        ("SELECT a FROM usage WHERE ts >= TIMESTAMP '2026-10-01 12:00:00' AND ts < timestamp '2026-10-02T00:00:00.5Z'",
         "SELECT a FROM usage WHERE ts >= TIMESTAMP '2026-10-01 12:00:00' AND ts < TIMESTAMP '2026-10-02 00:00:00.500'"),
        ("SELECT a FROM usage WHERE ts < TIMESTAMP '2026-10-02' OR ts > TIMESTAMP '2026-10-02 10:30'",
         "SELECT a FROM usage WHERE ts < TIMESTAMP '2026-10-02 00:00:00' OR ts > TIMESTAMP '2026-10-02 10:30:00'"),
        ("SELECT a FROM usage WHERE a = 1 AND b <> 2 AND c != 3 AND d == 4 AND e < 5 AND f <= 6 AND g > 7 AND h >= 8",
         "SELECT a FROM usage WHERE a = 1 AND b <> 2 AND c <> 3 AND d = 4 AND e < 5 AND f <= 6 AND g > 7 AND h >= 8"),
        ("SELECT a FROM usage WHERE service IN ('e2b') AND unit NOT IN ('a', 'b')",
         "SELECT a FROM usage WHERE service IN ('e2b') AND unit NOT IN ('a', 'b')"),
        ("SELECT a FROM usage WHERE x BETWEEN 1 AND 2 AND y NOT BETWEEN 3 + 1 AND 4 * 2",
         "SELECT a FROM usage WHERE x BETWEEN 1 AND 2 AND y NOT BETWEEN 3 + 1 AND 4 * 2"),
        ("SELECT a FROM usage WHERE model_id LIKE 'claude-%' OR model_id NOT LIKE 'gpt%'",
         "SELECT a FROM usage WHERE model_id LIKE 'claude-%' OR model_id NOT LIKE 'gpt%'"),
        ("SELECT a FROM usage WHERE run_id IS NULL AND user_id IS NOT NULL",
         "SELECT a FROM usage WHERE run_id IS NULL AND user_id IS NOT NULL"),
        ("SELECT model_id, sum(cost_usd) FROM usage GROUP BY model_id HAVING sum(cost_usd) > 10 AND count(*) >= 2",
         "SELECT model_id, sum(cost_usd) FROM usage GROUP BY model_id HAVING sum(cost_usd) > 10 AND count(*) >= 2"),
        ("SELECT date_trunc('day', ts) AS d, sum(cost_usd) FROM usage GROUP BY 1 ORDER BY 1",
         "SELECT date_trunc('day', ts) AS d, sum(cost_usd) FROM usage GROUP BY 1 ORDER BY 1"),
        ("SELECT date_trunc('day', ts) AS d, sum(cost_usd) c FROM usage GROUP BY d ORDER BY c DESC, d ASC",
         "SELECT date_trunc('day', ts) AS d, sum(cost_usd) AS c FROM usage GROUP BY d ORDER BY c DESC, d"),
        ("SELECT a FROM usage GROUP BY date_trunc('week', ts), a", "SELECT a FROM usage GROUP BY date_trunc('week', ts), a"),
        ("SELECT a FROM usage ORDER BY a NULLS FIRST, b DESC NULLS LAST, sum(c)",
         "SELECT a FROM usage ORDER BY a NULLS FIRST, b DESC NULLS LAST, sum(c)"),
        ("SELECT a FROM usage LIMIT 10 OFFSET 20", "SELECT a FROM usage LIMIT 10 OFFSET 20"),
        ("SELECT a FROM usage OFFSET 5", "SELECT a FROM usage OFFSET 5"),
        ("SELECT a FROM usage LIMIT 0", "SELECT a FROM usage LIMIT 0"),
        ("SELECT ALL a FROM usage", "SELECT a FROM usage"),
        ("SELECT date, \"date\" FROM usage WHERE date >= DATE '2026-01-01'",
         "SELECT date, \"date\" FROM usage WHERE date >= DATE '2026-01-01'"),
        ("SELECT a -- trailing comment\nFROM /* inline ; comment */ usage -- end", "SELECT a FROM usage"),
        ("\n\n  SELECT\ta\r\n  FROM usage\n", "SELECT a FROM usage"),
        ("SELECT a FROM usage GROUP BY (1)", "SELECT a FROM usage GROUP BY 1"),
        ("SELECT count(*) FROM usage HAVING count(*) > 0", "SELECT count(*) FROM usage HAVING count(*) > 0"),
    ]

    @Test(arguments: roundTrips)
    func printsNormalisedSQL(input: String, expected: String) {
        #expect(summary(input) == expected)
        // The normalised text is a fixed point: it parses back to itself.
        #expect(summary(expected) == expected)
    }

    /// Pairs that must parse to the same tree, and pairs that must not.
    static let sameTree: [(String, String)] = [
        ("a OR b AND c", "a OR (b AND c)"),
        ("a AND b OR c", "(a AND b) OR c"),
        ("NOT a AND b", "(NOT a) AND b"),
        ("NOT a OR b", "(NOT a) OR b"),
        ("NOT a = 1", "NOT (a = 1)"),
        ("NOT NOT a", "NOT (NOT a)"),
        ("a = 1 AND NOT b = 2 OR c = 3", "((a = 1) AND (NOT (b = 2))) OR (c = 3)"),
        ("a + b * c", "a + (b * c)"),
        ("a * b + c", "(a * b) + c"),
        ("a - b - c", "(a - b) - c"),
        ("a / b / c", "(a / b) / c"),
        ("a - b + c", "(a - b) + c"),
        ("-a * b", "(-a) * b"),
        ("a + 1 = b * 2", "(a + 1) = (b * 2)"),
        ("a + 1 BETWEEN b AND c + 1", "(a + 1) BETWEEN b AND (c + 1)"),
        ("x BETWEEN 1 AND 2 AND y", "(x BETWEEN 1 AND 2) AND y"),
        ("NOT x BETWEEN 1 AND 2", "NOT (x BETWEEN 1 AND 2)"),
        ("NOT x IN (1) OR y", "(NOT (x IN (1))) OR y"),
        ("NOT x IS NULL", "NOT (x IS NULL)"),
        ("a + b IS NULL", "(a + b) IS NULL"),
        ("a LIKE 'x%' AND b", "(a LIKE 'x%') AND b"),
        ("sum(a) / count(*) > 2", "(sum(a) / count(*)) > 2"),
        ("((((a))))", "a"),
        ("- 1", "-1"),
    ]

    @Test(arguments: sameTree)
    func precedence(input: String, explicit: String) throws {
        let parsed = try SQLParser.parseExpression(input)
        let reference = try SQLParser.parseExpression(explicit)
        #expect(fullyParenthesized(parsed) == fullyParenthesized(reference))
        #expect(parsed.description == reference.description)
    }

    static let differentTree: [(String, String)] = [
        ("(a OR b) AND c", "a OR b AND c"),
        ("NOT (a AND b)", "NOT a AND b"),
        ("a - (b - c)", "a - b - c"),
        ("(a + b) * c", "a + b * c"),
        ("-(a * b)", "-a * b"),
    ]

    @Test(arguments: differentTree)
    func parenthesesMatter(explicit: String, other: String) throws {
        let a = try SQLParser.parseExpression(explicit)
        let b = try SQLParser.parseExpression(other)
        #expect(fullyParenthesized(a) != fullyParenthesized(b))
        // The printer keeps exactly the parentheses that matter.
        #expect(a.description == explicit)
        #expect(b.description == other)
    }

    @Test func structureForTheBinder() throws {
        let sql = "SELECT model_id, sum(cost_usd) AS cost FROM usage WHERE cost_usd > 0.5 AND date = DATE '1970-01-02' GROUP BY 1 ORDER BY cost DESC LIMIT 3"
        let s = try SQLParser.parse(sql)
        #expect(s.selectItems.count == 2)
        #expect(s.selectItems[0].outputName == "model_id")
        #expect(s.selectItems[1].outputName == "cost")
        #expect(s.from.name.normalized == "usage")
        let one = sql.utf8.count - "1 ORDER BY cost DESC LIMIT 3".utf8.count
        #expect(s.groupBy == [.position(1, SourceRange(offset: one, length: 1, line: 1, column: one + 1))])
        #expect(s.limit?.value == 3)
        #expect(s.offset == nil)
        #expect(s.isAggregate)
        #expect(s.range == SourceRange(offset: 0, length: sql.utf8.count, line: 1, column: 1))
        guard case .binary(.and, let left, let right, _)? = s.whereClause else {
            Issue.record("WHERE is not an AND: \(String(describing: s.whereClause))")
            return
        }
        guard case .binary(.greater, .column(let column), .literal(.number(let n), let numberRange), _) = left else {
            Issue.record("unexpected left side \(left)")
            return
        }
        #expect(column.normalized == "cost_usd")
        #expect(n.scaledInteger(scale: 9) == 500_000_000)
        #expect(numberRange.offset == (sql.utf8.firstRange(of: "0.5".utf8)?.lowerBound).map { sql.utf8.distance(from: sql.utf8.startIndex, to: $0) })
        guard case .binary(.equal, _, .literal(.date(let day), _), _) = right else {
            Issue.record("unexpected right side \(right)")
            return
        }
        #expect(day == 1)
        guard case .aggregate(let call) = s.selectItems[1].expression else {
            Issue.record("not an aggregate")
            return
        }
        #expect(call.function == .sum && !call.isCountStar && !call.isDistinct)
        #expect(s.orderBy.first?.isDescending == true)
        #expect(s.orderBy.first?.nullsFirst == nil)
    }

    @Test func rangesPointAtTheSource() throws {
        let sql = "SELECT\n  sum(cost_usd) AS total\nFROM usage\nWHERE model_id LIKE 'claude%'"
        let s = try SQLParser.parse(sql)
        let bytes = Array(sql.utf8)
        func text(_ r: SourceRange) -> String { String(decoding: bytes[r.offset..<r.end], as: UTF8.self) }
        let item = s.selectItems[0]
        #expect(text(item.range) == "sum(cost_usd) AS total")
        #expect(item.range.line == 2 && item.range.column == 3)
        #expect(text(item.expression.range) == "sum(cost_usd)")
        #expect(text(item.alias!.range) == "total")
        #expect(text(s.from.range) == "usage")
        #expect(s.from.range.line == 3 && s.from.range.column == 6)
        guard case .like(let subject, let pattern, false, let range)? = s.whereClause else {
            Issue.record("not a LIKE")
            return
        }
        #expect(text(range) == "model_id LIKE 'claude%'")
        #expect(text(subject.range) == "model_id")
        #expect(text(pattern.range) == "'claude%'")
        #expect(pattern.prefix == "claude")
        #expect(range.line == 4 && range.column == 7)
    }

    @Test func likePrefix() {
        #expect(SQLLikePattern(text: "abc%", range: SourceRange(offset: 0, length: 0, line: 1, column: 1)).prefix == "abc")
        #expect(SQLLikePattern(text: "%", range: SourceRange(offset: 0, length: 0, line: 1, column: 1)).prefix == "")
        #expect(SQLLikePattern(text: "a_c%", range: SourceRange(offset: 0, length: 0, line: 1, column: 1)).prefix == nil)
        #expect(SQLLikePattern(text: "abc", range: SourceRange(offset: 0, length: 0, line: 1, column: 1)).prefix == nil)
        #expect(SQLLikePattern(text: "a%c%", range: SourceRange(offset: 0, length: 0, line: 1, column: 1)).prefix == nil)
    }

    @Test func columnsAfterNonASCIIUseScalars() throws {
        let sql = "SELECT 'héllo wörld' AS x, y FROM usage"
        let s = try SQLParser.parse(sql)
        // 'héllo wörld' is 13 scalars but 15 bytes: the column counts what a user sees.
        #expect(s.selectItems[1].range.column == 28)
        #expect(s.selectItems[1].range.offset == 29)
    }

    @Test func timestampsAreMilliseconds() throws {
        let e = try SQLParser.parseExpression("TIMESTAMP '1970-01-02 01:02:03.004'")
        guard case .literal(.timestamp(let ms), _) = e else {
            Issue.record("not a timestamp: \(e)")
            return
        }
        #expect(ms == 86_400_000 + 3_723_004)
        let before = try SQLParser.parseExpression("TIMESTAMP '1969-12-31 23:59:59.999'")
        #expect(before == .literal(.timestamp(milliseconds: -1), before.range))
        #expect(before.description == "TIMESTAMP '1969-12-31 23:59:59.999'")
    }
}
