import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing

/// The recursive-descent parser behind ``SQLParser``.
///
/// Precedence, loosest first: `OR`, `AND`, `NOT`, comparisons (`= <> < <= > >=`, `IS`, `IN`,
/// `BETWEEN`, `LIKE`; they do not chain), `+ -`, `* /`, unary minus, primaries. Recursion is
/// bounded twice, because both would otherwise overflow the stack on hostile input: `depth`
/// counts nested parentheses, NOTs, minus signs and calls while parsing, and every node's
/// `height` bounds how deep the finished tree is (a chain of 100 000 ORs has no parentheses
/// but is as deep, and printing, comparing or freeing it recurses).
struct SQLStatementParser {
    /// Where aggregate calls may appear while an expression is parsed.
    enum AggregateContext {
        case allowed
        case insideAggregate
        case forbidden(clause: String)
    }

    /// An expression and the height of its tree.
    struct Node {
        var expression: SQLExpression
        var height: Int
    }

    var tokens: [SQLToken]
    var index = 0
    var depth = 0
    var aggregateContext = AggregateContext.allowed

    init(_ sql: String) {
        tokens = SQLLexer.tokenize(sql)
    }

    // MARK: - Tokens

    var current: SQLToken { tokens[index] }

    func peek(_ n: Int = 1) -> SQLToken { tokens[min(index + n, tokens.count - 1)] }

    /// Moves to the next token; a lexical error is thrown when it becomes the current token.
    mutating func advance() throws(SQLError) {
        if index < tokens.count - 1 { index += 1 }
        if case .error(let e) = tokens[index].kind { throw e }
    }

    mutating func startOfInput() throws(SQLError) {
        if case .error(let e) = tokens[0].kind { throw e }
    }

    var previousRange: SourceRange { tokens[max(index - 1, 0)].range }

    func syntax(expected: String, hint: String? = nil) -> SQLError {
        let found = current.isEnd ? "reached the end of the query" : "found \(current.quotedForMessage)"
        return SQLError(.syntax, "expected \(expected) but \(found)", at: current.range, hint: hint)
    }

    func unsupported(
        _ construct: String, plural: Bool = false, at range: SourceRange? = nil, hint: String? = nil
    ) -> SQLError {
        SQLError(
            .unsupported, "\(construct) \(plural ? "are" : "is") not supported by Tally's SQL subset",
            at: range ?? current.range, hint: hint
        )
    }

    @discardableResult
    mutating func expectSymbol(_ symbol: String, _ expected: String? = nil) throws(SQLError) -> SQLToken {
        guard current.isSymbol(symbol) else { throw syntax(expected: expected ?? "\"\(symbol)\"") }
        let token = current
        try advance()
        return token
    }

    var isNonReservedName: Bool {
        switch current.kind {
        case .word(_, let upper): return !SQLKeywords.reserved.contains(upper)
        case .quotedIdentifier: return true
        default: return false
        }
    }

    mutating func identifier() throws(SQLError) -> SQLIdentifier {
        let token = current
        try advance()
        switch token.kind {
        case .word(let text, _): return SQLIdentifier(text: text, isQuoted: false, range: token.range)
        case .quotedIdentifier(let text): return SQLIdentifier(text: text, isQuoted: true, range: token.range)
        default: preconditionFailure("identifier() is only called on a name token")
        }
    }

    /// Counts one level of syntactic nesting; balance with `depth -= 1`.
    mutating func enter(_ token: SQLToken) throws(SQLError) {
        depth += 1
        if depth > SQLParser.maximumNestingDepth {
            throw SQLError(
                .tooDeeplyNested,
                "the query nests parentheses, NOT, minus signs or function calls more than \(SQLParser.maximumNestingDepth) levels deep",
                at: token.range, hint: "simplify the expression"
            )
        }
    }

    func node(_ expression: SQLExpression, above children: Node..., at token: SQLToken) throws(SQLError) -> Node {
        let height = (children.map(\.height).max() ?? 0) + 1
        if height > SQLParser.maximumExpressionHeight {
            throw SQLError(
                .tooDeeplyNested,
                "the expression is more than \(SQLParser.maximumExpressionHeight) operators deep",
                at: token.range, hint: "use IN (...) for long lists of alternatives, or split the query"
            )
        }
        return Node(expression: expression, height: height)
    }

    // MARK: - Statement

    mutating func parseQuery() throws(SQLError) -> SQLStatement {
        try startOfInput()
        if current.isEnd || current.isSymbol(";") {
            throw SQLError(.emptyQuery, "the query is empty", at: current.range, hint: "write a SELECT statement")
        }
        let statement = try parseSelect()
        if current.isSymbol(";") {
            while current.isSymbol(";") { try advance() }
            if !current.isEnd {
                throw SQLError(
                    .multipleStatements, "only one statement can be run at a time", at: current.range,
                    hint: "run the statements one by one"
                )
            }
        }
        guard current.isEnd else { throw trailingTokenError() }
        return statement
    }

    mutating func parseStandaloneExpression() throws(SQLError) -> SQLExpression {
        try startOfInput()
        let expression = try parseExpression(.allowed)
        guard current.isEnd else { throw syntax(expected: "the end of the expression") }
        return expression
    }

    mutating func parseSelect() throws(SQLError) -> SQLStatement {
        let start = current
        guard current.isWord("SELECT") else {
            if let upper = current.upperWord {
                if upper == "WITH" {
                    throw unsupported("WITH (common table expressions)", hint: "Tally runs a single SELECT over usage")
                }
                if let name = SQLKeywords.otherStatements[upper] {
                    throw unsupported(name, plural: name.hasSuffix("s"), hint: "Tally's SQL runs SELECT queries only")
                }
            }
            if current.isSymbol("("), peek().isWord("SELECT") {
                throw unsupported("a parenthesised query", hint: "remove the parentheses around the SELECT")
            }
            throw syntax(expected: "SELECT")
        }
        try advance()
        if current.isWord("DISTINCT") {
            throw unsupported("SELECT DISTINCT", hint: "GROUP BY the columns instead")
        }
        if current.isWord("ALL") { try advance() }

        var items: [SQLSelectItem] = []
        repeat {
            if !items.isEmpty { try advance() }
            items.append(try parseSelectItem())
        } while current.isSymbol(",")

        guard current.isWord("FROM") else {
            if current.isWord("INTO") { throw unsupported("SELECT INTO") }
            if current.isEnd {
                throw SQLError(
                    .syntax, "expected FROM after the select list", at: current.range,
                    hint: "Tally queries one table: add FROM usage"
                )
            }
            throw syntax(expected: "\",\" or FROM")
        }
        try advance()
        let from = try parseTable()

        var whereClause: SQLExpression?
        if current.isWord("WHERE") {
            try advance()
            whereClause = try parseExpression(.forbidden(clause: "WHERE"))
        }
        var groupBy: [SQLKey] = []
        if current.isWord("GROUP") {
            try advance()
            guard current.isWord("BY") else { throw syntax(expected: "BY after GROUP") }
            try advance()
            if let upper = current.upperWord, ["ALL", "ROLLUP", "CUBE", "GROUPING"].contains(upper) {
                let name = upper == "GROUPING" ? "GROUPING SETS" : upper
                throw unsupported("GROUP BY \(name)", hint: "list the group keys")
            }
            repeat {
                if !groupBy.isEmpty { try advance() }
                groupBy.append(try parseKey(clause: "GROUP BY", context: .forbidden(clause: "GROUP BY"), items: items))
            } while current.isSymbol(",")
        }
        var having: SQLExpression?
        if current.isWord("HAVING") {
            try advance()
            having = try parseExpression(.allowed)
        }
        var orderBy: [SQLOrderItem] = []
        if current.isWord("ORDER") {
            try advance()
            guard current.isWord("BY") else { throw syntax(expected: "BY after ORDER") }
            try advance()
            if current.isWord("ALL") { throw unsupported("ORDER BY ALL", hint: "list the sort keys") }
            repeat {
                if !orderBy.isEmpty { try advance() }
                orderBy.append(try parseOrderItem(items: items))
            } while current.isSymbol(",")
        }
        var limit: SQLRowCount?
        if current.isWord("LIMIT") {
            try advance()
            limit = try parseRowCount(clause: "LIMIT")
            if current.isSymbol(",") {
                throw unsupported("LIMIT offset, count", hint: "write LIMIT count OFFSET offset")
            }
        }
        var offset: SQLRowCount?
        if current.isWord("OFFSET") {
            try advance()
            offset = try parseRowCount(clause: "OFFSET")
            if current.isWord("ROWS") || current.isWord("ROW") { try advance() }
        }
        return SQLStatement(
            selectItems: items, from: from, whereClause: whereClause, groupBy: groupBy, having: having,
            orderBy: orderBy, limit: limit, offset: offset, range: start.range.through(previousRange)
        )
    }

    /// The error for a token left over after the last clause: an unsupported construct by name,
    /// a clause out of order, or plain syntax.
    func trailingTokenError() -> SQLError {
        if let upper = current.upperWord {
            switch upper {
            case "UNION", "INTERSECT", "EXCEPT", "MINUS":
                return unsupported(upper, hint: "run the queries separately")
            case "WINDOW", "QUALIFY":
                return unsupported("\(upper) (window functions)")
            case "FETCH":
                return unsupported("FETCH", hint: "use LIMIT")
            case "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL":
                return unsupported("JOIN", hint: "Tally queries the single table usage")
            case "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET":
                let name = upper == "GROUP" || upper == "ORDER" ? "\(upper) BY" : upper
                return SQLError(
                    .syntax, "\(name) is out of place", at: current.range,
                    hint: "clauses go in the order SELECT, FROM, WHERE, GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET, each at most once"
                )
            default:
                break
            }
        }
        return syntax(expected: "the end of the query")
    }

    mutating func parseSelectItem() throws(SQLError) -> SQLSelectItem {
        if current.isSymbol("*") {
            throw unsupported("SELECT *", hint: "list the columns you need, or use count(*)")
        }
        if isNonReservedName, peek().isSymbol("."), peek(2).isSymbol("*") {
            throw unsupported("qualified names", plural: true, hint: "there is only one table: write column names alone")
        }
        let expression = try parseExpression(.allowed)
        var alias: SQLIdentifier?
        if current.isWord("AS") {
            try advance()
            guard isNonReservedName else {
                let hint = current.upperWord.map { "\($0) is a keyword; write it in double quotes to use it as a name" }
                throw syntax(expected: "an alias after AS", hint: hint)
            }
            alias = try identifier()
        } else if isNonReservedName {
            alias = try identifier()
        }
        return SQLSelectItem(expression: expression, alias: alias, range: expression.range.through(alias?.range ?? expression.range))
    }

    mutating func parseTable() throws(SQLError) -> SQLTableReference {
        if current.isSymbol("(") {
            if peek().isWord("SELECT") || peek().isWord("WITH") {
                throw unsupported("subqueries", plural: true, at: peek().range, hint: "Tally queries the single table usage")
            }
            throw syntax(expected: "a table name")
        }
        if current.isWord("LATERAL") { throw unsupported("LATERAL") }
        guard isNonReservedName else { throw syntax(expected: "a table name") }
        let name = try identifier()
        if current.isSymbol("(") { throw unsupported("table functions", plural: true) }
        if current.isSymbol(".") {
            throw unsupported("qualified table names", plural: true, hint: "write FROM usage")
        }
        if current.isSymbol(",") {
            throw unsupported("joins (several tables after FROM)", plural: true, hint: "Tally queries the single table usage")
        }
        if let upper = current.upperWord {
            if ["JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "POSITIONAL", "ASOF", "ANTI", "SEMI"].contains(upper) {
                throw unsupported("JOIN", hint: "Tally queries the single table usage")
            }
            if upper == "TABLESAMPLE" { throw unsupported("TABLESAMPLE") }
            if upper == "AS" || !SQLKeywords.reserved.contains(upper) {
                throw unsupported("table aliases", plural: true, hint: "refer to columns by their plain names")
            }
        } else if case .quotedIdentifier = current.kind {
            throw unsupported("table aliases", plural: true, hint: "refer to columns by their plain names")
        }
        return SQLTableReference(name: name)
    }

    mutating func parseKey(clause: String, context: AggregateContext, items: [SQLSelectItem]) throws(SQLError) -> SQLKey {
        let expression = try parseExpression(context)
        if case .literal(.number(let n), let range) = expression, n.isInteger {
            guard let value = n.int64Value, value >= 1, value <= Int64(items.count) else {
                throw SQLError(
                    .outOfRange, "\(clause) position \(n) is not in the select list", at: range,
                    hint: "positions count the select items from 1 to \(items.count)"
                )
            }
            return .position(Int(value), range)
        }
        return .expression(expression)
    }

    mutating func parseOrderItem(items: [SQLSelectItem]) throws(SQLError) -> SQLOrderItem {
        let key = try parseKey(clause: "ORDER BY", context: .allowed, items: items)
        var descending = false
        if current.isWord("ASC") {
            try advance()
        } else if current.isWord("DESC") {
            descending = true
            try advance()
        }
        var nullsFirst: Bool?
        if current.isWord("NULLS") {
            try advance()
            if current.isWord("FIRST") {
                nullsFirst = true
            } else if current.isWord("LAST") {
                nullsFirst = false
            } else {
                throw syntax(expected: "FIRST or LAST after NULLS")
            }
            try advance()
        }
        if current.isWord("USING") { throw unsupported("ORDER BY ... USING", hint: "use ASC or DESC") }
        return SQLOrderItem(key: key, isDescending: descending, nullsFirst: nullsFirst, range: key.range.through(previousRange))
    }

    mutating func parseRowCount(clause: String) throws(SQLError) -> SQLRowCount {
        let token = current
        switch token.kind {
        case .number(let text):
            guard let n = SQLNumber(literal: text), n.isInteger else {
                throw SQLError(.outOfRange, "\(clause) must be a whole number", at: token.range)
            }
            guard let value = n.int64Value, let count = Int(exactly: value) else {
                throw SQLError(.outOfRange, "\(clause) \(n) is too large", at: token.range, hint: "the largest \(clause) is \(Int.max)")
            }
            try advance()
            if current.isSymbol("%") { throw unsupported("\(clause) with a percentage") }
            return SQLRowCount(value: count, range: token.range)
        case .symbol("-"):
            throw SQLError(.outOfRange, "\(clause) must not be negative", at: token.range.through(peek().range))
        default:
            if token.isWord("ALL") { throw unsupported("\(clause) ALL", hint: "leave out the \(clause) clause") }
            throw syntax(expected: "a number after \(clause)")
        }
    }
}
