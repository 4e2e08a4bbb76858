import Testing
import TallySQL

/// Property tests: the parser must never trap, its errors must point inside the input, and
/// whatever it accepts must print as SQL that parses back to the same tree.
@Suite struct SQLParserRobustnessTests {
    static let vocabulary = [
        "SELECT", "FROM", "usage", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT", "OFFSET", "AND", "OR",
        "NOT", "IN", "BETWEEN", "LIKE", "IS", "NULL", "TRUE", "FALSE", "AS", "ASC", "DESC", "NULLS", "FIRST",
        "LAST", "DISTINCT", "JOIN", "UNION", "WITH", "CASE", "OVER", "count", "sum", "min", "max", "avg",
        "median", "quantile_cont", "date_trunc", "coalesce", "DATE", "TIMESTAMP", "cost_usd", "ts", "date",
        "model_id", "\"quoted\"", "\"", "'day'", "'hour'", "'2026-10-01'", "'2026-10-01 12:00:00'", "'x%'", "'",
        "''", "0", "1", "2", "0.5", "1.25", ".5", "1e5", "99999999999999999999", "(", ")", ",", ";", ".", "*",
        "+", "-", "/", "%", "=", "<>", "!=", "<", "<=", ">", ">=", "||", "::", "?", "@", "--", "/*", "*/", "\n",
        "é", "\u{0}", "\t",
    ]

    @Test func randomTokenSoupsNeverTrap() {
        var rng = SeededGenerator(seed: 0x5EED)
        var parsed = 0
        for _ in 0..<12_000 {
            let count = Int.random(in: 0...24, using: &rng)
            var words: [String] = []
            // Most soups start like a query, so the parser gets past the first token.
            if Bool.random(using: &rng) { words = ["SELECT", "count(*)", "FROM", "usage", "WHERE"] }
            for _ in 0..<count { words.append(Self.vocabulary.randomElement(using: &rng)!) }
            let separator = Bool.random(using: &rng) ? " " : ""
            if check(words.joined(separator: separator)) { parsed += 1 }
        }
        // Sanity: the generator does reach valid queries now and then.
        #expect(parsed > 50)
    }

    @Test func randomBytesNeverTrap() {
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<6_000 {
            let count = Int.random(in: 0...64, using: &rng)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = check(String(decoding: bytes, as: UTF8.self))
            let ascii = (0..<count).map { _ in UInt8.random(in: 0...127, using: &rng) }
            _ = check("SELECT " + String(decoding: ascii, as: UTF8.self))
        }
    }

    @Test func mutatedValidQueriesNeverTrap() {
        let base = Array("SELECT model_id, date_trunc('day', ts) AS d, sum(cost_usd) / count(*) FROM usage WHERE service IN ('a', 'b') AND NOT ts BETWEEN DATE '2026-10-01' AND TIMESTAMP '2026-10-02 00:00:00' AND model_id LIKE 'c%' GROUP BY 1, 2 HAVING count(*) > 1 ORDER BY 3 DESC NULLS LAST LIMIT 5 OFFSET 1;".utf8)
        var rng = SeededGenerator(seed: 99)
        for _ in 0..<6_000 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes.remove(at: i)
                case 1: bytes.insert(bytes[Int.random(in: 0..<bytes.count, using: &rng)], at: i)
                default: bytes[i] = UInt8.random(in: 32...126, using: &rng)
                }
            }
            _ = check(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Parses `sql`; checks the error's range, or that the result round-trips. Returns whether it parsed.
    func check(_ sql: String) -> Bool {
        do {
            let statement = try SQLParser.parse(sql)
            let printed = statement.description
            #expect(summary(printed) == printed, "round trip of \(sql)")
            return true
        } catch {
            let r = error.range
            #expect(r.offset >= 0 && r.length >= 0 && r.end <= sql.utf8.count, "\(error) in \(sql.debugDescription)")
            #expect((line: r.line, column: r.column) == lineAndColumn(of: r.offset, in: sql), "\(error) in \(sql.debugDescription)")
            _ = error.rendered(query: sql)
            return false
        }
    }

    /// Line and column (in scalars) of a byte offset, computed the slow, obvious way.
    func lineAndColumn(of offset: Int, in sql: String) -> (line: Int, column: Int) {
        // Scalars, not Characters: "\r\n" is one Character but ends a line at its "\n".
        let prefix = String(decoding: Array(sql.utf8)[..<offset], as: UTF8.self).unicodeScalars
        let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.count, lines.last!.count + 1)
    }

    @Test(arguments: ["(", "NOT ", "- ", "+", "sum(", "date_trunc('day', ", "a IN ("])
    func deepNestingIsAnErrorNotACrash(opener: String) {
        let sql = "SELECT " + String(repeating: opener, count: 100_000) + "1"
        let error = parseError(sql)
        #expect(error?.kind == .tooDeeplyNested || error?.kind == .misplacedAggregate, "\(String(describing: error))")
        let justDeepEnough = "SELECT " + String(repeating: "(", count: SQLParser.maximumNestingDepth) + "1"
            + String(repeating: ")", count: SQLParser.maximumNestingDepth) + " FROM usage"
        #expect(parseError(justDeepEnough) == nil)
    }

    @Test func longOperatorChainsAreBoundedButUsable() throws {
        let limit = SQLParser.maximumExpressionHeight
        let ok = "SELECT a FROM usage WHERE " + Array(repeating: "a = 1", count: limit - 1).joined(separator: " OR ")
        let statement = try SQLParser.parse(ok)
        // Printing, comparing and copying the deepest allowed tree must not exhaust the stack.
        #expect(summary(statement.description) == statement.description)
        #expect(statement == (try SQLParser.parse(ok)))
        let tooLong = "SELECT a FROM usage WHERE " + Array(repeating: "a = 1", count: 100_000).joined(separator: " OR ")
        #expect(parseError(tooLong)?.kind == .tooDeeplyNested)
        let sums = "SELECT " + Array(repeating: "1", count: 100_000).joined(separator: " + ") + " FROM usage"
        #expect(parseError(sums)?.kind == .tooDeeplyNested)
        let bigList = "SELECT a FROM usage WHERE a IN (" + (0..<100_000).map(String.init).joined(separator: ", ") + ")"
        #expect(parseError(bigList) == nil)
    }

    /// Random trees, printed with every parenthesis, parse to themselves; printed with only the
    /// needed parentheses (the `description`), they still parse to the same tree.
    @Test func precedencePropertyOnRandomTrees() throws {
        var rng = SeededGenerator(seed: 2026)
        for _ in 0..<3000 {
            let tree = randomExpression(depth: 5, aggregates: true, using: &rng)
            let explicit = fullyParenthesized(tree)
            let parsed = try SQLParser.parseExpression(explicit)
            #expect(fullyParenthesized(parsed) == explicit)
            let minimal = parsed.description
            let reparsed = try SQLParser.parseExpression(minimal)
            #expect(fullyParenthesized(reparsed) == explicit, "\(minimal)")
        }
    }

    func randomExpression(depth: Int, aggregates: Bool, using rng: inout SeededGenerator) -> SQLExpression {
        let r = SourceRange(offset: 0, length: 0, line: 1, column: 1)
        func leaf() -> SQLExpression {
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: return .column(SQLIdentifier(text: ["a", "b", "cost_usd", "ts"].randomElement(using: &rng)!, isQuoted: false, range: r))
            case 1: return .literal(.number(SQLNumber(isNegative: Bool.random(using: &rng), digits: String(Int.random(in: 0...999, using: &rng)), scale: Int.random(in: 0...3, using: &rng), isInteger: true)), r)
            case 2: return .literal(.string(["x", "it's", ""].randomElement(using: &rng)!), r)
            case 3: return .literal([.null, .boolean(true), .date(dayNumber: 20_000)].randomElement(using: &rng)!, r)
            case 4: return .column(SQLIdentifier(text: "Mixed Case", isQuoted: true, range: r))
            default: return .literal(.timestamp(milliseconds: 1_700_000_000_123), r)
            }
        }
        guard depth > 0, Int.random(in: 0..<4, using: &rng) != 0 else { return leaf() }
        func sub() -> SQLExpression { randomExpression(depth: depth - 1, aggregates: aggregates, using: &rng) }
        switch Int.random(in: 0..<9, using: &rng) {
        case 0:
            var x = sub()
            // `-` on a numeric literal would be folded into the literal.
            if case .literal(.number(let n), _) = x, !n.isNegative { x = .column(SQLIdentifier(text: "a", isQuoted: false, range: r)) }
            return .unary(Bool.random(using: &rng) ? .not : .negate, x, r)
        case 1, 2, 3:
            return .binary(SQLBinaryOperator.allCases.randomElement(using: &rng)!, sub(), sub(), r)
        case 4:
            return .inList(sub(), (0..<Int.random(in: 1...3, using: &rng)).map { _ in sub() }, negated: Bool.random(using: &rng), r)
        case 5:
            return .between(sub(), low: sub(), high: sub(), negated: Bool.random(using: &rng), r)
        case 6:
            return Bool.random(using: &rng)
                ? .like(sub(), SQLLikePattern(text: "p%", range: r), negated: Bool.random(using: &rng), r)
                : .isNull(sub(), negated: Bool.random(using: &rng), r)
        case 7 where aggregates:
            let function = SQLAggregateFunction.allCases.randomElement(using: &rng)!
            let argument = randomExpression(depth: depth - 1, aggregates: false, using: &rng)
            if function == .count, Bool.random(using: &rng) {
                return .aggregate(SQLAggregateCall(function: .count, argument: nil, range: r))
            }
            return .aggregate(SQLAggregateCall(
                function: function, argument: argument, isDistinct: function == .count && Bool.random(using: &rng),
                fraction: function == .quantileCont ? SQLNumber(isNegative: false, digits: "25", scale: 2, isInteger: false) : nil, range: r
            ))
        default:
            return .dateTrunc(SQLTimeBucket.allCases.randomElement(using: &rng)!, sub(), r)
        }
    }
}
