/// A vectorised function body: the argument vectors (all of `count` rows) to the result.
package typealias ScalarKernel = @Sendable ([ColumnVector], Int) throws(SQLError) -> ColumnVector

/// A resolved scalar function or operator: its name for plans, its result type and body.
package struct BoundFunction: Sendable {
    /// The name shown in EXPLAIN.
    package var name: String
    /// The result type.
    package var returnType: LogicalType
    /// Whether the function may throw on some input (an overflow, an invalid cast), so that
    /// CASE evaluates it only on the rows that select it.
    package var canFail: Bool
    /// The body.
    package var kernel: ScalarKernel
    /// What the filter operator may run instead of the kernel when this call is a
    /// condition (a comparison, a NULL test): it then picks rows without building a
    /// BOOLEAN vector. Same answer as the kernel.
    package var filterForm: FilterForm?
    /// What tells this call apart from another of the same name and arguments, when its
    /// kernel holds more than its arguments say (an IN list's values): part of
    /// `BoundExpression.identity`.
    package var identity: String? = nil

    /// Creates a function.
    package init(name: String, returnType: LogicalType, canFail: Bool, kernel: @escaping ScalarKernel, filterForm: FilterForm? = nil) {
        self.name = name
        self.returnType = returnType
        self.canFail = canFail
        self.kernel = kernel
        self.filterForm = filterForm
    }
}

/// Conditions the filter operator evaluates straight into row selections.
package enum FilterForm: Sendable {
    /// `a op b` over operands of one type.
    case compare(Comparison.Operator)
    /// `x IS NULL` (`negated`: IS NOT NULL).
    case nullTest(negated: Bool)
    /// `x IN (v1, v2, ...)` with constant, non-NULL values (a NULL in the list makes no
    /// row pass): a scan looks the values up in a dictionary instead of testing entries.
    case oneOf([ScalarValue])
}

/// An expression with names resolved to input columns, types known and implicit casts
/// made explicit: what operators evaluate.
package indirect enum BoundExpression: Sendable {
    /// Column `index` of the operator's input chunk.
    case column(Int, LogicalType, name: String)
    /// A constant.
    case constant(ScalarValue, LogicalType)
    /// A function or operator over the arguments.
    case call(BoundFunction, [BoundExpression])
    /// `CASE WHEN c THEN v ... ELSE e END` (the simple form is rewritten into this one).
    case caseWhen([(BoundExpression, BoundExpression)], BoundExpression, LogicalType)
    /// AND / OR with SQL's three-valued logic over two or more operands.
    case conjunction(isAnd: Bool, [BoundExpression])
    /// An uncorrelated subquery (with its operand for IN), folded into a constant or a
    /// value set before the plan runs.
    case subquery(BoundSubquery, [BoundExpression])

    /// The type of the result.
    package var type: LogicalType {
        switch self {
        case .column(_, let t, _), .constant(_, let t), .caseWhen(_, _, let t): return t
        case .call(let f, _): return f.returnType
        case .conjunction: return .boolean
        case .subquery(let s, _): return s.type
        }
    }

    /// Whether evaluation can throw.
    package var canFail: Bool {
        switch self {
        case .column, .constant: return false
        case .call(let f, let args): return f.canFail || args.contains { $0.canFail }
        case .caseWhen(let bs, let e, _): return e.canFail || bs.contains { $0.0.canFail || $0.1.canFail }
        case .conjunction(_, let xs), .subquery(_, let xs): return xs.contains { $0.canFail }
        }
    }

    /// The constant value, if this is one.
    package var constantValue: ScalarValue? {
        if case .constant(let v, _) = self { return v }
        return nil
    }

    /// The input columns read, in first-use order.
    package var referencedColumns: [Int] {
        var out: [Int] = []
        func walk(_ e: BoundExpression) {
            switch e {
            case .column(let i, _, _): if !out.contains(i) { out.append(i) }
            case .constant: break
            case .call(_, let a): a.forEach(walk)
            case .caseWhen(let bs, let x, _): bs.forEach { walk($0.0); walk($0.1) }; walk(x)
            case .conjunction(_, let xs), .subquery(_, let xs): xs.forEach(walk)
            }
        }
        walk(self)
        return out
    }

    /// The same expression with input column `i` renamed to `map(i)`.
    package func remapColumns(_ map: (Int) -> Int) -> BoundExpression {
        switch self {
        case .column(let i, let t, let n): return .column(map(i), t, name: n)
        case .constant: return self
        case .call(let f, let a): return .call(f, a.map { $0.remapColumns(map) })
        case .caseWhen(let bs, let x, let t): return .caseWhen(bs.map { ($0.0.remapColumns(map), $0.1.remapColumns(map)) }, x.remapColumns(map), t)
        case .conjunction(let isAnd, let xs): return .conjunction(isAnd: isAnd, xs.map { $0.remapColumns(map) })
        case .subquery(let s, let xs): return .subquery(s, xs.map { $0.remapColumns(map) })
        }
    }

    /// Whether an uncorrelated subquery occurs (the executor folds it before running).
    package var containsSubquery: Bool {
        switch self {
        case .column, .constant: return false
        case .subquery: return true
        case .call(_, let a), .conjunction(_, let a): return a.contains { $0.containsSubquery }
        case .caseWhen(let bs, let x, _): return x.containsSubquery || bs.contains { $0.0.containsSubquery || $0.1.containsSubquery }
        }
    }

    /// The subqueries that occur, outermost first.
    package var subqueries: [BoundSubquery] {
        switch self {
        case .column, .constant: return []
        case .subquery(let s, let a): return [s] + a.flatMap(\.subqueries)
        case .call(_, let a), .conjunction(_, let a): return a.flatMap(\.subqueries)
        case .caseWhen(let bs, let x, _): return bs.flatMap { $0.0.subqueries + $0.1.subqueries } + x.subqueries
        }
    }

    /// A text that two expressions share only when they compute the same values: columns
    /// by position (two inputs' `user_id` differ), calls by name and `BoundFunction.identity`.
    /// Binding matches select items to group keys and deduplicates aggregates by it;
    /// `explained` names columns only, so `count(a.user_id)` and `count(b.user_id)` met.
    package var identity: String {
        switch self {
        case .column(let i, _, let n): return "\(n)#\(i)"
        case .constant(let v, let t): return ScalarValue.sqlText(v, t) + "::\(t)"
        case .call(let f, let a): return "\(f.name)\(f.identity.map { "[" + $0 + "]" } ?? "")(\(a.map(\.identity).joined(separator: ", ")))"
        case .caseWhen(let bs, let x, _):
            return "CASE " + bs.map { "WHEN \($0.0.identity) THEN \($0.1.identity)" }.joined(separator: " ") + " ELSE \(x.identity) END"
        case .conjunction(let isAnd, let xs): return "(" + xs.map(\.identity).joined(separator: isAnd ? " AND " : " OR ") + ")"
        case .subquery(let s, let xs): return "\(s.text)(\(xs.map(\.identity).joined(separator: ", ")))"
        }
    }

    /// A short text for EXPLAIN.
    package var explained: String {
        switch self {
        case .column(_, _, let n): return n
        case .constant(let v, let t): return ScalarValue.sqlText(v, t)
        case .call(let f, let a):
            if a.count == 2, f.name.first.map({ !$0.isLetter }) == true { return "(\(a[0].explained) \(f.name) \(a[1].explained))" }
            return "\(f.name)(\(a.map(\.explained).joined(separator: ", ")))"
        case .caseWhen(let bs, let x, _):
            return "CASE " + bs.map { "WHEN \($0.0.explained) THEN \($0.1.explained)" }.joined(separator: " ") + " ELSE \(x.explained) END"
        case .conjunction(let isAnd, let xs): return "(" + xs.map(\.explained).joined(separator: isAnd ? " AND " : " OR ") + ")"
        case .subquery(let s, let xs):
            switch s.kind {
            case .scalar: return s.text
            case .exists: return "EXISTS \(s.text)"
            case .membership(let negated): return "(\(xs[0].explained) \(negated ? "NOT IN" : "IN") \(s.text))"
            }
        }
    }
}

extension ScalarValue {
    /// The value as a SQL literal of type `type`, for plans and names.
    package static func sqlText(_ v: ScalarValue, _ type: LogicalType) -> String {
        switch v {
        case .null: return "NULL"
        case .bool(let b): return b ? "true" : "false"
        case .int(let x):
            let s = type.scale
            if s == 0 { return String(x) }
            return decimalText(x, scale: s)
        case .double(let d): return SQLValue.doubleText(d)
        case .string(let s): return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
        case .date(let d): return "'" + TemporalText.dateText(d) + "'"
        case .timestamp(let t): return "'" + TemporalText.timestampText(t) + "'"
        case .interval(let i): return "INTERVAL '" + i.description + "'"
        case .list, .structure: return Cast.text(v, type)
        }
    }

    /// A scaled integer as decimal text with exactly `scale` fractional digits.
    package static func decimalText(_ x: Int128, scale: Int) -> String {
        let negative = x < 0
        let mag = negative ? 0 - x : x
        let p = LogicalType.powerOfTen(scale)
        let whole = mag / p, frac = mag % p
        var f = String(frac)
        f = String(repeating: "0", count: max(0, scale - f.count)) + f
        return (negative ? "-" : "") + String(whole) + (scale > 0 ? "." + f : "")
    }
}
