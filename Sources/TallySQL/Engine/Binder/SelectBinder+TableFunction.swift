/// FROM `generate_series(...)` / `range(...)`: DuckDB's series table functions, the usual
/// way to build a calendar to LEFT JOIN usage onto (gap filling).
extension SelectBinder {
    /// The series as a one-column relation named after the function (or the column alias).
    func bindTableFunction(_ f: SyntaxTableFunction) throws(SQLError) -> BoundFrom {
        if SyntaxTableFunction.fileFunctions.contains(f.name) { return try bindFileTable(f) }
        let binder = ExpressionBinder(sql: sql, scope: nil, zone: zone)
        binder.outerSources = outerSources
        binder.queryBinder = self
        var args: [BoundExpression] = []
        for a in f.arguments { args.append(try binder.bind(a, .other)) }
        let (start, stop, step, type) = try binder.seriesArguments(f.name, args, f.arguments, f.range)
        let node = SeriesNode(function: f.name, start: start, stop: stop, step: step, inclusive: f.name == "generate_series",
                              type: type, range: f.range)
        let relation = f.alias?.name.text ?? f.name
        let names = try RelationNames.make([f.name], aliases: f.alias?.columnAliases ?? [], relation: relation, at: f.range)
        let source = TableSource.relation(qualifier: f.alias?.name.normalized ?? f.name, names: names, types: [node.type])
        return BoundFrom(plan: .series(node), scope: BindingScope(source))
    }
}

extension ExpressionBinder {
    /// The typed (start, stop, step) of generate_series / range and the values' type.
    ///
    /// Integers: `(stop)`, `(start, stop)`, `(start, stop, step)`, BIGINT. Dates and
    /// timestamps: `(start, stop, interval)`, TIMESTAMP (a DATE is its midnight, as in
    /// DuckDB). In FROM the bounds may be constants or uncorrelated scalar subqueries.
    func seriesArguments(_ name: String, _ args: [BoundExpression], _ syntax: [SyntaxExpression], _ range: SourceRange)
        throws(SQLError) -> (BoundExpression, BoundExpression, BoundExpression, LogicalType) {
        let usage = "\(name)(stop), \(name)(start, stop[, step]) of integers, or \(name)(start, stop, INTERVAL ...) of dates and timestamps"
        guard (1...3).contains(args.count) else {
            throw SQLError(.invalidArgument, "\(name)() takes 1 to 3 arguments", at: range, hint: usage)
        }
        let temporal = args.contains { $0.type == .date || $0.type == .timestamp || $0.type == .interval }
        if temporal {
            guard args.count == 3 else {
                throw SQLError(.invalidArgument, "\(name)() of dates and timestamps needs a step: \(name)(start, stop, INTERVAL '1 day')",
                               at: range, hint: usage)
            }
            return (try coerce(args[0], to: .timestamp, at: syntax[0].range), try coerce(args[1], to: .timestamp, at: syntax[1].range),
                    try coerce(args[2], to: .interval, at: syntax[2].range), .timestamp)
        }
        var ints: [BoundExpression] = []
        for (i, a) in args.enumerated() {
            guard a.type.isInteger || a.type == .null || (a.type == .varchar && a.constantValue != nil) else {
                throw SQLError(.invalidArgument, "\(name)() takes integers, not \(a.type)", at: syntax[i].range, hint: usage)
            }
            ints.append(try coerce(a, to: .bigint, at: syntax[i].range))
        }
        let zero = BoundExpression.constant(.int(0), .bigint), one = BoundExpression.constant(.int(1), .bigint)
        if ints.count == 1 { return (zero, ints[0], one, .bigint) }
        return (ints[0], ints[1], ints.count == 3 ? ints[2] : one, .bigint)
    }
}
