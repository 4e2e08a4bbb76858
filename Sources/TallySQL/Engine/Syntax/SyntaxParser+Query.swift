/// Whole queries: WITH, set operations, parenthesised queries, and what FROM reads.
extension SyntaxParser {
    /// Whether the current token starts a query (after an opening parenthesis).
    var startsQuery: Bool {
        current.isWord("SELECT") || current.isWord("WITH") || current.isWord("FROM") || current.isWord("VALUES")
    }

    /// `[WITH ...] term {UNION|EXCEPT|INTERSECT [ALL] term} [ORDER BY ...] [LIMIT n] [OFFSET n]`.
    ///
    /// A set operation becomes the FROM of a `SELECT *` that carries the ORDER BY and
    /// LIMIT of the whole (as PostgreSQL's and DuckDB's grammar attach them).
    mutating func parseQuery() throws(SQLError) -> SyntaxSelect {
        try enter()
        defer { depth -= 1 }
        let start = current
        var commonTables: [SyntaxCommonTable] = []
        if try accept("WITH") {
            if current.isWord("RECURSIVE") {
                throw unsupported("WITH RECURSIVE", hint: "Tally's SQL runs non-recursive common table expressions")
            }
            repeat { commonTables.append(try parseCommonTable()) } while try acceptSymbol(",")
        }
        var query = try parseUnionLevel()
        if current.isWord("ORDER") || current.isWord("LIMIT") || current.isWord("OFFSET") {
            if query.hasOrderOrLimit { query = SyntaxParser.wrap(.derived(query, alias: nil, query.range), query.range) }
            try parseOrderAndLimit(&query)
        }
        if !commonTables.isEmpty {
            if !query.commonTables.isEmpty { query = SyntaxParser.wrap(.derived(query, alias: nil, query.range), query.range) }
            query.commonTables = commonTables
        }
        query.range = start.range.through(previousRange)
        return query
    }

    /// `name[(a, b)] AS [[NOT] MATERIALIZED] (query)`.
    mutating func parseCommonTable() throws(SQLError) -> SyntaxCommonTable {
        let n = try name()
        let columns = try parseColumnAliases()
        try expectWord("AS")
        if try accept("NOT") { try expectWord("MATERIALIZED") } else { _ = try accept("MATERIALIZED") }
        try expect("(")
        guard startsQuery || current.isSymbol("(") else {
            throw syntax(expected: "a query (SELECT ...) for the common table expression \(n.text)")
        }
        let q = try parseQuery()
        try expect(")")
        return SyntaxCommonTable(name: n, columnAliases: columns, query: q)
    }

    /// UNION and EXCEPT, left to right; INTERSECT binds tighter (as in DuckDB).
    mutating func parseUnionLevel() throws(SQLError) -> SyntaxSelect {
        var left = try parseIntersectLevel()
        while current.isWord("UNION") || current.isWord("EXCEPT") {
            let opToken = current
            let op: SetOperator = current.isWord("UNION") ? .union : .except
            try advance()
            let all = try parseSetQuantifier()
            let right = try parseIntersectLevel()
            left = SyntaxParser.setOperation(op, all, left, right, opToken.range)
        }
        return left
    }

    mutating func parseIntersectLevel() throws(SQLError) -> SyntaxSelect {
        var left = try parseQueryTerm()
        while current.isWord("INTERSECT") {
            let opToken = current
            try advance()
            let all = try parseSetQuantifier()
            let right = try parseQueryTerm()
            left = SyntaxParser.setOperation(.intersect, all, left, right, opToken.range)
        }
        return left
    }

    /// `ALL` keeps duplicates; `DISTINCT` (the default) removes them. `BY NAME` is refused.
    mutating func parseSetQuantifier() throws(SQLError) -> Bool {
        let all = try accept("ALL")
        if !all { _ = try accept("DISTINCT") }
        if current.isWord("BY"), peek().isWord("NAME") {
            throw unsupported("UNION BY NAME", hint: "list the columns in the same order on both sides")
        }
        return all
    }

    /// A SELECT, or a whole query in parentheses.
    mutating func parseQueryTerm() throws(SQLError) -> SyntaxSelect {
        if current.isSymbol("(") {
            let open = current
            try advance()
            guard startsQuery || current.isSymbol("(") else { throw syntax(expected: "a query (SELECT ...)") }
            var q = try parseQuery()
            let close = try expect(")")
            q.range = open.range.through(close.range)
            return q
        }
        // `VALUES (a, b), ...` is a query of its own (a CTE's body, a side of UNION).
        if current.isWord("VALUES") { return try parseValues() }
        return try parseSelectCore()
    }

    static func setOperation(_ op: SetOperator, _ all: Bool, _ left: SyntaxSelect, _ right: SyntaxSelect,
                             _ opRange: SourceRange) -> SyntaxSelect {
        let range = left.range.through(right.range)
        return wrap(.setOperation(SyntaxSetOperation(op: op, all: all, left: left, right: right, operatorRange: opRange, range: range)), range)
    }

    /// `SELECT * FROM source`.
    static func wrap(_ source: SyntaxTableReference, _ range: SourceRange) -> SyntaxSelect {
        var s = SyntaxSelect(range: range)
        s.items = [.star(qualifier: nil, exclude: [], replace: [], range)]
        s.from = source
        return s
    }

    /// A table name or a derived table `(query)`, with its alias.
    mutating func parseTableReference() throws(SQLError) -> SyntaxTableReference {
        if current.isWord("LATERAL") {
            let start = current
            try advance()
            guard current.isSymbol("(") else { throw syntax(expected: "(SELECT ...) after LATERAL") }
            try advance()
            guard startsQuery else { throw syntax(expected: "a query (SELECT ...) after LATERAL (") }
            let q = try parseQuery()
            let close = try expect(")")
            var alias: SyntaxTable? = nil
            if let a = try parseTableAlias() { alias = SyntaxTable(name: a, alias: nil, columnAliases: try parseColumnAliases()) }
            return .lateral(q, alias: alias, start.range.through(close.range))
        }
        if current.isSymbol("("), peek().isWord("VALUES") {
            let open = current
            try advance()
            let rows = try parseValues()
            let close = try expect(")")
            var alias: SyntaxTable? = nil
            if let a = try parseTableAlias() { alias = SyntaxTable(name: a, alias: nil, columnAliases: try parseColumnAliases()) }
            return .derived(rows, alias: alias, open.range.through(close.range))
        }
        if current.isSymbol("(") {
            let open = current
            try advance()
            guard startsQuery || current.isSymbol("(") else {
                let what = current.upperWord.map { "(\($0) ...) in FROM" } ?? "this kind of table in FROM"
                throw unsupported(what, at: current.range, hint: "read usage, a WITH name, or (SELECT ...)")
            }
            let q = try parseQuery()
            let close = try expect(")")
            var alias: SyntaxTable? = nil
            if let a = try parseTableAlias() { alias = SyntaxTable(name: a, alias: nil, columnAliases: try parseColumnAliases()) }
            return .derived(q, alias: alias, open.range.through(close.range))
        }
        if isName, peek().isSymbol("(") {
            let nameToken = current
            let fname = try name()
            guard SyntaxTableFunction.names.contains(fname.normalized) else {
                throw unsupported("the table function \(fname.text)()", at: nameToken.range,
                                  hint: "generate_series(start, stop[, step]), range(...), read_csv(path) and read_parquet(path) are the table functions Tally has; or read usage, a WITH name, or (SELECT ...)")
            }
            try expect("(")
            var arguments: [SyntaxExpression] = []
            if !current.isSymbol(")") {
                repeat { arguments.append(try parseExpression()) } while try acceptSymbol(",")
            }
            let close = try expect(")")
            var alias: SyntaxTable? = nil
            if let a = try parseTableAlias() { alias = SyntaxTable(name: a, alias: nil, columnAliases: try parseColumnAliases()) }
            return .tableFunction(SyntaxTableFunction(name: fname.normalized, nameRange: nameToken.range, arguments: arguments,
                                                      alias: alias, range: nameToken.range.through(close.range)))
        }
        if case .string(let path) = current.kind {
            // `FROM 'teams.csv'`: DuckDB's replacement scan, a call of the reader the
            // extension names.
            let token = current
            guard let function = SyntaxTableFunction.replacementScan(path) else {
                throw unsupported("reading '\(path)' in FROM", at: token.range,
                                  hint: "a path ending in .csv, .tsv or .parquet is read as a table; otherwise call read_csv('path') or read_parquet('path')")
            }
            try advance()
            var alias: SyntaxTable? = nil
            if let a = try parseTableAlias() { alias = SyntaxTable(name: a, alias: nil, columnAliases: try parseColumnAliases()) }
            return .tableFunction(SyntaxTableFunction(name: function, nameRange: token.range, arguments: [.literal(.string(path), token.range)],
                                                      alias: alias, range: token.range, isReplacementScan: true))
        }
        var n = try name()
        // `main.usage` / `memory.main.usage`: schema-qualified names of the one table.
        while current.isSymbol(".") {
            try advance()
            n = try name()
        }
        var table = SyntaxTable(name: n, alias: try parseTableAlias())
        if table.alias != nil { table.columnAliases = try parseColumnAliases() }
        return .named(table)
    }

    /// `VALUES (a, b), (c, d)`: one SELECT of constants per row, as a UNION ALL (so the
    /// columns' types unify as a set operation's), named col0, col1, ... as DuckDB names them.
    mutating func parseValues() throws(SQLError) -> SyntaxSelect {
        let start = current
        try expectWord("VALUES")
        var rows: [SyntaxSelect] = []
        repeat {
            let open = try expect("(")
            var row = SyntaxSelect(range: open.range)
            var i = 0
            repeat {
                let e = try parseExpression()
                row.items.append(.expression(e, alias: SQLIdentifier(text: "col\(i)", isQuoted: true, range: e.range)))
                i += 1
            } while try acceptSymbol(",")
            let close = try expect(")")
            row.range = open.range.through(close.range)
            if let first = rows.first, first.items.count != row.items.count {
                throw SQLError(.invalidArgument, "VALUES lists must all be the same length", at: row.range,
                               hint: "the first row has \(first.items.count) values, this one \(row.items.count)")
            }
            rows.append(row)
        } while try acceptSymbol(",")
        var query = rows[0]
        for row in rows.dropFirst() {
            query = SyntaxParser.setOperation(.union, true, query, row, row.range)
        }
        query.range = start.range.through(previousRange)
        return query
    }

    /// `[AS] alias` after a table.
    mutating func parseTableAlias() throws(SQLError) -> SQLIdentifier? {
        if try accept("AS") { return try name() }
        if isName, !(current.upperWord.map(SyntaxParser.clauseWords.contains) ?? false) { return try name() }
        return nil
    }

    /// `(a, b)` after an alias or a WITH name.
    mutating func parseColumnAliases() throws(SQLError) -> [SQLIdentifier] {
        guard current.isSymbol("(") else { return [] }
        try advance()
        var names: [SQLIdentifier] = []
        repeat { names.append(try name()) } while try acceptSymbol(",")
        try expect(")")
        return names
    }
}

extension SyntaxSelect {
    /// Whether ORDER BY, LIMIT or OFFSET is already attached.
    var hasOrderOrLimit: Bool { !orderBy.isEmpty || orderByAll != nil || limit != nil || offset != nil }
}
