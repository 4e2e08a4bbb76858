/// Function and aggregate calls.
extension ExpressionBinder {
    func bindCall(_ call: SyntaxCall, _ clause: Clause) throws(SQLError) -> BoundExpression {
        let name = call.name
        if call.over != nil { return try bindWindow(call, clause) }
        if AggregateCatalog.isAggregate(name) { return try bindAggregate(call, clause) }
        if name == "grouping" || name == "grouping_id" { return try bindGrouping(call) }
        if call.isDistinct || !call.orderBy.isEmpty || call.filter != nil {
            throw SQLError(.invalidArgument, "DISTINCT, ORDER BY and FILTER apply to aggregate functions, not to \(name)()", at: call.range)
        }
        if SQLKeywords.windowFunctions.contains(name.uppercased()) {
            throw SQLError(.invalidArgument, "\(name)() is a window function: it needs OVER (...)", at: call.range,
                           hint: "write \(name)(...) OVER (ORDER BY ...)")
        }
        var args: [BoundExpression] = []
        for a in call.arguments {
            if case .star = a { throw SQLError(.syntax, "* is only allowed in count(*)", at: a.range) }
            args.append(try bind(a, clause))
        }
        if let nested = try bindNestedCall(call, args) { return nested }
        switch name {
        case "now", "current_timestamp", "get_current_timestamp", "localtimestamp", "transaction_timestamp":
            guard args.isEmpty else { throw SQLError(.invalidArgument, "\(name)() takes no arguments", at: call.range) }
            return .constant(.timestamp(statementTime), .timestamp)
        case "current_date", "today":
            guard args.isEmpty else { throw SQLError(.invalidArgument, "\(name)() takes no arguments", at: call.range) }
            return .constant(.date(Int32(truncatingIfNeeded: TemporalText.floorDiv(statementTime, TemporalText.microsPerDay))), .date)
        case "current_setting":
            // Statements are bound in the session's zone; the other settings are the
            // shell's, read when a statement runs.
            guard args.count == 1, case .string(let setting)? = args[0].constantValue, setting.lowercased() == "timezone" else {
                throw SQLError(.unsupported, "current_setting() reads only 'TimeZone' in Tally's SQL", at: call.range,
                               hint: "current_setting('TimeZone')")
            }
            return .constant(.string(zone.name), .varchar)
        case "mod":
            guard call.arguments.count == 2 else { throw SQLError(.invalidArgument, "mod() takes 2 arguments", at: call.range) }
            return try bindArithmetic("%", args[0], args[1], call.arguments[0].range, call.arguments[1].range, call.range)
        case "divide":
            guard call.arguments.count == 2 else { throw SQLError(.invalidArgument, "divide() takes 2 arguments", at: call.range) }
            return try bindArithmetic("//", args[0], args[1], call.arguments[0].range, call.arguments[1].range, call.range)
        case "if", "iff":
            guard call.arguments.count == 3 else { throw SQLError(.invalidArgument, "\(name)() takes 3 arguments", at: call.range) }
            return try bindCase(nil, [(call.arguments[0], call.arguments[1])], call.arguments[2], call.range, clause)
        default:
            break
        }
        if let zoned = try bindZonedCall(name, args, call, bindResolved: { (a: [BoundExpression]) throws(SQLError) -> BoundExpression in
            try bindResolvedCall(name, a, call)
        }) {
            return zoned
        }
        return try bindResolvedCall(name, args, call)
    }

    /// A call of a scalar function of the catalog, its arguments bound.
    func bindResolvedCall(_ name: String, _ args: [BoundExpression], _ call: SyntaxCall) throws(SQLError) -> BoundExpression {
        let described = args.map { FunctionArgument(type: $0.type, constant: $0.constantValue) }
        guard let resolved = try FunctionCatalog.resolve(name, described, at: call.range) else {
            let all = FunctionCatalog.names + AggregateCatalog.names.sorted()
            let near = all.min { Levenshtein.distance($0, name) < Levenshtein.distance($1, name) }
            throw SQLError(.unsupported, "the function \(name)() is not supported by Tally's SQL yet", at: call.nameRange,
                           hint: near.map { Levenshtein.distance($0, name) <= 3 ? "did you mean \($0)()?" : "see the SQL reference (docs/sql.md) for the functions" })
        }
        var cast: [BoundExpression] = []
        for (i, a) in args.enumerated() {
            if let t = resolved.argumentTypes[i] {
                cast.append(try coerceArgument(a, to: t, name: name, at: call.arguments[i].range))
            } else {
                cast.append(a)
            }
        }
        let f = BoundFunction(name: name, returnType: resolved.returnType, canFail: resolved.canFail, kernel: resolved.kernel)
        return try foldChecked(.call(f, cast), call.range)
    }

    /// Function arguments convert more freely than operands: any value to text, numbers to
    /// numbers, text constants to anything.
    func coerceArgument(_ a: BoundExpression, to t: LogicalType, name: String, at r: SourceRange) throws(SQLError) -> BoundExpression {
        if a.type == t { return a }
        if a.type == .null { return .constant(.null, t) }
        if t == .varchar { return try cast(a, to: .varchar, at: r) }
        if a.constantValue != nil && a.type == .varchar { return try cast(a, to: t, at: r) }
        if a.type.isNumeric && t.isNumeric { return try cast(a, to: t, at: r) }
        if (a.type == .date && t == .timestamp) || (a.type == .timestamp && t == .date) { return try cast(a, to: t, at: r) }
        // A TIMESTAMP or DATE meets an instant as the session zone's wall time.
        if (a.type == .date || a.type == .timestamp) && t == .timestamptz { return try cast(a, to: t, at: r) }
        if a.type == .boolean && t.isNumeric { return try cast(a, to: t, at: r) }
        throw SQLError(.invalidArgument, "\(name)() does not take a \(a.type) here (it expects \(t))", at: r, hint: "add an explicit CAST")
    }

    func bindGrouping(_ call: SyntaxCall) throws(SQLError) -> BoundExpression {
        guard let g = grouping else {
            throw SQLError(.invalidArgument, "grouping() needs GROUP BY", at: call.range)
        }
        var positions: [Int] = []
        let saved = grouping
        grouping = nil
        defer { grouping = saved }
        for a in call.arguments {
            let base = try bind(a, .aggregateArgument)
            guard let k = g.keyIndex(base.identity) else {
                throw SQLError(.invalidArgument, "the arguments of grouping() must be GROUP BY keys", at: a.range)
            }
            positions.append(k)
        }
        let keyCount = g.keys.count
        guard g.hasGroupingSets else { return .constant(.int(0), .bigint) }
        let keyPositions = positions
        return .call(BoundFunction(name: "grouping", returnType: .bigint, canFail: false, kernel: RowKernel.make(.bigint) { v in
            guard case .int(let id) = v[0] else { return .null }
            var out: Int128 = 0
            for k in keyPositions { out = out * 2 + ((id >> Int128(keyCount - 1 - k)) & 1) }
            return .int(out)
        }), [.column(keyCount, .bigint, name: "grouping_id")])
    }

    func bindAggregate(_ call: SyntaxCall, _ clause: Clause) throws(SQLError) -> BoundExpression {
        guard let g = grouping else {
            throw SQLError(.misplacedAggregate, "aggregate functions are not allowed in \(clause.rawValue)", at: call.range,
                           hint: clause == .whereClause ? "filter on aggregates with HAVING" : nil)
        }
        let (aggregate, canonical) = try makeAggregate(call, forWindow: false)
        let column = g.aggregateColumn(aggregate, canonical: canonical)
        return .column(column, aggregate.returnType, name: aggregate.text)
    }

    /// The aggregate `call` computes. For a window aggregate the arguments bind in the
    /// query's own context (over the groups when it aggregates: `sum(sum(x)) OVER ()`).
    func makeAggregate(_ call: SyntaxCall, forWindow: Bool) throws(SQLError) -> (BoundAggregate, String) {
        let saved = grouping
        if !forWindow { grouping = nil }
        defer { grouping = saved }
        let argumentClause: Clause = forWindow ? .select : .aggregateArgument
        var name = call.name
        var argsSyntax = call.arguments
        if name == "count" && (argsSyntax.isEmpty || { if case .star = argsSyntax[0] { return true }; return false }()) {
            name = "count_star"
            argsSyntax = []
        }
        if name == "count_star", call.isDistinct { throw SQLError(.invalidArgument, "count(DISTINCT *) is not valid", at: call.range) }
        // arg_max(x, (a, b)) / arg_min: the row value is a key compared field by field, as
        // DuckDB compares structs (a NULL field after every value), so the aggregate is x
        // of the first row in that order.
        var rowKey: [BoundSortKey]? = nil
        if !forWindow, argMinMaxNames.contains(name), argsSyntax.count == 2, case .call(let row) = argsSyntax[1], row.name == "row" {
            let descending = name.contains("max")
            var keys: [BoundSortKey] = []
            for field in row.arguments {
                if SyntaxInspector.containsAggregate(field) {
                    throw SQLError(.misplacedAggregate, "aggregate functions cannot be nested", at: field.range,
                                   hint: "compute the inner aggregate in its own query")
                }
                keys.append(BoundSortKey(expression: try bind(field, argumentClause), descending: descending, nullsFirst: descending))
            }
            rowKey = keys
            argsSyntax.removeLast()
        }
        var args: [BoundExpression] = []
        for a in argsSyntax {
            if !forWindow, SyntaxInspector.containsAggregate(a) {
                throw SQLError(.misplacedAggregate, "aggregate functions cannot be nested", at: a.range,
                               hint: "compute the inner aggregate in its own query")
            }
            if case .star = a { throw SQLError(.syntax, "* is only allowed in count(*)", at: a.range) }
            args.append(try bind(a, argumentClause))
        }
        var filter: BoundExpression? = nil
        if let f = call.filter { filter = try coerce(try bind(f, argumentClause), to: .boolean, at: f.range) }
        if rowKey != nil, let x = args.first {
            // DuckDB's arg_max/arg_min skip rows whose value is NULL.
            let present = BoundExpression.call(BoundFunction(name: "IS NOT NULL", returnType: .boolean, canFail: false,
                                                             kernel: NullTests.kernel(negated: true), filterForm: .nullTest(negated: true)), [x])
            filter = filter.map { .conjunction(isAnd: true, [$0, present]) } ?? present
        }
        var order: [BoundSortKey] = rowKey ?? []
        for o in call.orderBy {
            order.append(BoundSortKey(expression: try bind(o.expression, .aggregateArgument), descending: o.descending,
                                      nullsFirst: o.nullsFirst ?? false))
        }
        func arity(_ n: ClosedRange<Int>) throws(SQLError) {
            guard n.contains(args.count) else {
                throw SQLError(.invalidArgument, "\(call.name)() takes \(n.lowerBound == n.upperBound ? "\(n.lowerBound)" : "\(n.lowerBound) to \(n.upperBound)") argument\(n.upperBound == 1 ? "" : "s")", at: call.range,
                               hint: call.name == "count" ? "write count(*) to count rows" : nil)
            }
        }
        func numericArgument() throws(SQLError) {
            if args[0].type == .varchar, args[0].constantValue != nil { args[0] = try cast(args[0], to: .double, at: call.range) }
            guard args[0].type.isNumeric || args[0].type == .null || args[0].type == .boolean else {
                throw SQLError(.invalidArgument, "\(call.name)() needs a number, not \(args[0].type)", at: argsSyntax[0].range,
                               hint: "CAST it to a number")
            }
            if args[0].type == .null { args[0] = .constant(.null, .integer) }
        }
        let kind: AggregateKind
        switch name {
        case "count_star": kind = .countStar
        case "count": try arity(1...1); kind = .count
        case "approx_count_distinct": try arity(1...1); kind = .approxCountDistinct
        case "sum", "fsum", "sumkahan", "kahan_sum":
            try arity(1...1); try numericArgument()
            if name != "sum" { args[0] = try cast(args[0], to: .double, at: call.range) }
            kind = .sum
        case "avg", "mean": try arity(1...1); try numericArgument(); kind = .avg
        case "product": try arity(1...1); try numericArgument(); kind = .product
        case "min": try arity(1...1); kind = .min
        case "max": try arity(1...1); kind = .max
        case "any_value", "arbitrary": try arity(1...1); kind = .anyValue
        case "first": try arity(1...1); kind = .first
        case "last": try arity(1...1); kind = .last
        case "mode": try arity(1...1); kind = .mode
        case "median":
            try arity(1...1)
            if args[0].type == .varchar { kind = .quantileDisc([0.5], list: false) } else { try numericOrTemporal(&args, call); kind = .median }
        case "quantile_cont", "quantile_disc", "quantile", "percentile_cont", "percentile_disc":
            try arity(2...2)
            let (fractions, list) = try quantileFractions(argsSyntax[1], args[1])
            args.removeLast()
            if name == "quantile_cont" || name == "percentile_cont" {
                try numericOrTemporal(&args, call)
                kind = .quantileCont(fractions, list: list)
            } else {
                kind = .quantileDisc(fractions, list: list)
            }
        case "stddev", "stddev_samp": try arity(1...1); try numericArgument(); kind = .stddevSamp
        case "stddev_pop": try arity(1...1); try numericArgument(); kind = .stddevPop
        case "variance", "var_samp": try arity(1...1); try numericArgument(); kind = .varSamp
        case "var_pop": try arity(1...1); try numericArgument(); kind = .varPop
        case _ where rowKey != nil: try arity(1...1); kind = .first
        case "arg_min", "argmin", "min_by": try arity(2...2); kind = .argMin
        case "arg_max", "argmax", "max_by": try arity(2...2); kind = .argMax
        case "bool_and", "every":
            try arity(1...1); args[0] = try coerce(args[0], to: .boolean, at: argsSyntax[0].range); kind = .boolAnd
        case "bool_or":
            try arity(1...1); args[0] = try coerce(args[0], to: .boolean, at: argsSyntax[0].range); kind = .boolOr
        case "string_agg", "group_concat", "listagg":
            try arity(1...2)
            var separator = ","
            if args.count == 2 {
                guard case .string(let s)? = args[1].constantValue else {
                    throw SQLError(.invalidArgument, "the separator of \(call.name) must be a constant string", at: argsSyntax[1].range)
                }
                separator = s
                args.removeLast()
            }
            args[0] = try cast(args[0], to: .varchar, at: argsSyntax[0].range)
            kind = .stringAgg(separator: separator)
        case "list", "array_agg":
            try arity(1...1)
            kind = .list
        default:
            throw SQLError(.unsupported, "the aggregate \(call.name)() is not supported by Tally's SQL yet", at: call.nameRange)
        }
        let returnType = kind.returnType(args.map(\.type))
        let text = self.text(call.range)
        let aggregate = BoundAggregate(kind: kind, arguments: args, distinct: call.isDistinct && kind != .approxCountDistinct,
                                       filter: filter, orderBy: order, returnType: returnType, text: text)
        let canonical = "\(kind)|\(call.isDistinct)|" + args.map(\.identity).joined(separator: ",") + "|" + (filter?.identity ?? "")
            + "|" + order.map { "\($0.expression.identity) \($0.descending) \($0.nullsFirst)" }.joined(separator: ",")
        return (aggregate, canonical)
    }

    /// arg_min's and arg_max's names, which take a row value as their key.
    var argMinMaxNames: Set<String> { ["arg_min", "argmin", "min_by", "arg_max", "argmax", "max_by"] }

    func numericOrTemporal(_ args: inout [BoundExpression], _ call: SyntaxCall) throws(SQLError) {
        let t = args[0].type
        if t.isNumeric || t == .date || t == .timestamp || t == .timestamptz || t == .null { return }
        throw SQLError(.invalidArgument, "\(call.name)() needs a number, date or timestamp, not \(t)", at: call.range)
    }

    /// The fraction argument: a number, or a list written as a string-free `[a, b]` is not
    /// parsed, so lists come as several calls; one constant here.
    func quantileFractions(_ syntax: SyntaxExpression, _ bound: BoundExpression) throws(SQLError) -> ([Double], Bool) {
        guard let v = bound.constantValue else {
            throw SQLError(.invalidArgument, "the quantile fraction must be a constant", at: syntax.range)
        }
        if case .list = bound.type { return (try AggregateCatalog.fractions(v, bound.type, at: syntax.range), true) }
        return (try AggregateCatalog.fractions(v, bound.type, at: syntax.range), false)
    }
}
