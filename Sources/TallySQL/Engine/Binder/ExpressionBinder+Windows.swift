/// Window calls: `fn(...) OVER (PARTITION BY ... ORDER BY ... frame)`.
extension ExpressionBinder {
    /// Binds a window call into a column after the window node's input (a placeholder the
    /// SELECT binder renumbers once the input's width is known).
    func bindWindow(_ call: SyntaxCall, _ clause: Clause) throws(SQLError) -> BoundExpression {
        guard let context = windows, clause == .select || clause == .orderBy || clause == .qualify else {
            let inside = clause == .window ? "another window function" : clause.rawValue
            throw SQLError(.misplacedAggregate, "window functions are not allowed in \(inside)", at: call.range,
                           hint: clause == .whereClause ? "filter on window functions with QUALIFY" : "compute the window in a subquery")
        }
        let window = try resolveNamed(call.over!, context)
        let saved = windows
        windows = nil
        defer { windows = saved }
        var partition: [BoundExpression] = []
        for e in window.partitionBy { partition.append(try bind(e, .window)) }
        var order: [BoundSortKey] = []
        for o in window.orderBy {
            order.append(BoundSortKey(expression: try bind(o.expression, .window), descending: o.descending, nullsFirst: o.nullsFirst ?? false))
        }
        let (kind, args, type, filter) = try windowFunction(call)
        var frame = WindowFrame.standard
        if let f = window.frame { frame = try bindFrame(f, order, window) }
        let text = self.text(call.range)
        var f = BoundWindowFunction(kind: kind, arguments: args, partitionBy: partition, orderBy: order, frame: frame,
                                    returnType: type, text: text)
        f.callText = self.text(call.over?.callRange ?? call.range)
        f.filter = filter
        let key = "\(kind)|" + args.map(\.identity).joined(separator: ",") + "|" + partition.map(\.identity).joined(separator: ",")
            + "|" + order.map { "\($0.expression.identity) \($0.descending) \($0.nullsFirst)" }.joined(separator: ",") + "|" + frame.text
            + "|" + (filter?.identity ?? "")
        return .column(context.column(f, canonical: key), type, name: text)
    }

    /// `OVER w` or `OVER (w ORDER BY ...)`: the named window, completed by what is written.
    func resolveNamed(_ w: SyntaxWindow, _ context: WindowContext) throws(SQLError) -> SyntaxWindow {
        guard let base = w.baseName else { return w }
        guard var out = context.named[base.normalized] else {
            throw SQLError(.invalidArgument, "no window named \(base.text) in this query", at: base.range,
                           hint: "define it with WINDOW \(base.text) AS (...) after HAVING")
        }
        if !w.partitionBy.isEmpty {
            throw SQLError(.invalidArgument, "a window built on \(base.text) cannot add PARTITION BY", at: w.range)
        }
        if !w.orderBy.isEmpty {
            guard out.orderBy.isEmpty else {
                throw SQLError(.invalidArgument, "a window built on \(base.text) cannot override its ORDER BY", at: w.range)
            }
            out.orderBy = w.orderBy
        }
        if let f = w.frame { out.frame = f }
        out.range = w.range
        return out
    }

    /// The function's kind, its bound arguments and its result type.
    func windowFunction(_ call: SyntaxCall) throws(SQLError) -> (WindowFunctionKind, [BoundExpression], LogicalType, BoundExpression?) {
        let name = call.name
        if AggregateCatalog.isAggregate(name) {
            if call.isDistinct || !call.orderBy.isEmpty {
                throw SQLError(.unsupported, "DISTINCT and ORDER BY in window aggregates are not supported by Tally's SQL yet", at: call.range)
            }
            var plain = call
            plain.over = nil
            let (a, _) = try makeAggregate(plain, forWindow: true)
            switch a.kind {
            case .countStar, .count, .sum, .avg, .min, .max: break
            default:
                throw SQLError(.unsupported, "\(name)() as a window function is not supported by Tally's SQL yet", at: call.nameRange,
                               hint: "window aggregates: count, sum, avg, min, max")
            }
            return (.aggregate(a.kind), a.arguments, a.returnType, a.filter)
        }
        if call.isDistinct || !call.orderBy.isEmpty || call.filter != nil {
            throw SQLError(.invalidArgument, "DISTINCT, ORDER BY and FILTER apply to aggregate functions, not to \(name)()", at: call.range)
        }
        var args: [BoundExpression] = []
        for a in call.arguments {
            if case .star = a { throw SQLError(.syntax, "* is only allowed in count(*)", at: a.range) }
            args.append(try bind(a, .window))
        }
        func arity(_ n: ClosedRange<Int>) throws(SQLError) {
            guard n.contains(args.count) else {
                throw SQLError(.invalidArgument, "\(name)() takes \(n.lowerBound == n.upperBound ? "\(n.lowerBound)" : "\(n.lowerBound) to \(n.upperBound)") argument\(n.upperBound == 1 ? "" : "s")", at: call.range)
            }
        }
        func integer(_ i: Int) throws(SQLError) {
            guard args[i].type.isInteger || args[i].type == .null || (args[i].type.isNumeric && args[i].constantValue != nil) else {
                throw SQLError(.invalidArgument, "\(name)() needs a whole number here, not \(args[i].type)", at: call.arguments[i].range)
            }
            args[i] = try cast(args[i], to: .bigint, at: call.arguments[i].range)
        }
        func valueType() -> LogicalType { args[0].type == .null ? .integer : args[0].type }
        switch name {
        case "row_number": try arity(0...0); return (.rowNumber, [], .bigint, nil)
        case "rank": try arity(0...0); return (.rank, [], .bigint, nil)
        case "dense_rank": try arity(0...0); return (.denseRank, [], .bigint, nil)
        case "percent_rank": try arity(0...0); return (.percentRank, [], .double, nil)
        case "cume_dist": try arity(0...0); return (.cumeDist, [], .double, nil)
        case "ntile": try arity(1...1); try integer(0); return (.ntile, args, .bigint, nil)
        case "lag", "lead":
            try arity(1...3)
            if args[0].type == .null { args[0] = .constant(.null, .integer) }
            if args.count < 2 { args.append(.constant(.int(1), .bigint)) } else { try integer(1) }
            if args.count < 3 { args.append(.constant(.null, args[0].type)) } else {
                args[2] = try coerceArgument(args[2], to: args[0].type, name: name, at: call.arguments[2].range)
            }
            return (name == "lag" ? .lag : .lead, args, args[0].type, nil)
        case "first_value", "last_value":
            try arity(1...1)
            return (name == "first_value" ? .firstValue : .lastValue, args, valueType(), nil)
        case "nth_value":
            try arity(2...2); try integer(1)
            return (.nthValue, args, valueType(), nil)
        default:
            throw SQLError(.unsupported, "\(name)() as a window function is not supported by Tally's SQL yet", at: call.nameRange,
                           hint: "window functions: row_number, rank, dense_rank, percent_rank, cume_dist, ntile, lag, lead, first_value, last_value, nth_value, count, sum, avg, min, max")
        }
    }

    /// A frame's bounds: constant offsets, 0 or more (ROWS: rows; RANGE: the order key's units).
    func bindFrame(_ f: SyntaxFrame, _ order: [BoundSortKey], _ w: SyntaxWindow) throws(SQLError) -> WindowFrame {
        if f.isRange, hasOffset(f.start) || hasOffset(f.end) {
            guard order.count == 1 else {
                throw SQLError(.invalidArgument, "a RANGE frame with an offset needs exactly one ORDER BY key", at: f.range)
            }
            let t = order[0].expression.type
            guard t.isNumeric || t == .date || t == .timestamp else {
                throw SQLError(.unsupported, "RANGE frames with offsets over \(t) are not supported by Tally's SQL yet", at: f.range,
                               hint: "order by a number, a date or a timestamp, or use ROWS")
            }
        }
        func bound(_ b: SyntaxFrameBound) throws(SQLError) -> WindowFrameBound {
            switch b {
            case .unboundedPreceding: return .unboundedPreceding
            case .unboundedFollowing: return .unboundedFollowing
            case .currentRow: return .currentRow
            case .preceding(let e): return .preceding(try offset(e))
            case .following(let e): return .following(try offset(e))
            }
        }
        func offset(_ e: SyntaxExpression) throws(SQLError) -> ScalarValue {
            let b = try bind(e, .window)
            let keyType = order.first?.expression.type
            if f.isRange, keyType == .date || keyType == .timestamp {
                // Over dates and timestamps the offset is an INTERVAL of days and time, kept in
                // the key's units (days for DATE, microseconds for TIMESTAMP).
                guard case .interval(let i)? = b.constantValue else {
                    throw SQLError(.invalidArgument, "a RANGE offset over a \(keyType!) must be a constant INTERVAL", at: e.range,
                                   hint: "write INTERVAL '7 days' PRECEDING")
                }
                guard i.months == 0 else {
                    throw SQLError(.unsupported, "RANGE offsets in months or years are not supported by Tally's SQL yet", at: e.range,
                                   hint: "write the offset in days")
                }
                let micros = Double(i.days) * 86_400_000_000 + Double(i.micros)
                guard micros >= 0 else { throw SQLError(.outOfRange, "a frame offset must be 0 or more", at: e.range) }
                return .double(keyType == .date ? micros / 86_400_000_000 : micros)
            }
            guard let v = b.constantValue, let d = v.asDouble(b.type) else {
                throw SQLError(.invalidArgument, "a frame offset must be a constant number", at: e.range)
            }
            guard d >= 0 else { throw SQLError(.outOfRange, "a frame offset must be 0 or more", at: e.range) }
            if !f.isRange {
                guard d == d.rounded(), d < 9e18 else {
                    throw SQLError(.invalidArgument, "a ROWS frame offset must be a whole number of rows", at: e.range)
                }
                return .int(Int128(d))
            }
            return .double(d)
        }
        let start = try bound(f.start), end = try bound(f.end)
        if case .unboundedFollowing = start { throw SQLError(.invalidArgument, "a frame cannot start at UNBOUNDED FOLLOWING", at: f.range) }
        if case .unboundedPreceding = end { throw SQLError(.invalidArgument, "a frame cannot end at UNBOUNDED PRECEDING", at: f.range) }
        // As DuckDB: the end may not be of an earlier kind than the start.
        switch (start, end) {
        case (.currentRow, .preceding):
            throw SQLError(.invalidArgument, "a frame starting at the current row cannot end at a preceding row", at: f.range)
        case (.following, .preceding), (.following, .currentRow):
            throw SQLError(.invalidArgument, "a frame starting at a following row cannot end at a preceding row or the current row", at: f.range)
        default: break
        }
        return WindowFrame(isRange: f.isRange, start: start, end: end)
    }

    func hasOffset(_ b: SyntaxFrameBound) -> Bool {
        switch b {
        case .preceding, .following: return true
        default: return false
        }
    }
}
