/// DuckDB's PIVOT and UNPIVOT statements, rewritten into plain queries:
///
/// - `UNPIVOT src ON c1, c2 INTO NAME n VALUE v` is one `SELECT * EXCLUDE (c1, c2), 'c1' AS n,
///   c1 AS v FROM src` per column, stacked with UNION ALL (the values' types unify as the
///   union's), without the rows whose value is NULL (as DuckDB without INCLUDE NULLS).
/// - `PIVOT src ON col IN (a, b) USING agg(x) [GROUP BY g]` is `SELECT g, agg(x) FILTER (WHERE
///   col = a) AS "a", ... FROM src GROUP BY g` (without GROUP BY, every column not in ON or
///   USING groups, as DuckDB). Without `IN (...)` the columns would come from the data,
///   which a statement is bound without: refused with that hint.
///
/// Both take ORDER BY and LIMIT after them.
extension SyntaxParser {
    mutating func parseUnpivot() throws(SQLError) -> SyntaxSelect {
        let start = current
        try expectWord("UNPIVOT")
        let source = try parseTableReference()
        try expectWord("ON")
        var columns: [SQLIdentifier] = []
        repeat { columns.append(try name()) } while try acceptSymbol(",")
        try expectWord("INTO")
        try expectWord("NAME")
        let nameColumn = try name()
        try expectWord("VALUE")
        let valueColumn = try name()
        if current.isWord("INCLUDE") || current.isWord("EXCLUDE") {
            throw unsupported("UNPIVOT \(current.upperWord!) NULLS", hint: "filter the NULL values outside instead")
        }
        let range = start.range.through(previousRange)
        var union: SyntaxSelect? = nil
        for c in columns {
            var term = SyntaxSelect(range: range)
            term.items = [.star(qualifier: nil, exclude: columns, replace: [], range),
                          .expression(.literal(.string(c.text), c.range), alias: nameColumn),
                          .expression(.column(qualifier: nil, name: c), alias: valueColumn)]
            term.from = source
            union = union.map { SyntaxParser.setOperation(.union, true, $0, term, range) } ?? term
        }
        var query = SyntaxParser.wrap(.derived(union!, alias: nil, range), range)
        query.whereClause = .isNull(.column(qualifier: nil, name: valueColumn), negated: true, range)
        try parseOrderAndLimit(&query)
        query.range = start.range.through(previousRange)
        return query
    }

    mutating func parsePivot() throws(SQLError) -> SyntaxSelect {
        let start = current
        try expectWord("PIVOT")
        let source = try parseTableReference()
        try expectWord("ON")
        let on = try parseExpression()
        guard case .inList(let column, let values, false, _) = on else {
            throw unsupported("PIVOT without IN (...)", at: on.range,
                              hint: "list the values that become columns: PIVOT usage ON unit IN ('input_tokens', 'output_tokens') USING sum(quantity)")
        }
        try expectWord("USING")
        var aggregates: [(SyntaxCall, SQLIdentifier?)] = []
        repeat {
            let e = try parseExpression()
            guard case .call(let call) = e, call.filter == nil else {
                throw syntax(expected: "an aggregate call (sum(x), count(*), ...) after USING")
            }
            let alias = try accept("AS") ? try name() : nil
            aggregates.append((call, alias))
        } while try acceptSymbol(",")
        var groups: [SyntaxExpression] = []
        if try accept("GROUP") {
            try expectWord("BY")
            repeat { groups.append(try parseExpression()) } while try acceptSymbol(",")
        }
        let range = start.range.through(previousRange)
        var query = SyntaxSelect(range: range)
        query.items = groups.map { .expression($0, alias: nil) }
        if groups.isEmpty {
            // As DuckDB: every column not in ON or USING is a group key.
            var used: [SQLIdentifier] = []
            func collect(_ e: SyntaxExpression) {
                if case .column(_, let n) = e, !used.contains(where: { $0.normalized == n.normalized }) { used.append(n) }
                if case .call(let c) = e { c.arguments.forEach(collect) }
                e.children.forEach(collect)
            }
            collect(column)
            for (call, _) in aggregates { collect(.call(call)) }
            query.items = [.star(qualifier: nil, exclude: used, replace: [], range)]
            query.groupByAll = true
        }
        for v in values {
            let label: String
            switch v {
            case .literal(.string(let s), _), .literal(.number(let s), _): label = s
            default: throw unsupported("PIVOT values other than constants", at: v.range)
            }
            for (call, alias) in aggregates {
                var filtered = call
                filtered.filter = .binary("=", column, v, v.range)
                let name = aggregates.count == 1 ? label : label + "_" + (alias?.text ?? call.name)
                query.items.append(.expression(.call(filtered), alias: SQLIdentifier(text: name, isQuoted: true, range: v.range)))
            }
        }
        query.from = source
        query.groupBy = groups.map { .expression($0) }
        try parseOrderAndLimit(&query)
        query.range = start.range.through(previousRange)
        return query
    }
}
