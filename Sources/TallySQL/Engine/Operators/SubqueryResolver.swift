/// Runs the uncorrelated subqueries of a plan's expressions once, before the plan, and
/// folds each into what the expression needs: a constant (scalar subquery, EXISTS) or a
/// hashed value set (IN). The plan that runs then has no subqueries left.
extension PlanExecutor {
    /// `plan` (this query level: not the inside of relations and set operations, which
    /// `run` resolves when it reaches them) with its subqueries folded.
    func resolvingSubqueries(_ plan: LogicalPlan) throws -> LogicalPlan {
        switch plan {
        case .values, .table, .storeAggregate, .relation, .setOperation:
            return plan
        case .series(var n):
            (n.start, n.stop, n.step) = (try resolve(n.start), try resolve(n.stop), try resolve(n.step))
            return .series(n)
        case .scan(var scan):
            if scan.dictionaryFilters.contains(where: { $0.predicate.containsSubquery }) {
                scan.dictionaryFilters = try scan.dictionaryFilters.map { (column: $0.column, predicate: try resolve($0.predicate)) }
            }
            return .scan(scan)
        case .filter(let input, let e):
            return .filter(try resolvingSubqueries(input), try resolve(e))
        case .project(let input, let es):
            return .project(try resolvingSubqueries(input), try es.map(resolve))
        case .aggregate(let input, var spec):
            spec.keys = try spec.keys.map(resolve)
            spec.aggregates = try spec.aggregates.map { a in
                var a = a
                a.arguments = try a.arguments.map(resolve)
                a.filter = try a.filter.map(resolve)
                a.orderBy = try a.orderBy.map(resolve)
                return a
            }
            return .aggregate(try resolvingSubqueries(input), spec)
        case .distinct(let input, let on):
            return .distinct(try resolvingSubqueries(input), onColumns: on)
        case .sort(let input, let keys):
            return .sort(try resolvingSubqueries(input), try keys.map(resolve))
        case .window(let input, let fs):
            let resolved = try fs.map { f in
                var f = f
                f.arguments = try f.arguments.map(resolve)
                f.partitionBy = try f.partitionBy.map(resolve)
                f.orderBy = try f.orderBy.map(resolve)
                f.filter = try f.filter.map(resolve)
                return f
            }
            return .window(try resolvingSubqueries(input), resolved)
        case .limit(let input, let limit, let offset):
            return .limit(try resolvingSubqueries(input), limit: limit, offset: offset)
        case .unnest(let input, let columns):
            return .unnest(try resolvingSubqueries(input), columns: columns)
        case .lateral(var l):
            l.left = try resolvingSubqueries(l.left)
            l.keys = try l.keys.map(resolve)
            l.residual = try l.residual.map(resolve)
            return .lateral(l)
        case .join(var j):
            j.left = try resolvingSubqueries(j.left)
            j.right = try resolvingSubqueries(j.right)
            j.leftKeys = try j.leftKeys.map(resolve)
            j.rightKeys = try j.rightKeys.map(resolve)
            j.residual = try j.residual.map(resolve)
            return .join(j)
        }
    }

    func resolve(_ key: BoundSortKey) throws -> BoundSortKey {
        var k = key
        k.expression = try resolve(key.expression)
        return k
    }

    func resolve(_ e: BoundExpression) throws -> BoundExpression {
        guard e.containsSubquery else { return e }
        switch e {
        case .column, .constant: return e
        case .call(let f, let args): return .call(f, try args.map(resolve))
        case .caseWhen(let branches, let otherwise, let t):
            return .caseWhen(try branches.map { (try resolve($0.0), try resolve($0.1)) }, try resolve(otherwise), t)
        case .conjunction(let isAnd, let xs): return .conjunction(isAnd: isAnd, try xs.map(resolve))
        case .subquery(let s, let args) where !s.slots.isEmpty:
            return CorrelatedSubquery.expression(s, try args.map(resolve), executor: self)
        case .subquery(let s, let args):
            let operands = try args.map(resolve)
            let rows = try subqueryRows(s)
            let count = rows.reduce(0) { $0 + $1.count }
            switch s.kind {
            case .scalar:
                let value = try Self.scalarValue(rows, count: count, of: s, hint: "add an aggregate or LIMIT 1 to the subquery, or use IN (SELECT ...)")
                return .constant(value, s.type)
            case .exists:
                return .constant(.bool(count > 0), .boolean)
            case .membership(let negated):
                return ValueSetMembership.expression(operand: operands[0], rows: rows, negated: negated)
            }
        }
    }

    /// A scalar subquery's value: its one row's first column, NULL without rows; more
    /// than one row is DuckDB's error (correlated or not).
    static func scalarValue(_ rows: [DataChunk], count: Int, of s: BoundSubquery, hint: String) throws(SQLError) -> ScalarValue {
        guard count <= 1 else {
            throw SQLError(.invalidArgument, "More than one row returned by a subquery used as an expression - scalar subqueries can only return a single row.",
                           at: s.range, hint: hint)
        }
        return rows.first { $0.count > 0 }.map { $0.columns[0].value(0) } ?? .null
    }

    /// The subquery's rows, computed once per run however often it occurs.
    func subqueryRows(_ s: BoundSubquery) throws -> [DataChunk] {
        if let cached = materialized.lookup(ObjectIdentifier(s)) { return cached }
        let rows = try run(s.plan)
        materialized.store(ObjectIdentifier(s), rows)
        return rows
    }
}

/// `x [NOT] IN (values of a subquery)` with SQL's NULL rules: no values gives FALSE (TRUE
/// for NOT IN) even for a NULL x; a match gives TRUE; otherwise NULL if x is NULL or the
/// values hold a NULL, else FALSE.
enum ValueSetMembership {
    static func expression(operand: BoundExpression, rows: [DataChunk], negated: Bool) -> BoundExpression {
        var values = Set<ScalarValue>()
        var hasNull = false
        var isEmpty = true
        for chunk in rows where chunk.count > 0 {
            isEmpty = false
            let column = chunk.columns[0]
            for i in 0..<chunk.count {
                let v = column.value(i)
                if v.isNull { hasNull = true } else { values.insert(Distinct.normalized(v)) }
            }
        }
        let set = values, sawNull = hasNull, empty = isEmpty
        let general = RowKernel.make(.boolean, strict: false) { v in
            if empty { return .bool(negated) }
            if v[0].isNull { return .null }
            if set.contains(Distinct.normalized(v[0])) { return .bool(!negated) }
            return sawNull ? .null : .bool(negated)
        }
        // Integers, dates and timestamps stored flat: one hash probe per row on the buffer.
        let words: Set<Int64>? = operand.type.isInt64Backed ? Set(values.compactMap(\.int64Word)) : nil
        let kernel: ScalarKernel = { (args: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
            if empty { return .constant(.bool(negated), type: .boolean, count: n) }
            guard let words, case .int64(let a) = args[0].storage else { return try general(args, n) }
            var out = [Bool](repeating: false, count: n)
            var valid = [Bool](repeating: true, count: n)
            var anyNull = false
            let validity = args[0].validity
            a.withUnsafeBufferPointer { p in
                for i in 0..<n {
                    if let validity, !validity[i] { valid[i] = false; anyNull = true; continue }
                    if words.contains(p[i]) { out[i] = !negated } else if sawNull { valid[i] = false; anyNull = true } else { out[i] = negated }
                }
            }
            return ColumnVector(type: .boolean, storage: .bool(out), validity: anyNull ? valid : nil, count: n)
        }
        let f = BoundFunction(name: negated ? "NOT IN" : "IN", returnType: .boolean, canFail: false, kernel: kernel)
        if let k = operand.constantValue, let folded = try? f.kernel([.constant(k, type: operand.type, count: 1)], 1) {
            return .constant(folded.value(0), .boolean)
        }
        return .call(f, [operand])
    }
}

/// Results computed once per run, keyed by the object that describes them (a CTE, a
/// derived table, a subquery).
final class MaterializedResults: @unchecked Sendable {
    private let lock = NSLockLike()
    private var results: [ObjectIdentifier: [DataChunk]] = [:]
    func lookup(_ key: ObjectIdentifier) -> [DataChunk]? { lock.locked { results[key] } }
    func store(_ key: ObjectIdentifier, _ rows: [DataChunk]) { lock.locked { results[key] = rows } }
}

extension ScalarValue {
    /// The 64-bit word an integer, date or timestamp is stored as in a flat vector.
    var int64Word: Int64? {
        switch self {
        case .int(let x): return Int64(exactly: x)
        case .date(let d): return Int64(d)
        case .timestamp(let t): return t
        default: return nil
        }
    }
}
