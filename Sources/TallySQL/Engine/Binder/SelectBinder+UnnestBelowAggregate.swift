/// `SELECT unnest(list) AS k, count(*) FROM t GROUP BY k`: DuckDB unnests each row of t
/// before grouping. The binder rewrites such a query so the unnest runs in a derived table
/// below the aggregate: `SELECT __unnest_0 AS k, count(*) FROM (SELECT *, unnest(list) AS
/// __unnest_0 FROM t WHERE ...) t GROUP BY k`. Only over one table (the derived table keeps
/// its name, so `t.col` still reads it); an unnest of an aggregate is left to be refused.
extension SelectBinder {
    func unnestBelowAggregate(_ s: SyntaxSelect) -> SyntaxSelect? {
        var positions: [(index: Int, call: SyntaxCall, alias: SQLIdentifier?)] = []
        for (i, item) in s.items.enumerated() {
            if case .expression(.call(let c), let alias) = item, c.name == "unnest", c.over == nil, c.arguments.count == 1,
               !SyntaxInspector.containsAggregate(c.arguments[0]) {
                positions.append((i, c, alias))
            }
        }
        guard !positions.isEmpty else { return nil }
        let aggregates = s.groupByAll || !s.groupBy.isEmpty || s.having != nil || s.items.contains { item in
            if case .expression(let e, _) = item { return SyntaxInspector.containsAggregate(e) }
            return false
        }
        guard aggregates, let from = s.from else { return nil }
        let name: SQLIdentifier
        switch from {
        case .named(let t) where t.columnAliases.isEmpty: name = t.alias ?? t.name
        case .derived(_, let alias?, _) where alias.columnAliases.isEmpty: name = alias.name
        default: return nil
        }
        let text = ExpressionBinder(sql: sql, scope: nil, zone: zone)
        var inner = SyntaxSelect(range: s.range)
        inner.items = [.star(qualifier: nil, exclude: [], replace: [], s.range)]
        inner.from = from
        inner.whereClause = s.whereClause
        var outer = s
        outer.whereClause = nil
        for (k, p) in positions.enumerated() {
            let column = SQLIdentifier(text: "__unnest_\(k)", isQuoted: true, range: p.call.range)
            inner.items.append(.expression(.call(p.call), alias: column))
            let shown = p.alias ?? SQLIdentifier(text: text.text(p.call.range), isQuoted: true, range: p.call.range)
            outer.items[p.index] = .expression(.column(qualifier: nil, name: column), alias: shown)
        }
        outer.from = .derived(inner, alias: SyntaxTable(name: name, alias: nil, columnAliases: []), from.range)
        return outer
    }
}
