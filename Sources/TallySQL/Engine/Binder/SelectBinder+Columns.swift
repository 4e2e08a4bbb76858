import Foundation

/// DuckDB's `COLUMNS(...)` star expression in a select item: the item repeats once per
/// matching column of FROM (in FROM's order), with the column in COLUMNS' place (`max(COLUMNS(['quantity',
/// 'duration_ms']))` is `max(quantity), max(duration_ms)`). COLUMNS takes a list of names,
/// a regular expression matched against the names (`COLUMNS('.*_id')`), or `*`. It may be
/// the whole item or an argument of the item's call.
extension SelectBinder {
    /// The items `e` stands for, or nil when it holds no COLUMNS(...).
    func expandColumns(_ e: SyntaxExpression, alias: SQLIdentifier?, scope: BindingScope?, binder: ExpressionBinder) throws(SQLError)
        -> [(SyntaxExpression, String, SQLIdentifier?)]? {
        func columnsCall(_ x: SyntaxExpression) -> SyntaxCall? {
            if case .call(let c) = x, c.name == "columns", c.over == nil { return c }
            return nil
        }
        var outer: SyntaxCall? = nil
        var position = 0
        let target: SyntaxCall
        if let c = columnsCall(e) {
            target = c
        } else if case .call(let c) = e, let i = c.arguments.firstIndex(where: { columnsCall($0) != nil }) {
            outer = c
            position = i
            target = columnsCall(c.arguments[i])!
        } else {
            return nil
        }
        guard let scope else { throw SQLError(.invalidArgument, "COLUMNS(...) needs FROM", at: target.range) }
        guard target.arguments.count == 1 else {
            throw SQLError(.invalidArgument, "COLUMNS() takes one argument: a list of names, a regular expression or *", at: target.range)
        }
        let available = scope.sources.flatMap { s in s.visibleColumns.map(\.column.name) }
        var chosen: [String] = []
        switch target.arguments[0] {
        case .star:
            chosen = available
        case .literal(.string(let pattern), let r):
            guard let regex = try? NSRegularExpression(pattern: pattern) else {
                throw SQLError(.invalidArgument, "invalid regular expression in COLUMNS()", at: r)
            }
            chosen = available.filter { regex.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil }
        case .call(let list) where list.name == "list_value":
            var wanted = Set<String>()
            for item in list.arguments {
                guard case .literal(.string(let n), let r) = item else {
                    throw SQLError(.invalidArgument, "COLUMNS([...]) lists column names as strings", at: item.range)
                }
                guard available.contains(where: { $0.lowercased() == n.lowercased() }) else {
                    throw SQLError(.invalidArgument, "COLUMNS() names the unknown column \(n)", at: r)
                }
                wanted.insert(n.lowercased())
            }
            // In FROM's column order, as DuckDB.
            chosen = available.filter { wanted.contains($0.lowercased()) }
        default:
            throw SQLError(.unsupported, "this COLUMNS() argument is not supported by Tally's SQL yet", at: target.arguments[0].range,
                           hint: "give a list of names, a regular expression or *")
        }
        if alias != nil, chosen.count > 1 {
            throw SQLError(.invalidArgument, "COLUMNS(...) of several columns cannot take one alias", at: alias!.range)
        }
        return chosen.map { n in
            let column = SyntaxExpression.column(qualifier: nil, name: SQLIdentifier(text: n, isQuoted: true, range: target.range))
            guard var call = outer else { return (column, alias?.text ?? n, alias) }
            call.arguments[position] = column
            let written = binder.text(call.range)
            let inner = binder.text(target.range)
            let name = alias?.text ?? written.replacingOccurrences(of: inner, with: n)
            return (.call(call), name, alias)
        }
    }
}
