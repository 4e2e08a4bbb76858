import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// Expressions, loosest-binding level first; each level returns the tree height with the node.
extension SQLStatementParser {
    mutating func parseExpression(_ context: AggregateContext) throws(SQLError) -> SQLExpression {
        let saved = aggregateContext
        aggregateContext = context
        defer { aggregateContext = saved }
        return try parseOr().expression
    }

    mutating func parseOr() throws(SQLError) -> Node {
        var left = try parseAnd()
        while current.isWord("OR") {
            let op = current
            try advance()
            let right = try parseAnd()
            left = try node(.binary(.or, left.expression, right.expression, left.expression.range.through(right.expression.range)), above: left, right, at: op)
        }
        return left
    }

    mutating func parseAnd() throws(SQLError) -> Node {
        var left = try parseNot()
        while current.isWord("AND") {
            let op = current
            try advance()
            let right = try parseNot()
            left = try node(.binary(.and, left.expression, right.expression, left.expression.range.through(right.expression.range)), above: left, right, at: op)
        }
        return left
    }

    mutating func parseNot() throws(SQLError) -> Node {
        guard current.isWord("NOT") else { return try parseComparison() }
        let not = current
        try enter(not)
        defer { depth -= 1 }
        try advance()
        let operand = try parseNot()
        return try node(.unary(.not, operand.expression, not.range.through(operand.expression.range)), above: operand, at: not)
    }

    static let comparisonOperators: [String: SQLBinaryOperator] = [
        "=": .equal, "==": .equal, "<>": .notEqual, "!=": .notEqual,
        "<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual,
    ]

    static let predicateWords: Set<String> = ["IN", "BETWEEN", "LIKE", "ILIKE", "SIMILAR", "GLOB", "REGEXP", "RLIKE"]

    var isComparisonStart: Bool {
        if case .symbol(let s) = current.kind, Self.comparisonOperators[s] != nil { return true }
        if let upper = current.upperWord {
            return upper == "IS" || Self.predicateWords.contains(upper)
                || (upper == "NOT" && peek().upperWord.map(Self.predicateWords.contains) == true)
        }
        return false
    }

    mutating func parseComparison() throws(SQLError) -> Node {
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

    mutating func parseComparisonTail(_ left: Node) throws(SQLError) -> Node {
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

    mutating func parseInList(_ left: Node, negated: Bool) throws(SQLError) -> Node {
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

    mutating func parseAdditive() throws(SQLError) -> Node {
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

    mutating func parseMultiplicative() throws(SQLError) -> Node {
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

    mutating func parseUnary() throws(SQLError) -> Node {
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
    mutating func parsePostfix(_ node: Node) throws(SQLError) -> Node {
        if current.isSymbol("::") {
            throw unsupported("casts (::)", plural: true, hint: "write DATE '...' or TIMESTAMP '...' for typed constants")
        }
        if current.isSymbol("[") { throw unsupported("subscripts", plural: true) }
        if current.isWord("COLLATE") { throw unsupported("COLLATE") }
        if current.isSymbol("->") { throw unsupported("the -> operator") }
        return node
    }

    mutating func parsePrimary() throws(SQLError) -> Node {
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

    mutating func parseWord(_ token: SQLToken, text: String, upper: String) throws(SQLError) -> Node {
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
                literal = .date(dayNumber: try Self.dayNumber(value, at: string))
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
}
