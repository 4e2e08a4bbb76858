import Tally

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

    private var tokens: [SQLToken]
    private var index = 0
    private var depth = 0
    private var aggregateContext = AggregateContext.allowed

    init(_ sql: String) {
        tokens = SQLLexer.tokenize(sql)
    }

    // MARK: - Tokens

    private var current: SQLToken { tokens[index] }

    private func peek(_ n: Int = 1) -> SQLToken { tokens[min(index + n, tokens.count - 1)] }

    /// Moves to the next token; a lexical error is thrown when it becomes the current token.
    private mutating func advance() throws(SQLError) {
        if index < tokens.count - 1 { index += 1 }
        if case .error(let e) = tokens[index].kind { throw e }
    }

    private mutating func startOfInput() throws(SQLError) {
        if case .error(let e) = tokens[0].kind { throw e }
    }

    private var previousRange: SourceRange { tokens[max(index - 1, 0)].range }

    private func syntax(expected: String, hint: String? = nil) -> SQLError {
        let found = current.isEnd ? "reached the end of the query" : "found \(current.quotedForMessage)"
        return SQLError(.syntax, "expected \(expected) but \(found)", at: current.range, hint: hint)
    }

    private func unsupported(
        _ construct: String, plural: Bool = false, at range: SourceRange? = nil, hint: String? = nil
    ) -> SQLError {
        SQLError(
            .unsupported, "\(construct) \(plural ? "are" : "is") not supported by Tally's SQL subset",
            at: range ?? current.range, hint: hint
        )
    }

    @discardableResult
    private mutating func expectSymbol(_ symbol: String, _ expected: String? = nil) throws(SQLError) -> SQLToken {
        guard current.isSymbol(symbol) else { throw syntax(expected: expected ?? "\"\(symbol)\"") }
        let token = current
        try advance()
        return token
    }

    private var isNonReservedName: Bool {
        switch current.kind {
        case .word(_, let upper): return !SQLKeywords.reserved.contains(upper)
        case .quotedIdentifier: return true
        default: return false
        }
    }

    private mutating func identifier() throws(SQLError) -> SQLIdentifier {
        let token = current
        try advance()
        switch token.kind {
        case .word(let text, _): return SQLIdentifier(text: text, isQuoted: false, range: token.range)
        case .quotedIdentifier(let text): return SQLIdentifier(text: text, isQuoted: true, range: token.range)
        default: preconditionFailure("identifier() is only called on a name token")
        }
    }

    /// Counts one level of syntactic nesting; balance with `depth -= 1`.
    private mutating func enter(_ token: SQLToken) throws(SQLError) {
        depth += 1
        if depth > SQLParser.maximumNestingDepth {
            throw SQLError(
                .tooDeeplyNested,
                "the query nests parentheses, NOT, minus signs or function calls more than \(SQLParser.maximumNestingDepth) levels deep",
                at: token.range, hint: "simplify the expression"
            )
        }
    }

    private func node(_ expression: SQLExpression, above children: Node..., at token: SQLToken) throws(SQLError) -> Node {
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

    private mutating func parseSelect() throws(SQLError) -> SQLStatement {
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
    private func trailingTokenError() -> SQLError {
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

    private mutating func parseSelectItem() throws(SQLError) -> SQLSelectItem {
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

    private mutating func parseTable() throws(SQLError) -> SQLTableReference {
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

    private mutating func parseKey(clause: String, context: AggregateContext, items: [SQLSelectItem]) throws(SQLError) -> SQLKey {
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

    private mutating func parseOrderItem(items: [SQLSelectItem]) throws(SQLError) -> SQLOrderItem {
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

    private mutating func parseRowCount(clause: String) throws(SQLError) -> SQLRowCount {
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

    // MARK: - Expressions

    private mutating func parseExpression(_ context: AggregateContext) throws(SQLError) -> SQLExpression {
        let saved = aggregateContext
        aggregateContext = context
        defer { aggregateContext = saved }
        return try parseOr().expression
    }

    private mutating func parseOr() throws(SQLError) -> Node {
        var left = try parseAnd()
        while current.isWord("OR") {
            let op = current
            try advance()
            let right = try parseAnd()
            left = try node(.binary(.or, left.expression, right.expression, left.expression.range.through(right.expression.range)), above: left, right, at: op)
        }
        return left
    }

    private mutating func parseAnd() throws(SQLError) -> Node {
        var left = try parseNot()
        while current.isWord("AND") {
            let op = current
            try advance()
            let right = try parseNot()
            left = try node(.binary(.and, left.expression, right.expression, left.expression.range.through(right.expression.range)), above: left, right, at: op)
        }
        return left
    }

    private mutating func parseNot() throws(SQLError) -> Node {
        guard current.isWord("NOT") else { return try parseComparison() }
        let not = current
        try enter(not)
        defer { depth -= 1 }
        try advance()
        let operand = try parseNot()
        return try node(.unary(.not, operand.expression, not.range.through(operand.expression.range)), above: operand, at: not)
    }

    private static let comparisonOperators: [String: SQLBinaryOperator] = [
        "=": .equal, "==": .equal, "<>": .notEqual, "!=": .notEqual,
        "<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual,
    ]

    private static let predicateWords: Set<String> = ["IN", "BETWEEN", "LIKE", "ILIKE", "SIMILAR", "GLOB", "REGEXP", "RLIKE"]

    private var isComparisonStart: Bool {
        if case .symbol(let s) = current.kind, Self.comparisonOperators[s] != nil { return true }
        if let upper = current.upperWord {
            return upper == "IS" || Self.predicateWords.contains(upper)
                || (upper == "NOT" && peek().upperWord.map(Self.predicateWords.contains) == true)
        }
        return false
    }

    private mutating func parseComparison() throws(SQLError) -> Node {
        let left = try parseAdditive()
        guard isComparisonStart else {
            if current.isWord("NOT") {
                try advance()
                throw syntax(expected: "IN, BETWEEN or LIKE after NOT")
            }
            return left
        }
        let result = try parseComparisonTail(left)
        if isComparisonStart {
            throw SQLError(
                .syntax, "comparisons cannot be chained", at: current.range,
                hint: "combine comparisons with AND, or add parentheses"
            )
        }
        return result
    }

    private mutating func parseComparisonTail(_ left: Node) throws(SQLError) -> Node {
        let op = current
        let subject = left.expression
        if case .symbol(let s) = op.kind, let binary = Self.comparisonOperators[s] {
            try advance()
            if let upper = current.upperWord, ["ANY", "ALL", "SOME"].contains(upper) {
                throw unsupported("\(upper) comparisons", plural: true, hint: "use IN (...)")
            }
            let right = try parseAdditive()
            return try node(.binary(binary, subject, right.expression, subject.range.through(right.expression.range)), above: left, right, at: op)
        }
        if op.isWord("IS") {
            try advance()
            var negated = false
            if current.isWord("NOT") {
                negated = true
                try advance()
            }
            if current.isWord("NULL") {
                let end = current
                try advance()
                return try node(.isNull(subject, negated: negated, subject.range.through(end.range)), above: left, at: op)
            }
            if current.isWord("DISTINCT") {
                throw unsupported("IS \(negated ? "NOT " : "")DISTINCT FROM", at: op.range.through(current.range), hint: "compare with = or <>, and test for NULL with IS NULL")
            }
            if let upper = current.upperWord, ["TRUE", "FALSE", "UNKNOWN"].contains(upper) {
                throw unsupported("IS \(negated ? "NOT " : "")\(upper)", at: op.range.through(current.range), hint: "compare with = \(upper == "FALSE" ? "FALSE" : "TRUE")")
            }
            throw syntax(expected: negated ? "NULL after IS NOT" : "NULL or NOT NULL after IS")
        }
        var negated = false
        if op.isWord("NOT") {
            negated = true
            try advance()
        }
        let word = current
        let upper = word.upperWord ?? ""
        switch upper {
        case "IN":
            try advance()
            return try parseInList(left, negated: negated)
        case "BETWEEN":
            try advance()
            if let u = current.upperWord, u == "SYMMETRIC" || u == "ASYMMETRIC" {
                throw unsupported("BETWEEN \(u)")
            }
            let low = try parseAdditive()
            guard current.isWord("AND") else { throw syntax(expected: "AND in BETWEEN ... AND ...") }
            try advance()
            let high = try parseAdditive()
            let range = subject.range.through(high.expression.range)
            return try node(.between(subject, low: low.expression, high: high.expression, negated: negated, range), above: left, low, high, at: word)
        case "LIKE":
            try advance()
            guard case .string(let text) = current.kind else {
                throw SQLError(
                    .invalidArgument, "the pattern of LIKE must be a string literal", at: current.range,
                    hint: "write LIKE 'prefix%'"
                )
            }
            let pattern = SQLLikePattern(text: text, range: current.range)
            try advance()
            if current.isWord("ESCAPE") { throw unsupported("LIKE ... ESCAPE") }
            return try node(.like(subject, pattern, negated: negated, subject.range.through(pattern.range)), above: left, at: word)
        default:
            throw unsupported(upper, hint: upper == "ILIKE" ? "use LIKE, which is case-sensitive" : "use LIKE 'prefix%'")
        }
    }

    private mutating func parseInList(_ left: Node, negated: Bool) throws(SQLError) -> Node {
        let open = current
        guard open.isSymbol("(") else { throw syntax(expected: "\"(\" after IN") }
        if peek().isWord("SELECT") || peek().isWord("WITH") {
            throw unsupported("subqueries", plural: true, at: peek().range, hint: "list the values: IN ('a', 'b')")
        }
        try enter(open)
        defer { depth -= 1 }
        try advance()
        if current.isSymbol(")") { throw syntax(expected: "at least one value in IN (...)") }
        var elements: [SQLExpression] = []
        var height = left.height
        repeat {
            if !elements.isEmpty { try advance() }
            let element = try parseOr()
            elements.append(element.expression)
            height = max(height, element.height)
        } while current.isSymbol(",")
        let close = try expectSymbol(")", "\",\" or \")\" in the IN list")
        let expression = SQLExpression.inList(left.expression, elements, negated: negated, left.expression.range.through(close.range))
        return try node(expression, above: Node(expression: expression, height: height), at: open)
    }

    private mutating func parseAdditive() throws(SQLError) -> Node {
        var left = try parseMultiplicative()
        while true {
            let op = current
            let binary: SQLBinaryOperator
            if op.isSymbol("+") {
                binary = .add
            } else if op.isSymbol("-") {
                binary = .subtract
            } else if op.isSymbol("||") {
                throw unsupported("string concatenation (||)")
            } else {
                return left
            }
            try advance()
            let right = try parseMultiplicative()
            left = try node(.binary(binary, left.expression, right.expression, left.expression.range.through(right.expression.range)), above: left, right, at: op)
        }
    }

    private mutating func parseMultiplicative() throws(SQLError) -> Node {
        var left = try parseUnary()
        while true {
            let op = current
            let binary: SQLBinaryOperator
            if op.isSymbol("*") {
                binary = .multiply
            } else if op.isSymbol("/") {
                binary = .divide
            } else if op.isSymbol("%") {
                throw unsupported("the modulo operator %")
            } else if op.isSymbol("//") {
                throw unsupported("integer division (//)", hint: "use /")
            } else if op.isSymbol("^") || op.isSymbol("**") {
                throw unsupported("exponentiation (\(op.text))")
            } else {
                return left
            }
            try advance()
            let right = try parseUnary()
            left = try node(.binary(binary, left.expression, right.expression, left.expression.range.through(right.expression.range)), above: left, right, at: op)
        }
    }

    private mutating func parseUnary() throws(SQLError) -> Node {
        let sign = current
        guard sign.isSymbol("-") || sign.isSymbol("+") else { return try parsePostfix(try parsePrimary()) }
        try enter(sign)
        defer { depth -= 1 }
        try advance()
        if sign.isSymbol("-"), case .number(let text) = current.kind, let n = SQLNumber(literal: text) {
            // A negative constant is one literal, so the binder sees `-0.5`, not an operation on 0.5.
            let number = current
            try advance()
            return try parsePostfix(Node(expression: .literal(.number(n.negated), sign.range.through(number.range)), height: 1))
        }
        let operand = try parseUnary()
        if sign.isSymbol("+") { return operand }
        return try node(.unary(.negate, operand.expression, sign.range.through(operand.expression.range)), above: operand, at: sign)
    }

    /// Rejects the postfix constructs of DuckDB that Tally does not support.
    private mutating func parsePostfix(_ node: Node) throws(SQLError) -> Node {
        if current.isSymbol("::") {
            throw unsupported("casts (::)", plural: true, hint: "write DATE '...' or TIMESTAMP '...' for typed constants")
        }
        if current.isSymbol("[") { throw unsupported("subscripts", plural: true) }
        if current.isWord("COLLATE") { throw unsupported("COLLATE") }
        if current.isSymbol("->") { throw unsupported("the -> operator") }
        return node
    }

    private mutating func parsePrimary() throws(SQLError) -> Node {
        let token = current
        switch token.kind {
        case .number(let text):
            guard let n = SQLNumber(literal: text) else {
                throw SQLError(.invalidNumber, "invalid number \(text)", at: token.range)
            }
            try advance()
            return Node(expression: .literal(.number(n), token.range), height: 1)
        case .string(let text):
            try advance()
            return Node(expression: .literal(.string(text), token.range), height: 1)
        case .quotedIdentifier:
            if peek().isSymbol(".") {
                throw unsupported("qualified names", plural: true, hint: "there is only one table: write column names alone")
            }
            if peek().isSymbol("(") { throw unsupported("quoted function names", plural: true) }
            return Node(expression: .column(try identifier()), height: 1)
        case .symbol("("):
            if let upper = peek().upperWord, upper == "SELECT" || upper == "WITH" {
                throw unsupported("subqueries", plural: true, at: peek().range)
            }
            try enter(token)
            defer { depth -= 1 }
            try advance()
            let inner = try parseOr()
            if current.isSymbol(",") { throw unsupported("row values (a, b, ...)", plural: true) }
            try expectSymbol(")", "\")\"")
            return inner
        case .symbol("?"), .symbol("$"):
            throw unsupported("query parameters", plural: true, hint: "write the values into the query")
        case .symbol("["), .symbol("{"):
            throw unsupported("list and struct literals", plural: true)
        case .symbol("*"):
            throw syntax(expected: "an expression", hint: "* is only allowed in count(*)")
        case .word(let text, let upper):
            return try parseWord(token, text: text, upper: upper)
        default:
            throw syntax(expected: "an expression")
        }
    }

    private mutating func parseWord(_ token: SQLToken, text: String, upper: String) throws(SQLError) -> Node {
        switch upper {
        case "NULL":
            try advance()
            return Node(expression: .literal(.null, token.range), height: 1)
        case "TRUE", "FALSE":
            try advance()
            return Node(expression: .literal(.boolean(upper == "TRUE"), token.range), height: 1)
        case "DATE", "TIMESTAMP":
            guard case .string(let value) = peek().kind else { break }
            try advance()
            let string = current
            let literal: SQLLiteral
            if upper == "DATE" {
                guard let day = CivilDate.parseISODate(value) else {
                    throw SQLError(
                        .invalidLiteral, "invalid DATE literal \(string.text)", at: string.range,
                        hint: "write DATE 'YYYY-MM-DD' with a real month and day"
                    )
                }
                literal = .date(dayNumber: day)
            } else {
                literal = .timestamp(milliseconds: try Self.timestampMilliseconds(value, at: string))
            }
            try advance()
            return Node(expression: .literal(literal, token.range.through(string.range)), height: 1)
        case "INTERVAL":
            throw unsupported("INTERVAL literals", plural: true, hint: "compare ts with TIMESTAMP '...' bounds")
        case "TIME", "TIMESTAMPTZ":
            if case .string = peek().kind { throw unsupported("\(upper) literals", plural: true, hint: "use TIMESTAMP '...' (UTC)") }
        case "CASE":
            throw unsupported("CASE expressions", plural: true)
        case "CAST", "TRY_CAST":
            throw unsupported("\(upper)", hint: "write DATE '...' or TIMESTAMP '...' for typed constants")
        case "EXISTS":
            throw unsupported("subqueries (EXISTS)", plural: true)
        case "ARRAY":
            throw unsupported("arrays", plural: true)
        default:
            break
        }
        if peek().isSymbol("(") { return try parseCall(token, upper: upper) }
        if peek().isSymbol(".") {
            throw unsupported("qualified names", plural: true, hint: "there is only one table: write column names alone")
        }
        if SQLKeywords.reserved.contains(upper) {
            throw syntax(expected: "an expression")
        }
        try advance()
        return Node(expression: .column(SQLIdentifier(text: text, isQuoted: false, range: token.range)), height: 1)
    }

    // MARK: - Calls

    private mutating func parseCall(_ name: SQLToken, upper: String) throws(SQLError) -> Node {
        let lower = upper.lowercased()
        if upper == "DATE_TRUNC" { return try parseDateTrunc(name) }
        if let function = SQLAggregateFunction(rawValue: lower) { return try parseAggregate(name, function) }
        if SQLKeywords.windowFunctions.contains(upper) {
            throw unsupported("window functions (\(lower))", plural: true)
        }
        let hint: String
        switch upper {
        case "QUANTILE", "QUANTILE_DISC", "PERCENTILE_CONT", "PERCENTILE_DISC", "APPROX_QUANTILE":
            hint = "use quantile_cont(x, p) or median(x)"
        case "DATETRUNC", "TIME_BUCKET", "DATE_PART", "DATEPART", "EXTRACT", "STRFTIME", "DATE_DIFF", "DATEDIFF":
            hint = "the time functions are date_trunc('hour' | 'day' | 'week' | 'month', ts)"
        default:
            hint = "the functions are count, sum, min, max, avg, median, quantile_cont and date_trunc"
        }
        throw unsupported("the function \(lower)()", at: name.range, hint: hint)
    }

    private mutating func parseAggregate(_ name: SQLToken, _ function: SQLAggregateFunction) throws(SQLError) -> Node {
        switch aggregateContext {
        case .allowed:
            break
        case .insideAggregate:
            throw SQLError(
                .misplacedAggregate, "aggregate functions cannot be nested", at: name.range,
                hint: "aggregate plain columns; compute the inner aggregate in its own query"
            )
        case .forbidden(let clause):
            throw SQLError(
                .misplacedAggregate, "aggregate functions are not allowed in \(clause)", at: name.range,
                hint: clause == "WHERE" ? "filter on aggregates with HAVING" : "group by columns or date_trunc(...)"
            )
        }
        let lower = function.rawValue
        try enter(name)
        defer { depth -= 1 }
        try advance()
        try advance()
        let saved = aggregateContext
        aggregateContext = .insideAggregate
        defer { aggregateContext = saved }

        var distinct = false
        if current.isWord("DISTINCT") {
            guard function == .count else {
                throw unsupported("DISTINCT in \(lower)()", hint: "only count(DISTINCT x) is supported")
            }
            distinct = true
            try advance()
        } else if current.isWord("ALL") {
            try advance()
        }
        if current.isSymbol("*") {
            guard function == .count, !distinct else {
                throw SQLError(
                    .invalidArgument, "\(distinct ? "count(DISTINCT *)" : "\(lower)(*)") is not valid", at: current.range,
                    hint: "* is only allowed in count(*)"
                )
            }
            try advance()
            let close = try expectSymbol(")", "\")\" after count(*")
            try rejectAggregateSuffix()
            let call = SQLAggregateCall(function: .count, argument: nil, range: name.range.through(close.range))
            return Node(expression: .aggregate(call), height: 1)
        }
        if current.isSymbol(")") {
            throw SQLError(.syntax, "\(lower)() needs an argument", at: current.range,
                           hint: function == .count ? "write count(*) to count rows" : nil)
        }
        let argument = try parseOr()
        var fraction: SQLNumber?
        if function == .quantileCont {
            guard current.isSymbol(",") else {
                throw syntax(expected: "\",\" and a fraction: quantile_cont(x, p)")
            }
            try advance()
            fraction = try parseFraction()
        }
        if current.isWord("ORDER") { throw unsupported("ORDER BY inside \(lower)()") }
        if current.isSymbol(",") {
            throw SQLError(
                .invalidArgument, "\(lower)() takes \(function == .quantileCont ? "two arguments" : "one argument")",
                at: current.range
            )
        }
        let close = try expectSymbol(")", "\")\" to close \(lower)(")
        try rejectAggregateSuffix()
        let call = SQLAggregateCall(
            function: function, argument: argument.expression, isDistinct: distinct, fraction: fraction,
            range: name.range.through(close.range)
        )
        return try node(.aggregate(call), above: argument, at: name)
    }

    private func rejectAggregateSuffix() throws(SQLError) {
        if current.isWord("OVER") { throw unsupported("window functions (OVER)", plural: true) }
        if current.isWord("FILTER") { throw unsupported("FILTER clauses", plural: true, hint: "move the condition to WHERE") }
        if current.isWord("WITHIN") { throw unsupported("WITHIN GROUP", hint: "use quantile_cont(x, p)") }
    }

    /// The `p` of `quantile_cont(x, p)`: a numeric literal in 0...1, compared exactly.
    private mutating func parseFraction() throws(SQLError) -> SQLNumber {
        let token = current
        let problem = SQLError(
            .invalidArgument, "the fraction of quantile_cont must be a number from 0 to 1", at: token.range,
            hint: "for example quantile_cont(cost_usd, 0.95)"
        )
        if token.isSymbol("[") { throw unsupported("lists of quantiles", plural: true, hint: "use one quantile_cont per fraction") }
        guard case .number(let text) = token.kind, let n = SQLNumber(literal: text) else {
            if token.isSymbol("-") { throw SQLError(problem.kind, problem.message, at: token.range.through(peek().range), hint: problem.hint) }
            throw problem
        }
        // n <= 1 exactly: the integer part is 0, or 1 with an all-zero fraction.
        let padded = String(repeating: "0", count: max(0, n.scale + 1 - n.digits.count)) + n.digits
        let whole = padded.dropLast(n.scale).drop { $0 == "0" }
        let fractionDigits = padded.suffix(n.scale)
        guard whole.isEmpty || (whole == "1" && fractionDigits.allSatisfy { $0 == "0" }) else { throw problem }
        try advance()
        return n
    }

    private mutating func parseDateTrunc(_ name: SQLToken) throws(SQLError) -> Node {
        try enter(name)
        defer { depth -= 1 }
        try advance()
        try advance()
        let units = "'hour', 'day', 'week' or 'month'"
        guard case .string(let text) = current.kind else {
            throw SQLError(
                .invalidArgument, "the first argument of date_trunc must be a quoted unit", at: current.range,
                hint: "write date_trunc('hour' | 'day' | 'week' | 'month', ts)"
            )
        }
        guard let unit = SQLTimeBucket(rawValue: text.lowercased()) else {
            throw SQLError(
                .invalidArgument, "date_trunc unit \(current.text) is not supported", at: current.range,
                hint: "use \(units)"
            )
        }
        try advance()
        try expectSymbol(",", "\",\" after the date_trunc unit")
        let argument = try parseOr()
        if current.isSymbol(",") {
            throw SQLError(.invalidArgument, "date_trunc() takes two arguments", at: current.range)
        }
        let close = try expectSymbol(")", "\")\" to close date_trunc(")
        return try node(.dateTrunc(unit, argument.expression, name.range.through(close.range)), above: argument, at: name)
    }

    // MARK: - Literals

    /// `YYYY-MM-DD[( |T)HH:MM[:SS[.fraction]]][Z]` in UTC, to milliseconds since the epoch.
    static func timestampMilliseconds(_ text: String, at token: SQLToken) throws(SQLError) -> Int64 {
        let invalid = SQLError(
            .invalidLiteral, "invalid TIMESTAMP literal \(token.text)", at: token.range,
            hint: "write TIMESTAMP 'YYYY-MM-DD HH:MM:SS' (UTC), optionally with .fff milliseconds"
        )
        var u = Array(text.utf8)
        if u.last == UInt8(ascii: "Z") { u.removeLast() }
        guard u.count >= 10, let day = CivilDate.parseISODate(String(decoding: u[0..<10], as: UTF8.self)) else { throw invalid }
        var ms = Int64(day) * CivilDate.millisecondsPerDay
        if u.count == 10 { return ms }
        guard u[10] == UInt8(ascii: " ") || u[10] == UInt8(ascii: "T"), u.count >= 16, u[13] == UInt8(ascii: ":") else { throw invalid }
        func number(_ range: Range<Int>) -> Int64? {
            var v: Int64 = 0
            for b in u[range] {
                guard b >= 0x30 && b <= 0x39 else { return nil }
                v = v * 10 + Int64(b - 0x30)
            }
            return v
        }
        guard let hour = number(11..<13), hour < 24, let minute = number(14..<16), minute < 60 else { throw invalid }
        ms += hour * 3_600_000 + minute * 60_000
        var i = 16
        if i < u.count {
            guard u[i] == UInt8(ascii: ":"), u.count >= 19, let second = number(17..<19), second < 60 else { throw invalid }
            ms += second * 1000
            i = 19
        }
        if i < u.count {
            guard u[i] == UInt8(ascii: "."), u.count > i + 1, u.count - i - 1 <= 9, let _ = number(i + 1..<u.count) else { throw invalid }
            let digits = Array(u[(i + 1)...])
            for (k, d) in digits.enumerated() {
                let v = Int64(d - 0x30)
                if k < 3 {
                    ms += v * [100, 10, 1][k]
                } else if v != 0 {
                    throw SQLError(
                        .invalidLiteral, "TIMESTAMP literals have millisecond precision", at: token.range,
                        hint: "give at most three fractional digits"
                    )
                }
            }
        }
        return ms
    }
}
