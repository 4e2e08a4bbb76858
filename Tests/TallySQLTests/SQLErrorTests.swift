import Testing
import TallySQL

@Suite struct SQLErrorTests {
    /// A query, the error class it must fail with, and the exact token it must point at
    /// (the token is found by its text: its first occurrence after `after` characters).
    struct Case: CustomStringConvertible, Sendable {
        var sql: String
        var kind: SQLError.Kind
        var token: String
        var after: Int = 0
        var description: String { sql }
    }

    static let cases: [Case] = [
        // Lexical errors.
        Case(sql: "SELECT a FROM usage WHERE a = \u{1}", kind: .unexpectedCharacter, token: "\u{1}"),
        Case(sql: "SELECT a FROM usage WHERE a = @", kind: .syntax, token: "@"),
        Case(sql: "SELECT é FROM usage", kind: .unexpectedCharacter, token: "é"),
        Case(sql: "SELECT a FROM usage WHERE b = 'open", kind: .unterminated, token: "'"),
        Case(sql: "SELECT \"open FROM usage", kind: .unterminated, token: "\""),
        Case(sql: "SELECT a FROM usage /* never closed", kind: .unterminated, token: "/*"),
        Case(sql: "SELECT \"\" FROM usage", kind: .syntax, token: "\"\""),
        Case(sql: "SELECT 1e5 FROM usage", kind: .invalidNumber, token: "1e5"),
        Case(sql: "SELECT 12abc FROM usage", kind: .invalidNumber, token: "12abc"),
        Case(sql: "SELECT 1.2.3 FROM usage", kind: .invalidNumber, token: "1.2.3"),
        // Syntax.
        Case(sql: "SELECT a usage", kind: .syntax, token: "", after: 14),
        Case(sql: "SELECT a b c FROM usage", kind: .syntax, token: "c"),
        Case(sql: "SELECT FROM usage", kind: .syntax, token: "FROM"),
        Case(sql: "SELECT a, FROM usage", kind: .syntax, token: "FROM"),
        Case(sql: "SELECT a FROM", kind: .syntax, token: "", after: 13),
        Case(sql: "SELECT a FROM usage WHERE", kind: .syntax, token: "", after: 25),
        Case(sql: "SELECT a FROM usage WHERE a = ", kind: .syntax, token: "", after: 29),
        Case(sql: "SELECT a FROM usage WHERE (a = 1", kind: .syntax, token: "", after: 32),
        Case(sql: "SELECT a FROM usage WHERE a = 1 = 2", kind: .syntax, token: "=", after: 31),
        Case(sql: "SELECT a FROM usage WHERE a IS 1", kind: .syntax, token: "1"),
        Case(sql: "SELECT a FROM usage WHERE a NOT 1", kind: .syntax, token: "1"),
        Case(sql: "SELECT a FROM usage WHERE a BETWEEN 1 OR 2", kind: .syntax, token: "OR"),
        Case(sql: "SELECT a FROM usage WHERE a IN ()", kind: .syntax, token: ")"),
        Case(sql: "SELECT a FROM usage WHERE a IN 1", kind: .syntax, token: "1"),
        Case(sql: "SELECT a FROM usage GROUP a", kind: .syntax, token: "a", after: 20),
        Case(sql: "SELECT a FROM usage ORDER BY a NULLS 1", kind: .syntax, token: "1"),
        Case(sql: "SELECT a FROM usage LIMIT 5 WHERE a = 1", kind: .syntax, token: "WHERE"),
        Case(sql: "SELECT a FROM usage WHERE a = 1 WHERE b = 2", kind: .syntax, token: "WHERE", after: 30),
        Case(sql: "SELECT a FROM usage LIMIT x", kind: .syntax, token: "x"),
        Case(sql: "SELECT count(*) AS from FROM usage", kind: .syntax, token: "from"),
        Case(sql: "SELECT sum() FROM usage", kind: .syntax, token: ")"),
        Case(sql: "SELECT a FROM usage WHERE a = *", kind: .syntax, token: "*"),
        Case(sql: "SELECT quantile_cont(x) FROM usage", kind: .syntax, token: ")"),
        Case(sql: "hello", kind: .syntax, token: "hello"),
        // Unsupported constructs, each named at its token.
        Case(sql: "SELECT count(*) FROM usage JOIN x ON 1", kind: .unsupported, token: "JOIN"),
        Case(sql: "SELECT count(*) FROM usage LEFT JOIN x ON 1", kind: .unsupported, token: "LEFT"),
        Case(sql: "SELECT count(*) FROM usage, x", kind: .unsupported, token: ","),
        Case(sql: "SELECT count(*) FROM usage u", kind: .unsupported, token: "u", after: 26),
        Case(sql: "SELECT count(*) FROM usage AS u", kind: .unsupported, token: "AS"),
        Case(sql: "SELECT count(*) FROM main.usage", kind: .unsupported, token: "."),
        Case(sql: "SELECT count(*) FROM read_csv('x')", kind: .unsupported, token: "(", after: 15),
        Case(sql: "SELECT count(*) FROM (SELECT 1)", kind: .unsupported, token: "SELECT", after: 1),
        Case(sql: "SELECT a FROM usage WHERE a IN (SELECT b FROM usage)", kind: .unsupported, token: "SELECT", after: 1),
        Case(sql: "SELECT a FROM usage WHERE a = (SELECT 1)", kind: .unsupported, token: "SELECT", after: 1),
        Case(sql: "SELECT a FROM usage WHERE EXISTS (SELECT 1)", kind: .unsupported, token: "EXISTS"),
        Case(sql: "SELECT * FROM usage", kind: .unsupported, token: "*"),
        Case(sql: "SELECT usage.* FROM usage", kind: .unsupported, token: "usage"),
        Case(sql: "SELECT u.a FROM usage", kind: .unsupported, token: "u"),
        Case(sql: "SELECT DISTINCT a FROM usage", kind: .unsupported, token: "DISTINCT"),
        Case(sql: "WITH t AS (SELECT 1) SELECT * FROM t", kind: .unsupported, token: "WITH"),
        Case(sql: "INSERT INTO usage VALUES (1)", kind: .unsupported, token: "INSERT"),
        Case(sql: "update usage set a = 1", kind: .unsupported, token: "update"),
        Case(sql: "DELETE FROM usage", kind: .unsupported, token: "DELETE"),
        Case(sql: "CREATE TABLE t (a int)", kind: .unsupported, token: "CREATE"),
        Case(sql: "SELECT a FROM usage UNION SELECT b FROM usage", kind: .unsupported, token: "UNION"),
        Case(sql: "SELECT a FROM usage EXCEPT SELECT b FROM usage", kind: .unsupported, token: "EXCEPT"),
        Case(sql: "SELECT sum(a) OVER () FROM usage", kind: .unsupported, token: "OVER"),
        Case(sql: "SELECT row_number() OVER () FROM usage", kind: .unsupported, token: "row_number"),
        Case(sql: "SELECT a FROM usage QUALIFY a > 1", kind: .unsupported, token: "QUALIFY"),
        Case(sql: "SELECT sum(a) FILTER (WHERE b) FROM usage", kind: .unsupported, token: "FILTER"),
        Case(sql: "SELECT coalesce(a, 0) FROM usage", kind: .unsupported, token: "coalesce"),
        Case(sql: "SELECT quantile(a, 0.5) FROM usage", kind: .unsupported, token: "quantile"),
        Case(sql: "SELECT sum(DISTINCT a) FROM usage", kind: .unsupported, token: "DISTINCT"),
        Case(sql: "SELECT CASE WHEN a THEN 1 END FROM usage", kind: .unsupported, token: "CASE"),
        Case(sql: "SELECT CAST(a AS int) FROM usage", kind: .unsupported, token: "CAST"),
        Case(sql: "SELECT a::int FROM usage", kind: .unsupported, token: "::"),
        Case(sql: "SELECT a || b FROM usage", kind: .unsupported, token: "||"),
        Case(sql: "SELECT a % 2 FROM usage", kind: .unsupported, token: "%"),
        Case(sql: "SELECT a FROM usage WHERE a ILIKE 'x%'", kind: .unsupported, token: "ILIKE"),
        Case(sql: "SELECT a FROM usage WHERE a IS DISTINCT FROM b", kind: .unsupported, token: "IS DISTINCT"),
        Case(sql: "SELECT a FROM usage WHERE a IS TRUE", kind: .unsupported, token: "IS TRUE"),
        Case(sql: "SELECT a FROM usage WHERE a = ANY (b)", kind: .unsupported, token: "ANY"),
        Case(sql: "SELECT a FROM usage WHERE a LIKE 'x%' ESCAPE '!'", kind: .unsupported, token: "ESCAPE"),
        Case(sql: "SELECT a FROM usage WHERE ts > now() - INTERVAL 1 DAY", kind: .unsupported, token: "now"),
        Case(sql: "SELECT a FROM usage WHERE ts > INTERVAL '1 day'", kind: .unsupported, token: "INTERVAL"),
        Case(sql: "SELECT a FROM usage WHERE a = ?", kind: .unsupported, token: "?"),
        Case(sql: "SELECT a FROM usage GROUP BY ALL", kind: .unsupported, token: "ALL"),
        Case(sql: "SELECT a FROM usage GROUP BY ROLLUP (a)", kind: .unsupported, token: "ROLLUP"),
        Case(sql: "SELECT a FROM usage ORDER BY ALL", kind: .unsupported, token: "ALL"),
        Case(sql: "SELECT a FROM usage LIMIT 5, 10", kind: .unsupported, token: ","),
        Case(sql: "SELECT a FROM usage WHERE (a, b) IN (1, 2)", kind: .unsupported, token: ","),
        // Arguments.
        Case(sql: "SELECT date_trunc('year', ts) FROM usage", kind: .invalidArgument, token: "'year'"),
        Case(sql: "SELECT date_trunc(day, ts) FROM usage", kind: .invalidArgument, token: "day"),
        Case(sql: "SELECT quantile_cont(x, 1.5) FROM usage", kind: .invalidArgument, token: "1.5"),
        Case(sql: "SELECT quantile_cont(x, 1.0000000000000000001) FROM usage", kind: .invalidArgument, token: "1.0000000000000000001"),
        Case(sql: "SELECT quantile_cont(x, -0.5) FROM usage", kind: .invalidArgument, token: "-0.5"),
        Case(sql: "SELECT quantile_cont(x, p) FROM usage", kind: .invalidArgument, token: "p"),
        Case(sql: "SELECT sum(*) FROM usage", kind: .invalidArgument, token: "*"),
        Case(sql: "SELECT count(DISTINCT *) FROM usage", kind: .invalidArgument, token: "*"),
        Case(sql: "SELECT sum(a, b) FROM usage", kind: .invalidArgument, token: ","),
        Case(sql: "SELECT a FROM usage WHERE a LIKE b", kind: .invalidArgument, token: "b", after: 33),
        // Literals.
        Case(sql: "SELECT a FROM usage WHERE date = DATE '2026-02-30'", kind: .invalidLiteral, token: "'2026-02-30'"),
        Case(sql: "SELECT a FROM usage WHERE date = DATE '2026-1-1'", kind: .invalidLiteral, token: "'2026-1-1'"),
        Case(sql: "SELECT a FROM usage WHERE ts = TIMESTAMP '2026-10-01 25:00:00'", kind: .invalidLiteral, token: "'2026-10-01 25:00:00'"),
        Case(sql: "SELECT a FROM usage WHERE ts = TIMESTAMP '2026-10-01 12:00:00.0001'", kind: .invalidLiteral, token: "'2026-10-01 12:00:00.0001'"),
        Case(sql: "SELECT a FROM usage WHERE ts = TIMESTAMP 'yesterday'", kind: .invalidLiteral, token: "'yesterday'"),
        // Digit runs that overflowed 64 bits and trapped (found by fuzzing).
        Case(sql: "SELECT a FROM usage WHERE ts = TIMESTAMP '2025-06-01 00:00:00+8888888888888888888'", kind: .invalidLiteral, token: "'2025-06-01 00:00:00+8888888888888888888'"),
        Case(sql: "SELECT a FROM usage WHERE ts = TIMESTAMP '2025-06-01 00:00:00.99999999999999999999'", kind: .invalidLiteral, token: "'2025-06-01 00:00:00.99999999999999999999'"),
        // Aggregates where they cannot be.
        Case(sql: "SELECT a FROM usage WHERE sum(a) > 1", kind: .misplacedAggregate, token: "sum"),
        Case(sql: "SELECT a FROM usage GROUP BY count(*)", kind: .misplacedAggregate, token: "count"),
        Case(sql: "SELECT sum(max(a)) FROM usage", kind: .misplacedAggregate, token: "max"),
        // Ranges.
        Case(sql: "SELECT a FROM usage GROUP BY 2", kind: .outOfRange, token: "2"),
        Case(sql: "SELECT a FROM usage ORDER BY 0", kind: .outOfRange, token: "0"),
        Case(sql: "SELECT a FROM usage ORDER BY -1", kind: .outOfRange, token: "-1"),
        Case(sql: "SELECT a FROM usage LIMIT -1", kind: .outOfRange, token: "-1"),
        Case(sql: "SELECT a FROM usage LIMIT 1.5", kind: .outOfRange, token: "1.5"),
        Case(sql: "SELECT a FROM usage LIMIT 99999999999999999999", kind: .outOfRange, token: "99999999999999999999"),
        // Whole-query errors.
        Case(sql: "", kind: .emptyQuery, token: ""),
        Case(sql: "  -- only a comment", kind: .emptyQuery, token: ""),
        Case(sql: ";", kind: .emptyQuery, token: ";"),
        Case(sql: "SELECT a FROM usage; SELECT b FROM usage", kind: .multipleStatements, token: "SELECT", after: 1),
    ]

    @Test(arguments: cases)
    func pointsAtTheToken(_ c: Case) throws {
        let error = try #require(parseError(c.sql), "expected an error")
        #expect(error.kind == c.kind, "\(error)")
        let bytes = Array(c.sql.utf8)
        let start = c.sql.utf8.count - String(c.sql.dropFirst(c.after)).utf8.count
        let tail = String(c.sql.dropFirst(c.after))
        let offset: Int
        if c.token.isEmpty {
            offset = start
        } else {
            let hit = try #require(tail.range(of: c.token), "test bug: token not found")
            offset = start + tail.utf8.distance(from: tail.utf8.startIndex, to: hit.lowerBound.samePosition(in: tail.utf8)!)
        }
        #expect(error.range.offset == offset, "\(error)")
        #expect(error.range.length == c.token.utf8.count, "\(error)")
        #expect(error.range.end <= bytes.count)
        if c.kind == .unsupported {
            #expect(error.message.hasSuffix("not supported by Tally's SQL subset"))
        }
    }

    @Test func rendersTheExampleFromTheIssue() {
        let sql = "SELECT count(*) FROM usage JOIN x ON x.id = usage.run_id"
        let error = parseError(sql)
        #expect(error?.rendered(query: sql) == """
            Error: JOIN is not supported by Tally's SQL subset (line 1, column 28)
            SELECT count(*) FROM usage JOIN x ON x.id = usage.run_id
                                       ^~~~
            Hint: Tally queries the single table usage
            """)
    }

    @Test func rendersTheRightLineOfAMultiLineQuery() {
        let sql = "SELECT model_id,\n\tsum(cost_usd)\r\nFROM usage\nWHERE ts >= TIMESTAMP '2026-13-01'\nLIMIT 5"
        let error = parseError(sql)
        #expect(error?.range.line == 4)
        #expect(error?.range.column == 23)
        #expect(error?.rendered(query: sql) == """
            Error: invalid TIMESTAMP literal '2026-13-01' (line 4, column 23)
            WHERE ts >= TIMESTAMP '2026-13-01'
                                  ^~~~~~~~~~~~
            Hint: write TIMESTAMP 'YYYY-MM-DD HH:MM:SS' (UTC), optionally with .fff milliseconds
            """)
    }

    @Test func caretsFollowTabsAndWideText() {
        let sql = "SELECT\t'ünï' AS x,\ty FROM usage WHERE y = @"
        let error = parseError(sql)
        let lines = error?.rendered(query: sql).split(separator: "\n", omittingEmptySubsequences: false) ?? []
        #expect(lines.count == 3)
        #expect(lines.last == "      \t           \t                       ^")
    }

    @Test func endOfQueryErrorsPointJustAfterTheLastToken() {
        let sql = "SELECT a\nFROM usage\nWHERE a =   \n\n"
        let error = parseError(sql)
        #expect(error?.range.line == 3)
        #expect(error?.range.column == 10)
        #expect(error?.message == "expected an expression but reached the end of the query")
        #expect(error?.rendered(query: sql).split(separator: "\n").dropFirst().first == "WHERE a =   ")
    }

    @Test func renderingNeverTrapsOnAForeignQuery() {
        let error = SQLError(.syntax, "boom", at: SourceRange(offset: 500, length: 9, line: 9, column: 9))
        #expect(error.rendered(query: "short") == "Error: boom (line 9, column 9)")
        let inside = SQLError(.syntax, "boom", at: SourceRange(offset: 2, length: 900, line: 1, column: 2))
        #expect(inside.rendered(query: "aé").hasPrefix("Error: boom (line 1, column 2)\naé\n"))
    }
}
