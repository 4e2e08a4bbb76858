/// The recursive-descent parser of the engine's grammar: DuckDB's SQL for one table.
///
/// Precedence, loosest first (as PostgreSQL and DuckDB): OR, AND, NOT, IS, comparisons,
/// BETWEEN / IN / LIKE / ILIKE, `||` and other operators, `+ -`, `* / // %`, `^ **`,
/// unary `+ - ~`, postfix `::type` and `AT TIME ZONE`, primaries. Nesting is bounded
/// (`depth`), so hostile input cannot overflow the stack.
package struct SyntaxParser {
    var tokens: [SQLToken]
    var index = 0
    var depth = 0

    /// A parser over `sql`.
    package init(_ sql: String) {
        tokens = SQLLexer.tokenize(sql)
    }

    /// Parses exactly one statement (a trailing `;` allowed).
    package static func parseStatement(_ sql: String) throws(SQLError) -> SyntaxStatement {
        var p = SyntaxParser(sql)
        try p.start()
        if p.current.isEnd || p.current.isSymbol(";") {
            throw SQLError(.emptyQuery, "the query is empty", at: p.current.range, hint: "write a SELECT statement")
        }
        let statement = try p.parseStatement()
        while p.current.isSymbol(";") { try p.advance() }
        guard p.current.isEnd else {
            if p.index > 0, p.tokens[p.index - 1].isSymbol(";") {
                throw SQLError(.multipleStatements, "only one statement can be run at a time", at: p.current.range,
                               hint: "run the statements one by one")
            }
            throw p.syntax(expected: "the end of the statement")
        }
        return statement
    }

    // MARK: - Tokens

    var current: SQLToken { tokens[index] }

    func peek(_ n: Int = 1) -> SQLToken { tokens[min(index + n, tokens.count - 1)] }

    mutating func start() throws(SQLError) {
        if case .error(let e) = tokens[0].kind { throw e }
    }

    mutating func advance() throws(SQLError) {
        if index < tokens.count - 1 { index += 1 }
        if case .error(let e) = tokens[index].kind { throw e }
    }

    var previousRange: SourceRange { tokens[max(index - 1, 0)].range }

    func syntax(expected: String, hint: String? = nil) -> SQLError {
        let found = current.isEnd ? "reached the end of the query" : "found \(current.quotedForMessage)"
        return SQLError(.syntax, "expected \(expected) but \(found)", at: current.range, hint: hint)
    }

    func unsupported(_ construct: String, plural: Bool = false, at range: SourceRange? = nil, hint: String? = nil) -> SQLError {
        SQLError(.unsupported, "\(construct) \(plural ? "are" : "is") not supported by Tally's SQL yet",
                 at: range ?? current.range, hint: hint)
    }

    @discardableResult
    mutating func expect(_ symbol: String, _ what: String? = nil) throws(SQLError) -> SQLToken {
        guard current.isSymbol(symbol) else { throw syntax(expected: what ?? "\"\(symbol)\"") }
        let t = current
        try advance()
        return t
    }

    mutating func expectWord(_ word: String) throws(SQLError) {
        guard current.isWord(word) else { throw syntax(expected: word) }
        try advance()
    }

    /// Consumes `word` if it is the current token.
    mutating func accept(_ word: String) throws(SQLError) -> Bool {
        guard current.isWord(word) else { return false }
        try advance()
        return true
    }

    mutating func acceptSymbol(_ s: String) throws(SQLError) -> Bool {
        guard current.isSymbol(s) else { return false }
        try advance()
        return true
    }

    var isName: Bool {
        switch current.kind {
        case .word(_, let upper): return !SQLKeywords.reserved.contains(upper)
        case .quotedIdentifier: return true
        default: return false
        }
    }

    mutating func name() throws(SQLError) -> SQLIdentifier {
        let t = current
        switch t.kind {
        case .word(let text, let upper) where !SQLKeywords.reserved.contains(upper):
            try advance()
            return SQLIdentifier(text: text, isQuoted: false, range: t.range)
        case .quotedIdentifier(let text):
            try advance()
            return SQLIdentifier(text: text, isQuoted: true, range: t.range)
        default:
            throw syntax(expected: "a name")
        }
    }

    mutating func enter() throws(SQLError) {
        depth += 1
        if depth > SQLParser.maximumNestingDepth {
            throw SQLError(.tooDeeplyNested, "the query nests expressions more than \(SQLParser.maximumNestingDepth) levels deep",
                           at: current.range, hint: "simplify the expression")
        }
    }

    // MARK: - Statements

    mutating func parseStatement() throws(SQLError) -> SyntaxStatement {
        let t = current
        switch t.upperWord ?? "" {
        case "SELECT", "FROM", "WITH":
            return .select(try parseQuery())
        case "UNPIVOT":
            return .select(try parseUnpivot())
        case "PIVOT":
            return .select(try parsePivot())
        case "EXPLAIN":
            try advance()
            let analyze = try accept("ANALYZE")
            return .explain(try parseStatement(), analyze: analyze)
        case "DESCRIBE", "DESC":
            try advance()
            if startsQuery || current.isSymbol("(") { return .describe(try parseQuery()) }
            return try describeTable()
        case "SHOW":
            try advance()
            let all = try accept("ALL")
            if try accept("TABLES") || all {
                return .showTables
            }
            return try describeTable()
        case "SUMMARIZE":
            try advance()
            if startsQuery || current.isSymbol("(") { return .summarize(try parseQuery()) }
            let table = try parseTableName()
            return .summarize(SyntaxSelect(items: [.star(qualifier: nil, exclude: [], replace: [], table.name.range)],
                                           from: .named(table), range: table.name.range))
        case "SET":
            try advance()
            if current.isWord("SESSION") || current.isWord("LOCAL") || current.isWord("GLOBAL") { try advance() }
            let n = try name()
            let equals = try acceptSymbol("=")
            if !equals, try !accept("TO") { throw syntax(expected: "= or TO") }
            let v = current
            let value: String
            switch v.kind {
            case .string(let s): value = s
            case .word(let w, _): value = w
            case .number(let n): value = n
            default: throw syntax(expected: "a value")
            }
            try advance()
            return .set(name: n.text.lowercased(), value: value, n.range.through(v.range))
        case "RESET":
            try advance()
            let n = try name()
            return .reset(name: n.text.lowercased(), n.range)
        default:
            if let upper = t.upperWord, let what = SQLKeywords.otherStatements[upper] {
                throw SQLError(.unsupported, "\(what) \(what.hasSuffix("s") ? "are" : "is") not supported: Tally's SQL reads the store",
                               at: t.range, hint: "run SELECT queries; change data with tally import, delete and compact")
            }
            if t.isSymbol("(") { return .select(try parseQuery()) }
            throw syntax(expected: "SELECT")
        }
    }

    /// `DESCRIBE name` / `SHOW name`: usage's own description (with its NOT NULL columns),
    /// or for another table (a side table) the columns of `SELECT * FROM name`.
    mutating func describeTable() throws(SQLError) -> SyntaxStatement {
        let table = try parseTableName()
        if table.name.normalized == UsageTable.name { return .describe(nil) }
        return .describe(SyntaxSelect(items: [.star(qualifier: nil, exclude: [], replace: [], table.name.range)],
                                      from: .named(table), range: table.name.range))
    }

    mutating func parseTableName() throws(SQLError) -> SyntaxTable {
        var n = try name()
        // `main.usage` / `memory.main.usage`: schema-qualified names of the one table.
        while current.isSymbol(".") {
            try advance()
            n = try name()
        }
        var alias: SQLIdentifier? = nil
        if try accept("AS") {
            alias = try name()
        } else if isName, !(current.upperWord.map(SyntaxParser.clauseWords.contains) ?? false) {
            alias = try name()
        }
        return SyntaxTable(name: n, alias: alias)
    }

    /// Words that end a table reference or select item rather than naming an alias.
    static let clauseWords: Set<String> = [
        "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "QUALIFY", "WINDOW", "UNION", "EXCEPT",
        "INTERSECT", "JOIN", "LEFT", "RIGHT", "FULL", "INNER", "CROSS", "ON", "USING", "FROM", "NATURAL",
        "POSITIONAL", "ASOF", "ANTI", "SEMI", "SELECT", "TABLESAMPLE", "USING",
    ]
}
