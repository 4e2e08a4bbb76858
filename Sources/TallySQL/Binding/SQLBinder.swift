import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing

/// Turns a parsed ``SQLStatement`` into an ``SQLPreparedQuery``: engine filters, group keys
/// and aggregates, plus the small amount of work the engine cannot do (expressions over
/// aggregates, HAVING, ORDER BY on them, OFFSET).
///
/// Anything that cannot be answered exactly fails with an ``SQLError`` pointing at the
/// construct, never with a silently different answer.
package struct SQLBinder {
    private let statement: SQLStatement
    private var keys: [SQLGroupTerm] = []
    private var slots: [SQLAggregateSlot] = []

    private init(_ statement: SQLStatement) {
        self.statement = statement
    }

    /// Parses and binds one statement.
    package static func prepare(_ sql: String) throws(SQLError) -> SQLPreparedQuery {
        try bind(SQLParser.parse(sql))
    }

    /// Binds a parsed statement.
    package static func bind(_ statement: SQLStatement) throws(SQLError) -> SQLPreparedQuery {
        var binder = SQLBinder(statement)
        return try binder.run()
    }

    // MARK: - Statement

    private mutating func run() throws(SQLError) -> SQLPreparedQuery {
        let table = statement.from.name
        guard table.normalized == "usage" else {
            throw SQLError(.unsupported, "unknown table \(table.text)", at: table.range, hint: "the only table is usage")
        }
        guard statement.isAggregate else {
            throw SQLError(
                .unsupported, "queries without aggregates are not supported", at: statement.selectItems[0].range,
                hint: "add GROUP BY, or an aggregate such as count(*)")
        }
        let (filters, domains) = try bindWhere(statement.whereClause)
        for key in statement.groupBy {
            let term = try groupTerm(of: key)
            if !keys.contains(term) { keys.append(term) }
        }
        var outputs: [SQLBoundExpression] = []
        var columns: [ResultColumn] = []
        for item in statement.selectItems {
            let (e, t) = try bindGroup(item.expression, aliases: false)
            outputs.append(e)
            columns.append(ResultColumn(name: item.outputName, type: t))
        }
        var having: SQLBoundExpression?
        if let h = statement.having {
            let (e, t) = try bindGroup(h, aliases: true)
            try Self.requireBoolean(t, at: h.range, clause: "HAVING")
            having = e
        }
        var order: [SQLPreparedQuery.OrderSpec] = []
        for item in statement.orderBy {
            let target: SQLPreparedQuery.OrderSpec.Target
            switch item.key {
            case .position(let p, _):
                target = .output(p - 1)
            case .expression(let e):
                if case .column(let id) = e, let i = statement.selectItems.firstIndex(where: { $0.alias?.normalized == id.normalized }) {
                    target = .output(i)
                } else if let i = statement.selectItems.firstIndex(where: { Self.sameExpression($0.expression, e) }) {
                    target = .output(i)
                } else {
                    target = .expression(try bindGroup(e, aliases: true).0)
                }
            }
            order.append(.init(target: target, descending: item.isDescending, nullsFirst: item.nullsFirst ?? false))
        }
        return SQLPreparedQuery(
            filters: filters, domainFilters: domains, keys: keys, slots: slots, outputs: outputs, columns: columns,
            having: having, order: order, limit: statement.limit?.value, offset: statement.offset?.value ?? 0)
    }

    private static func requireBoolean(_ t: ResultType, at range: SourceRange, clause: String) throws(SQLError) {
        guard t == .boolean || t == .null else {
            throw SQLError(.unsupported, "\(clause) needs a condition, not a value of type \(t.rawValue)", at: range)
        }
    }

    /// Whether two expressions are the same apart from where they were written.
    static func sameExpression(_ a: SQLExpression, _ b: SQLExpression) -> Bool {
        a.description.lowercased() == b.description.lowercased()
    }

    // MARK: - GROUP BY

    private func groupTerm(of key: SQLKey) throws(SQLError) -> SQLGroupTerm {
        switch key {
        case .position(let p, let r):
            let item = statement.selectItems[p - 1]
            if item.expression.containsAggregate {
                throw SQLError(.misplacedAggregate, "GROUP BY \(p) refers to an aggregate", at: r)
            }
            return try groupTerm(of: item.expression)
        case .expression(let e):
            if case .column(let id) = e, SQLSchemaColumn(name: id.normalized) == nil,
               let item = statement.selectItems.first(where: { $0.alias?.normalized == id.normalized }) {
                if item.expression.containsAggregate {
                    throw SQLError(.misplacedAggregate, "GROUP BY \(id.text) refers to an aggregate", at: id.range)
                }
                return try groupTerm(of: item.expression)
            }
            return try groupTerm(of: e)
        }
    }

    private func groupTerm(of e: SQLExpression) throws(SQLError) -> SQLGroupTerm {
        switch e {
        case .column(let id):
            switch try column(id) {
            case .dimension(let d): return .dimension(d)
            case .date: return .date
            case .ts:
                throw SQLError(.unsupported, "grouping by ts is not supported", at: id.range,
                               hint: "group by date_trunc('hour', ts) or date")
            case .quantity, .cost:
                throw SQLError(.unsupported, "grouping by \(id.text) is not supported", at: id.range,
                               hint: "group by a text or integer column, date, or date_trunc(..., ts)")
            }
        case .dateTrunc(let unit, let arg, let r):
            guard case .column(let id) = arg, let c = SQLSchemaColumn(name: id.normalized), c == .ts || (c == .date && unit != .hour) else {
                throw SQLError(.unsupported, "date_trunc is supported on ts (and on date for day, week, month)", at: arg.range)
            }
            _ = r
            if c == .date && unit == .day { return .bucket(.day) }
            switch unit {
            case .hour: return .bucket(.hour)
            case .day: return .bucket(.day)
            case .week: return .bucket(.week)
            case .month: return .bucket(.month)
            }
        default:
            throw SQLError(.unsupported, "GROUP BY supports columns, date_trunc(..., ts), aliases and positions", at: e.range)
        }
    }

    private func column(_ id: SQLIdentifier) throws(SQLError) -> SQLSchemaColumn {
        guard let c = SQLSchemaColumn(name: id.normalized) else {
            throw SQLError(.unsupported, "unknown column \(id.text)", at: id.range,
                           hint: "the columns are " + SQLSchemaColumn.schemaOrder.map(\.name).joined(separator: ", "))
        }
        return c
    }

    // MARK: - Expressions over groups

    /// Binds an expression evaluated once per group: columns must be group keys, aggregates
    /// become engine slots. With `aliases`, a name that is no group column may be a select alias.
    private mutating func bindGroup(_ e: SQLExpression, aliases: Bool) throws(SQLError) -> (SQLBoundExpression, ResultType) {
        let term: SQLGroupTerm?
        switch e {
        case .column(let id):
            if aliases, let item = statement.selectItems.first(where: { $0.alias?.normalized == id.normalized }),
               SQLSchemaColumn(name: id.normalized).map({ c in !keys.contains { Self.term($0, is: c) } }) ?? true {
                return try bindGroup(item.expression, aliases: false)
            }
            let c = try column(id)
            guard let i = keys.firstIndex(where: { Self.term($0, is: c) }) else {
                throw SQLError(.unsupported, "column \(id.text) must appear in GROUP BY or be used in an aggregate", at: id.range,
                               hint: "add it to GROUP BY, or wrap it in an aggregate such as min(\(id.text))")
            }
            return (.slot(i), keys[i].type)
        case .dateTrunc:
            term = try groupTerm(of: e)
            guard let t = term, let i = keys.firstIndex(of: t) else {
                throw SQLError(.unsupported, "\(e.description) must appear in GROUP BY", at: e.range)
            }
            return (.slot(i), keys[i].type)
        case .aggregate(let call):
            let slot = try aggregateSlot(call)
            let index: Int
            if let i = slots.firstIndex(of: slot) { index = i } else { slots.append(slot); index = slots.count - 1 }
            return (.slot(SQLPreparedQuery.slotBase + index), slot.type)
        default:
            return try Self.bindGeneric(e) { (x) throws(SQLError) in try bindGroup(x, aliases: aliases) }
        }
    }

    static func term(_ t: SQLGroupTerm, is c: SQLSchemaColumn) -> Bool {
        switch (t, c) {
        case (.dimension(let a), .dimension(let b)): return a == b
        case (.date, .date): return true
        default: return false
        }
    }

    private func aggregateSlot(_ call: SQLAggregateCall) throws(SQLError) -> SQLAggregateSlot {
        guard let arg = call.argument else { return SQLAggregateSlot(.count) }
        guard case .column(let id) = arg else {
            throw SQLError(.unsupported, "aggregates of expressions are not supported", at: arg.range,
                           hint: "aggregate a column, e.g. sum(cost_usd), and compute outside: sum(cost_usd) / count(*)")
        }
        let c = try column(id)
        let fn = call.function.rawValue
        if call.function == .count {
            if call.isDistinct {
                guard case .dimension(let d) = c else {
                    throw SQLError(.unsupported, "count(DISTINCT \(id.text)) is not supported", at: call.range,
                                   hint: "count distinct values of a text or integer column")
                }
                return SQLAggregateSlot(.countDistinct(d))
            }
            var slot = SQLAggregateSlot(.count)
            if c.isNullable, case .dimension(let d) = c { slot.extraFilter = .isNotNull(d) }
            return slot
        }
        guard let m = c.measure else {
            throw SQLError(.unsupported, "\(fn)(\(id.text)) is not supported", at: call.range,
                           hint: "\(fn) takes quantity, cost_usd or duration_ms")
        }
        switch call.function {
        case .sum: return SQLAggregateSlot(.sum(m))
        case .min: return SQLAggregateSlot(.min(m))
        case .max: return SQLAggregateSlot(.max(m))
        case .avg: return SQLAggregateSlot(.avg(m))
        case .median, .quantileCont:
            return SQLAggregateSlot(.quantile(m, call.function == .median ? 0.5 : (call.fraction?.doubleValue ?? 0.5)))
        case .count:
            fatalError("handled above")
        }
    }

    // MARK: - Generic expressions

    /// Binds operators and literals; `sub` binds the operands (in the caller's scope).
    private static func bindGeneric(
        _ e: SQLExpression, _ sub: (SQLExpression) throws(SQLError) -> (SQLBoundExpression, ResultType)
    ) throws(SQLError) -> (SQLBoundExpression, ResultType) {
        switch e {
        case .literal(let lit, let r):
            return try Self.literal(lit, at: r)
        case .unary(.negate, let x, let r):
            let (b, t) = try sub(x)
            guard t.isNumeric || t == .null else { throw SQLError(.unsupported, "cannot negate a value of type \(t.rawValue)", at: r) }
            return (.negate(b, type: t, at: r), t)
        case .unary(.not, let x, let r):
            let (b, t) = try sub(x)
            try Self.requireBoolean(t, at: r, clause: "NOT")
            return (.not(b), .boolean)
        case .binary(let op, let l, let rhs, let r):
            let (lb, lt) = try sub(l)
            let (rb, rt) = try sub(rhs)
            if op.isArithmetic {
                guard (lt.isNumeric || lt == .null) && (rt.isNumeric || rt == .null) else {
                    throw SQLError(.unsupported, "\(op.rawValue) needs numbers, not \(lt.rawValue) and \(rt.rawValue)", at: r)
                }
                let type = SQLBoundExpression.arithmeticType(op, lt, rt)
                return (.arithmetic(op, lb, rb, type: type, at: r), type)
            }
            if op == .and || op == .or {
                try Self.requireBoolean(lt, at: l.range, clause: op.rawValue)
                try Self.requireBoolean(rt, at: rhs.range, clause: op.rawValue)
                return (op == .and ? .and(lb, rb) : .or(lb, rb), .boolean)
            }
            let (cl, cr) = try Self.comparable((lb, lt, l.range), (rb, rt, rhs.range))
            return (.compare(op, cl, cr), .boolean)
        case .inList(let x, let list, let negated, _):
            let (xb, xt) = try sub(x)
            var items: [SQLBoundExpression] = []
            for item in list {
                let (ib, it) = try sub(item)
                items.append(try Self.comparable((xb, xt, x.range), (ib, it, item.range)).1)
            }
            return (.inList(xb, items, negated: negated), .boolean)
        case .between(let x, let low, let high, let negated, _):
            let (xb, xt) = try sub(x)
            let (lb, lt) = try sub(low)
            let (hb, ht) = try sub(high)
            let lo = try Self.comparable((xb, xt, x.range), (lb, lt, low.range)).1
            let hi = try Self.comparable((xb, xt, x.range), (hb, ht, high.range)).1
            return (.between(xb, lo, hi, negated: negated), .boolean)
        case .like(let x, let pattern, let negated, let r):
            let (xb, xt) = try sub(x)
            guard xt == .varchar || xt == .null else { throw SQLError(.unsupported, "LIKE needs a text column, not \(xt.rawValue)", at: r) }
            return (.like(xb, pattern.text, negated: negated), .boolean)
        case .isNull(let x, let negated, _):
            let (xb, _) = try sub(x)
            return (.isNull(xb, negated: negated), .boolean)
        case .column, .aggregate, .dateTrunc:
            return try sub(e)
        }
    }

    static func literal(_ lit: SQLLiteral, at r: SourceRange) throws(SQLError) -> (SQLBoundExpression, ResultType) {
        switch lit {
        case .number(let n):
            if n.isInteger, let v = n.int64Value { return (.constant(.int(Int128(v))), .bigint) }
            if let nanos = n.scaledInteger(scale: 9) { return (.constant(.money(Int128(nanos))), .money) }
            return (.constant(.double(n.doubleValue)), .double)
        case .string(let s): return (.constant(.string(s)), .varchar)
        case .date(let d): return (.constant(.date(d)), .date)
        case .timestamp(let ms): return (.constant(.timestamp(ms)), .timestamp)
        case .boolean(let b): return (.constant(.bool(b)), .boolean)
        case .null: return (.constant(.null), .null)
        }
    }

    /// Checks that two operands can be compared, turning a string constant into a date or
    /// timestamp (or an integer) when the other side is one, as DuckDB casts them.
    static func comparable(
        _ a: (SQLBoundExpression, ResultType, SourceRange), _ b: (SQLBoundExpression, ResultType, SourceRange)
    ) throws(SQLError) -> (SQLBoundExpression, SQLBoundExpression) {
        let x = try coerce(a.0, a.1, to: b.1, at: a.2)
        let y = try coerce(b.0, b.1, to: a.1, at: b.2)
        let tx = x.1, ty = y.1
        let ok = tx == .null || ty == .null || tx == ty || (tx.isNumeric && ty.isNumeric)
            || ([.date, .timestamp] as Set).isSuperset(of: [tx, ty])
        guard ok else {
            throw SQLError(.unsupported, "cannot compare \(tx.rawValue) with \(ty.rawValue)", at: a.2.through(b.2))
        }
        return (x.0, y.0)
    }

    static func coerce(_ e: SQLBoundExpression, _ t: ResultType, to target: ResultType, at r: SourceRange) throws(SQLError) -> (SQLBoundExpression, ResultType) {
        guard case .constant(.string(let s)) = e, t == .varchar else { return (e, t) }
        switch target {
        case .date, .timestamp:
            let token = SQLToken(kind: .string(s), range: r, text: "'\(s)'")
            if target == .date, s.utf8.count == 10 {
                return (.constant(.date(try SQLStatementParser.dayNumber(s, at: token))), .date)
            }
            return (.constant(.timestamp(try SQLStatementParser.timestampMilliseconds(s, at: token))), .timestamp)
        case .bigint, .hugeint:
            guard let v = Int64(s) else { throw SQLError(.invalidLiteral, "'\(s)' is not an integer", at: r) }
            return (.constant(.int(Int128(v))), .bigint)
        default:
            return (e, t)
        }
    }

    // MARK: - WHERE

    /// Splits the WHERE condition into engine filters and conditions on one dimension that
    /// are answered by listing the dimension's values first.
    private mutating func bindWhere(_ condition: SQLExpression?) throws(SQLError) -> ([RowFilter], [SQLPreparedQuery.DomainFilter]) {
        guard let condition else { return ([], []) }
        var conjuncts: [SQLExpression] = []
        func flatten(_ e: SQLExpression) {
            if case .binary(.and, let l, let r, _) = e { flatten(l); flatten(r) } else { conjuncts.append(e) }
        }
        flatten(condition)
        var filters: [RowFilter] = []
        var domains: [SQLPreparedQuery.DomainFilter] = []
        for c in conjuncts {
            if let direct = try directFilters(c) {
                filters += direct
                continue
            }
            var names: [SQLIdentifier] = []
            Self.collectColumns(c, into: &names)
            let distinct = Set(try names.map { (id) throws(SQLError) in try column(id) })
            if distinct.isEmpty {
                let (b, t) = try Self.bindScalar(c, column: nil)
                try Self.requireBoolean(t, at: c.range, clause: "WHERE")
                if try b.evaluate([]) != .bool(true) { filters.append(Self.nothing) }
                continue
            }
            guard distinct.count == 1, case .dimension(let d) = distinct.first! else {
                if distinct.count > 1 {
                    throw SQLError(.unsupported, "conditions that combine several columns with OR or NOT are not supported", at: c.range,
                                   hint: "combine conditions with AND, or run one query per alternative")
                }
                throw SQLError(.unsupported, "this condition on \(distinct.first!.name) is not supported", at: c.range,
                               hint: "use =, <, <=, >, >=, BETWEEN with a literal (date, timestamp or number)")
            }
            // Such a condition is answered by listing the column's distinct values, which
            // the engine cannot do for duration_ms (64-bit, not a group key): say so here
            // rather than let the listing fail with a message about grouping.
            if d == .durationMs {
                throw SQLError(.unsupported, "this condition on duration_ms is not supported: WHERE takes only =, IN, IS NULL and IS NOT NULL on duration_ms (no ranges such as <, >, BETWEEN or <>)",
                               at: c.range, hint: "filter on duration_ms with = or IN (exact values), IS NULL or IS NOT NULL")
            }
            let domainColumn = SQLSchemaColumn.dimension(d)
            let (b, t) = try Self.bindScalar(c, column: domainColumn)
            try Self.requireBoolean(t, at: c.range, clause: "WHERE")
            domains.append(.init(dimension: d, predicate: b, range: c.range))
        }
        return (filters, domains)
    }

    /// Binds a row-level condition whose only column (if any) is `column`, read from slot 0.
    static func bindScalar(_ e: SQLExpression, column: SQLSchemaColumn?) throws(SQLError) -> (SQLBoundExpression, ResultType) {
        switch e {
        case .column:
            guard let column else { throw SQLError(.unsupported, "unexpected column in WHERE", at: e.range) }
            return (.slot(0), column.type)
        case .aggregate, .dateTrunc:
            throw SQLError(.unsupported, "\(e.description) is not supported in WHERE", at: e.range)
        default:
            return try bindGeneric(e) { (x) throws(SQLError) in try bindScalar(x, column: column) }
        }
    }

    /// A filter no row passes.
    static let nothing = RowFilter.oneOf(.projectId, [])

    static func collectColumns(_ e: SQLExpression, into out: inout [SQLIdentifier]) {
        if case .column(let id) = e { out.append(id) }
        for child in e.children { collectColumns(child, into: &out) }
    }

    /// The engine filters for a condition the engine expresses directly, or nil.
    private func directFilters(_ e: SQLExpression) throws(SQLError) -> [RowFilter]? {
        switch e {
        case .literal(.boolean(let b), _):
            return b ? [] : [Self.nothing]
        case .binary(let op, let l, let r, _) where op.isComparison:
            if case .column(let id) = l, case .literal(let lit, let lr) = r {
                return try comparison(column(id), op, lit, at: lr, whole: e.range)
            }
            if case .literal(let lit, let lr) = l, case .column(let id) = r {
                return try comparison(column(id), Self.flipped(op), lit, at: lr, whole: e.range)
            }
            return nil
        case .inList(.column(let id), let list, false, _):
            let c = try column(id)
            guard case .dimension(let d) = c else { return nil }
            var values: [FilterValue] = []
            for item in list {
                guard case .literal(let lit, let r) = item else { return nil }
                if lit == .null { continue }
                values.append(try filterValue(d, lit, at: r))
            }
            return [.oneOf(d, values)]
        case .between(.column(let id), let low, let high, false, _):
            let c = try column(id)
            guard case .literal(let lo, let lr) = low, case .literal(let hi, let hr) = high else { return nil }
            if case .dimension = c { return nil }
            return try comparison(c, .greaterOrEqual, lo, at: lr, whole: e.range)! + comparison(c, .lessOrEqual, hi, at: hr, whole: e.range)!
        case .like(.column(let id), let pattern, false, let r):
            let c = try column(id)
            guard case .dimension(let d) = c, d.isString else {
                throw SQLError(.unsupported, "LIKE needs a text column", at: r)
            }
            guard let prefix = pattern.prefix else { return nil }
            return [.prefix(d, prefix)]
        case .isNull(.column(let id), let negated, _):
            let c = try column(id)
            guard case .dimension(let d) = c, c.isNullable else { return negated ? [] : [Self.nothing] }
            return [negated ? .isNotNull(d) : .isNull(d)]
        default:
            return nil
        }
    }

    static func flipped(_ op: SQLBinaryOperator) -> SQLBinaryOperator {
        switch op {
        case .less: return .greater
        case .lessOrEqual: return .greaterOrEqual
        case .greater: return .less
        case .greaterOrEqual: return .lessOrEqual
        default: return op
        }
    }

    private func filterValue(_ d: UsageDimension, _ lit: SQLLiteral, at r: SourceRange) throws(SQLError) -> FilterValue {
        switch (lit, d.isString) {
        case (.string(let s), true): return .string(s)
        case (.number(let n), false):
            guard let v = n.int64Value else { throw SQLError(.invalidLiteral, "\(d.name) holds integers, not \(n)", at: r) }
            return .int(v)
        case (.string(let s), false):
            guard let v = Int64(s) else { throw SQLError(.invalidLiteral, "'\(s)' is not an integer", at: r) }
            return .int(v)
        default:
            throw SQLError(.unsupported, "cannot compare \(d.name) (\(d.isString ? "text" : "integer")) with \(lit.sqlText)", at: r)
        }
    }

    /// `column op literal` as engine filters; nil when the engine needs the value listing.
    private func comparison(_ c: SQLSchemaColumn, _ op: SQLBinaryOperator, _ lit: SQLLiteral, at r: SourceRange, whole: SourceRange) throws(SQLError) -> [RowFilter]? {
        if lit == .null { return [Self.nothing] }
        switch c {
        case .dimension(let d):
            guard op == .equal else { return nil }
            return [.oneOf(d, [try filterValue(d, lit, at: r)])]
        case .ts, .date:
            let ms: Int64
            switch lit {
            case .timestamp(let v): ms = v
            case .date(let d): ms = Int64(d) * 86_400_000
            case .string(let s):
                let token = SQLToken(kind: .string(s), range: r, text: "'\(s)'")
                ms = try SQLStatementParser.timestampMilliseconds(s, at: token)
            default:
                throw SQLError(.unsupported, "compare \(c.name) with a DATE, TIMESTAMP or 'YYYY-MM-DD' string", at: r)
            }
            guard op != .notEqual else {
                throw SQLError(.unsupported, "<> on \(c.name) is not supported", at: whole, hint: "use < and > ranges")
            }
            if c == .ts {
                switch op {
                case .equal: return [.ts(ms...ms)]
                case .less: return ms == .min ? [Self.nothing] : [.ts(Int64.min...(ms - 1))]
                case .lessOrEqual: return [.ts(Int64.min...ms)]
                case .greater: return ms == .max ? [Self.nothing] : [.ts((ms + 1)...Int64.max)]
                default: return [.ts(ms...Int64.max)]
                }
            }
            let day = 86_400_000 as Int64
            let floorDay = Int32(ms >= 0 ? ms / day : -((-ms + day - 1) / day))
            let ceilDay = floorDay + (Int64(floorDay) * day == ms ? 0 : 1)
            switch op {
            case .equal: return Int64(floorDay) * day == ms ? [.date(floorDay...floorDay)] : [Self.nothing]
            case .less: return [.date(Int32.min...(ceilDay - 1))]
            case .lessOrEqual: return [.date(Int32.min...floorDay)]
            case .greater: return [.date((floorDay + 1)...Int32.max)]
            default: return [.date(ceilDay...Int32.max)]
            }
        case .quantity:
            guard case .number(let n) = lit else { throw SQLError(.unsupported, "compare quantity with a number", at: r) }
            let v = n.doubleValue
            switch op {
            case .equal: return [.quantity(v...v)]
            case .less: return [.quantity(-Double.infinity...v.nextDown)]
            case .lessOrEqual: return [.quantity(-Double.infinity...v)]
            case .greater: return [.quantity(v.nextUp...Double.infinity)]
            case .greaterOrEqual: return [.quantity(v...Double.infinity)]
            default: throw SQLError(.unsupported, "<> on quantity is not supported", at: whole, hint: "use < and > ranges")
            }
        case .cost:
            guard case .number(let n) = lit else { throw SQLError(.unsupported, "compare cost_usd with a number", at: r) }
            guard let v = n.scaledInteger(scale: 9) else {
                throw SQLError(.invalidLiteral, "cost_usd has 9 decimal places; \(n) has more or is too large", at: r)
            }
            switch op {
            case .equal: return [.cost(v...v)]
            case .less: return v == .min ? [Self.nothing] : [.cost(Int64.min...(v - 1))]
            case .lessOrEqual: return [.cost(Int64.min...v)]
            case .greater: return v == .max ? [Self.nothing] : [.cost((v + 1)...Int64.max)]
            case .greaterOrEqual: return [.cost(v...Int64.max)]
            default: throw SQLError(.unsupported, "<> on cost_usd is not supported", at: whole, hint: "use < and > ranges")
            }
        }
    }
}
