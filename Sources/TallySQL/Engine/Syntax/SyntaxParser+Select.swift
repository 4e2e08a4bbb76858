/// SELECT and its clauses.
extension SyntaxParser {
    /// One SELECT (or DuckDB's FROM-first form) without ORDER BY / LIMIT, which belong to
    /// the whole query (`parseQuery`).
    mutating func parseSelectCore() throws(SQLError) -> SyntaxSelect {
        let start = current
        var s = SyntaxSelect(range: start.range)
        if current.isWord("FROM") {
            // DuckDB's FROM-first form: `FROM usage [SELECT ...]`.
            try advance()
            s.from = try parseFromList()
            if !current.isWord("SELECT") {
                s.items = [.star(qualifier: nil, exclude: [], replace: [], start.range)]
                try parseFilters(&s)
                s.range = start.range.through(previousRange)
                return s
            }
        }
        try expectWord("SELECT")
        if try accept("DISTINCT") {
            s.distinct = true
            if try accept("ON") {
                try expect("(")
                var on: [SyntaxExpression] = []
                repeat { on.append(try parseExpression()) } while try acceptSymbol(",")
                try expect(")")
                s.distinctOn = on
                s.distinct = false
            }
        } else {
            _ = try accept("ALL")
        }
        repeat {
            s.items.append(try parseSelectItem())
        } while try acceptSymbol(",") && !current.isWord("FROM") && !current.isEnd
        if try accept("FROM") {
            guard s.from == nil else { throw syntax(expected: "one FROM") }
            s.from = try parseFromList()
        }
        try parseFilters(&s)
        s.range = start.range.through(previousRange)
        return s
    }

    /// `ref {, ref | [INNER|LEFT|RIGHT|FULL [OUTER]|CROSS] JOIN ref [ON c | USING (cols)]}`,
    /// left to right.
    mutating func parseFromList() throws(SQLError) -> SyntaxTableReference {
        var left = try parseTableReference()
        while true {
            let keyword = current
            var kind: JoinKind
            if current.isSymbol(",") {
                try advance()
                let right = try parseTableReference()
                left = .join(SyntaxJoin(kind: .cross, left: left, right: right, condition: .none, keywordRange: keyword.range,
                                        range: left.range.through(right.range)))
                continue
            }
            if current.isWord("NATURAL") || current.isWord("ASOF") || current.isWord("POSITIONAL") || current.isWord("ANTI")
                || current.isWord("SEMI") || current.isWord("LATERAL") {
                throw unsupported("\(current.upperWord!) joins", plural: true, hint: "write the join with ON or USING")
            }
            if try accept("JOIN") { kind = .inner }
            else if current.isWord("INNER") { try advance(); try expectWord("JOIN"); kind = .inner }
            else if current.isWord("CROSS") { try advance(); try expectWord("JOIN"); kind = .cross }
            else if current.isWord("LEFT") || current.isWord("RIGHT") || current.isWord("FULL") {
                kind = current.isWord("LEFT") ? .left : (current.isWord("RIGHT") ? .right : .full)
                try advance()
                if current.isWord("ANTI") || current.isWord("SEMI") {
                    throw unsupported("\(current.upperWord!) joins", plural: true, hint: "use [NOT] EXISTS or [NOT] IN (SELECT ...)")
                }
                _ = try accept("OUTER")
                try expectWord("JOIN")
            } else {
                return left
            }
            let right = try parseTableReference()
            var condition = SyntaxJoinCondition.none
            if kind != .cross {
                if try accept("ON") {
                    condition = .on(try parseExpression())
                } else if try accept("USING") {
                    try expect("(")
                    var names: [SQLIdentifier] = []
                    repeat { names.append(try name()) } while try acceptSymbol(",")
                    try expect(")")
                    condition = .using(names)
                } else {
                    throw syntax(expected: "ON or USING after the joined table")
                }
            }
            left = .join(SyntaxJoin(kind: kind, left: left, right: right, condition: condition, keywordRange: keyword.range,
                                    range: left.range.through(previousRange)))
        }
    }

    /// WHERE, GROUP BY, HAVING and QUALIFY of one SELECT.
    mutating func parseFilters(_ s: inout SyntaxSelect) throws(SQLError) {
        if try accept("WHERE") { s.whereClause = try parseExpression() }
        if try accept("GROUP") {
            try expectWord("BY")
            if try accept("ALL") {
                s.groupByAll = true
            } else {
                repeat { s.groupBy.append(try parseGroupElement()) } while try acceptSymbol(",")
            }
        }
        if try accept("HAVING") { s.having = try parseExpression() }
        if try accept("WINDOW") { s.windows = try parseWindowClause() }
        if try accept("QUALIFY") { s.qualify = try parseExpression() }
    }

    /// ORDER BY, LIMIT and OFFSET of a whole query.
    mutating func parseOrderAndLimit(_ s: inout SyntaxSelect) throws(SQLError) {
        if try accept("ORDER") {
            try expectWord("BY")
            if current.isWord("ALL") {
                try advance()
                var item = SyntaxOrderItem(expression: .literal(.null, previousRange), descending: false, nullsFirst: nil)
                try parseOrderModifiers(&item)
                s.orderByAll = item
            } else {
                repeat { s.orderBy.append(try parseOrderItem()) } while try acceptSymbol(",")
            }
        }
        while current.isWord("LIMIT") || current.isWord("OFFSET") {
            if try accept("LIMIT") {
                s.limit = try parseExpression()
                if try acceptSymbol("%") { s.limitPercent = true }
            } else {
                try advance()
                s.offset = try parseExpression()
                if try !accept("ROWS") { _ = try accept("ROW") }
            }
        }
    }

    mutating func parseGroupElement() throws(SQLError) -> SyntaxGroupElement {
        if current.isWord("ROLLUP") || current.isWord("CUBE"), peek().isSymbol("(") {
            let isRollup = current.isWord("ROLLUP")
            try advance()
            try advance()
            var list: [SyntaxExpression] = []
            repeat { list.append(try parseExpression()) } while try acceptSymbol(",")
            try expect(")")
            return isRollup ? .rollup(list) : .cube(list)
        }
        if current.isWord("GROUPING"), peek().isWord("SETS") {
            try advance()
            try advance()
            try expect("(")
            var sets: [[SyntaxExpression]] = []
            repeat {
                if try acceptSymbol("(") {
                    var set: [SyntaxExpression] = []
                    if !current.isSymbol(")") {
                        repeat { set.append(try parseExpression()) } while try acceptSymbol(",")
                    }
                    try expect(")")
                    sets.append(set)
                } else {
                    sets.append([try parseExpression()])
                }
            } while try acceptSymbol(",")
            try expect(")")
            return .groupingSets(sets)
        }
        if current.isSymbol("("), peek().isSymbol(")") {
            try advance()
            try advance()
            return .empty
        }
        return .expression(try parseExpression())
    }

    mutating func parseOrderItem() throws(SQLError) -> SyntaxOrderItem {
        var item = SyntaxOrderItem(expression: try parseExpression(), descending: false, nullsFirst: nil)
        try parseOrderModifiers(&item)
        return item
    }

    mutating func parseOrderModifiers(_ item: inout SyntaxOrderItem) throws(SQLError) {
        if try accept("DESC") { item.descending = true } else { _ = try accept("ASC") }
        if try accept("NULLS") {
            if try accept("FIRST") { item.nullsFirst = true } else if try accept("LAST") { item.nullsFirst = false } else {
                throw syntax(expected: "FIRST or LAST after NULLS")
            }
        }
    }

    mutating func parseSelectItem() throws(SQLError) -> SyntaxSelectItem {
        let t = current
        var qualifier: String? = nil
        if isName, peek().isSymbol("."), peek(2).isSymbol("*") {
            qualifier = try name().normalized
            try advance()
        }
        if current.isSymbol("*") {
            let star = current
            try advance()
            var exclude: [SQLIdentifier] = []
            var replace: [(SyntaxExpression, SQLIdentifier)] = []
            if try accept("EXCLUDE") {
                if try acceptSymbol("(") {
                    repeat { exclude.append(try name()) } while try acceptSymbol(",")
                    try expect(")")
                } else {
                    exclude.append(try name())
                }
            }
            if try accept("REPLACE") {
                try expect("(")
                repeat {
                    let e = try parseExpression()
                    try expectWord("AS")
                    replace.append((e, try name()))
                } while try acceptSymbol(",")
                try expect(")")
            }
            return .star(qualifier: qualifier, exclude: exclude, replace: replace, t.range.through(star.range))
        }
        let e = try parseExpression()
        var alias: SQLIdentifier? = nil
        if try accept("AS") {
            alias = try name()
        } else if isName, !(current.upperWord.map(SyntaxParser.clauseWords.contains) ?? false) {
            alias = try name()
        } else if case .string(let text) = current.kind {
            // DuckDB accepts a string literal as an alias.
            alias = SQLIdentifier(text: text, isQuoted: true, range: current.range)
            try advance()
        }
        return .expression(e, alias: alias)
    }
}
