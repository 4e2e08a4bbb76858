/// FROM `generate_series(...)` / `range(...)`: DuckDB's series table functions, the usual
/// way to build a calendar to LEFT JOIN usage onto (gap filling).
extension SelectBinder {
    /// The series as a one-column relation named after the function (or the column alias).
    ///
    /// Integers: `(stop)`, `(start, stop)`, `(start, stop, step)`, BIGINT. Dates and
    /// timestamps: `(start, stop, interval)`, TIMESTAMP (a DATE is its midnight, as in
    /// DuckDB). The bounds may be constants or uncorrelated scalar subqueries.
    func bindTableFunction(_ f: SyntaxTableFunction) throws(SQLError) -> BoundFrom {
        let binder = ExpressionBinder(sql: sql, scope: nil)
        binder.outerSources = outerSources
        binder.queryBinder = self
        var args: [BoundExpression] = []
        for a in f.arguments { args.append(try binder.bind(a, .other)) }
        let usage = "\(f.name)(stop), \(f.name)(start, stop[, step]) of integers, or \(f.name)(start, stop, INTERVAL ...) of dates and timestamps"
        guard (1...3).contains(args.count) else {
            throw SQLError(.invalidArgument, "\(f.name)() takes 1 to 3 arguments", at: f.range, hint: usage)
        }
        let temporal = args.contains { $0.type == .date || $0.type == .timestamp || $0.type == .interval }
        let node: SeriesNode
        let inclusive = f.name == "generate_series"
        if temporal {
            guard args.count == 3 else {
                throw SQLError(.invalidArgument, "\(f.name)() of dates and timestamps needs a step: \(f.name)(start, stop, INTERVAL '1 day')",
                               at: f.range, hint: usage)
            }
            let start = try binder.coerce(args[0], to: .timestamp, at: f.arguments[0].range)
            let stop = try binder.coerce(args[1], to: .timestamp, at: f.arguments[1].range)
            let step = try binder.coerce(args[2], to: .interval, at: f.arguments[2].range)
            node = SeriesNode(function: f.name, start: start, stop: stop, step: step, inclusive: inclusive, type: .timestamp, range: f.range)
        } else {
            var ints: [BoundExpression] = []
            for (i, a) in args.enumerated() {
                guard a.type.isInteger || a.type == .null || (a.type == .varchar && a.constantValue != nil) else {
                    throw SQLError(.invalidArgument, "\(f.name)() takes integers, not \(a.type)", at: f.arguments[i].range, hint: usage)
                }
                ints.append(try binder.coerce(a, to: .bigint, at: f.arguments[i].range))
            }
            let zero = BoundExpression.constant(.int(0), .bigint), one = BoundExpression.constant(.int(1), .bigint)
            let (start, stop, step) = ints.count == 1 ? (zero, ints[0], one) : (ints[0], ints[1], ints.count == 3 ? ints[2] : one)
            node = SeriesNode(function: f.name, start: start, stop: stop, step: step, inclusive: inclusive, type: .bigint, range: f.range)
        }
        let relation = f.alias?.name.text ?? f.name
        let names = try RelationNames.make([f.name], aliases: f.alias?.columnAliases ?? [], relation: relation, at: f.range)
        let source = TableSource.relation(qualifier: f.alias?.name.normalized ?? f.name, names: names, types: [node.type])
        return BoundFrom(plan: .series(node), scope: BindingScope(source))
    }
}
