import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// An expression after binding: column references replaced by slots of an evaluation row
/// (group keys, then aggregate values), literals typed. Evaluated once per result group.
indirect enum SQLBoundExpression: Sendable, Hashable {
    /// The value at this index of the evaluation row.
    case slot(Int)
    /// A typed constant.
    case constant(SQLValue)
    /// `-x`, of static type `type`, at `range` in the query (for an overflow's error).
    case negate(SQLBoundExpression, type: ResultType, at: SourceRange)
    /// `NOT x`.
    case not(SQLBoundExpression)
    /// `+ - * /`, of static type `type` (see ``arithmeticType(_:_:_:)``), at `range` in
    /// the query (for an overflow's error).
    case arithmetic(SQLBinaryOperator, SQLBoundExpression, SQLBoundExpression, type: ResultType, at: SourceRange)
    /// `= <> < <= > >=`.
    case compare(SQLBinaryOperator, SQLBoundExpression, SQLBoundExpression)
    /// `AND`.
    case and(SQLBoundExpression, SQLBoundExpression)
    /// `OR`.
    case or(SQLBoundExpression, SQLBoundExpression)
    /// `x [NOT] IN (...)`.
    case inList(SQLBoundExpression, [SQLBoundExpression], negated: Bool)
    /// `x [NOT] BETWEEN a AND b`.
    case between(SQLBoundExpression, SQLBoundExpression, SQLBoundExpression, negated: Bool)
    /// `x [NOT] LIKE 'pattern'`.
    case like(SQLBoundExpression, String, negated: Bool)
    /// `x IS [NOT] NULL`.
    case isNull(SQLBoundExpression, negated: Bool)

    /// The value for one evaluation row, with SQL's three-valued logic (NULL for unknown).
    /// - Throws: `SQLError` of kind `.overflow` when exact arithmetic leaves its type's range.
    func evaluate(_ row: [SQLValue]) throws(SQLError) -> SQLValue {
        try evaluate(row) { $0 }
    }

    /// The value for one evaluation row whose slot `s` is at index `lookup(s)`.
    /// - Throws: `SQLError` of kind `.overflow` when exact arithmetic leaves its type's range.
    func evaluate(_ row: [SQLValue], _ lookup: (Int) -> Int) throws(SQLError) -> SQLValue {
        switch self {
        case .slot(let i): return row[lookup(i)]
        case .constant(let v): return v
        case .negate(let x, let type, let range):
            let v = try x.evaluate(row, lookup)
            if case .double(let d) = v { return .double(-d) }
            return try SQLExactArithmetic.apply(.subtract, .int(0), v, type: type, at: range) ?? .null
        case .not(let x):
            guard case .bool(let b) = try x.evaluate(row, lookup) else { return .null }
            return .bool(!b)
        case .arithmetic(let op, let l, let r, let type, let range):
            return try SQLBoundExpression.arithmetic(op, try l.evaluate(row, lookup), try r.evaluate(row, lookup), type: type, at: range)
        case .compare(let op, let l, let r):
            guard let c = SQLBoundExpression.compare(try l.evaluate(row, lookup), try r.evaluate(row, lookup)) else { return .null }
            switch op {
            case .equal: return .bool(c == 0)
            case .notEqual: return .bool(c != 0)
            case .less: return .bool(c < 0)
            case .lessOrEqual: return .bool(c <= 0)
            case .greater: return .bool(c > 0)
            default: return .bool(c >= 0)
            }
        case .and(let l, let r):
            let a = try l.evaluate(row, lookup), b = try r.evaluate(row, lookup)
            if a == .bool(false) || b == .bool(false) { return .bool(false) }
            if a == .bool(true) && b == .bool(true) { return .bool(true) }
            return .null
        case .or(let l, let r):
            let a = try l.evaluate(row, lookup), b = try r.evaluate(row, lookup)
            if a == .bool(true) || b == .bool(true) { return .bool(true) }
            if a == .bool(false) && b == .bool(false) { return .bool(false) }
            return .null
        case .inList(let x, let list, let negated):
            let v = try x.evaluate(row, lookup)
            if v.isNull { return .null }
            var sawNull = false
            for e in list {
                let w = try e.evaluate(row, lookup)
                if w.isNull { sawNull = true; continue }
                if SQLBoundExpression.compare(v, w) == 0 { return .bool(!negated) }
            }
            return sawNull ? .null : .bool(negated)
        case .between(let x, let lo, let hi, let negated):
            let v = try x.evaluate(row, lookup)
            guard let a = SQLBoundExpression.compare(v, try lo.evaluate(row, lookup)),
                  let b = SQLBoundExpression.compare(v, try hi.evaluate(row, lookup)) else { return .null }
            return .bool((a >= 0 && b <= 0) != negated)
        case .like(let x, let pattern, let negated):
            guard case .string(let s) = try x.evaluate(row, lookup) else { return .null }
            return .bool(SQLBoundExpression.like(Array(s.unicodeScalars), Array(pattern.unicodeScalars)) != negated)
        case .isNull(let x, let negated):
            return .bool(try x.evaluate(row, lookup).isNull != negated)
        }
    }

    /// `l op r` for numbers: exact for integers and money (`+ - *`), checked against the
    /// range of `type` (see ``SQLExactArithmetic``); Double otherwise; division is always
    /// Double and dividing by zero gives NULL (as in DuckDB).
    /// - Throws: `SQLError` of kind `.overflow` (at `range`) instead of a wrapped result.
    static func arithmetic(_ op: SQLBinaryOperator, _ l: SQLValue, _ r: SQLValue, type: ResultType, at range: SourceRange) throws(SQLError) -> SQLValue {
        if l.isNull || r.isNull { return .null }
        if op != .divide, let exact = try SQLExactArithmetic.apply(op, l, r, type: type, at: range) { return exact }
        guard let a = l.numericDouble, let b = r.numericDouble else { return .null }
        switch op {
        case .add: return .double(a + b)
        case .subtract: return .double(a - b)
        case .multiply: return .double(a * b)
        default: return b == 0 ? .null : .double(a / b)
        }
    }

    /// Three-way comparison of two non-null values of comparable types (nil if either is
    /// NULL or they cannot be compared).
    static func compare(_ a: SQLValue, _ b: SQLValue) -> Int? {
        func sign<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch (a, b) {
        case (.null, _), (_, .null): return nil
        case (.string(let x), .string(let y)):
            if x == y { return 0 }
            return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1
        case (.int(let x), .int(let y)): return sign(x, y)
        case (.money(let x), .money(let y)): return sign(x, y)
        case (.date(let x), .date(let y)): return sign(x, y)
        case (.timestamp(let x), .timestamp(let y)): return sign(x, y)
        case (.date(let x), .timestamp(let y)): return sign(Int64(x) * 86_400_000, y)
        case (.timestamp(let x), .date(let y)): return sign(x, Int64(y) * 86_400_000)
        case (.bool(let x), .bool(let y)): return sign(x ? 1 : 0, y ? 1 : 0)
        default:
            if let x = a.exactNanos, let y = b.exactNanos { return sign(x, y) }
            if let x = a.numericDouble, let y = b.numericDouble { return sign(x, y) }
            return nil
        }
    }

    /// SQL LIKE over Unicode scalars: `%` any run, `_` one scalar.
    static func like(_ s: [Unicode.Scalar], _ p: [Unicode.Scalar]) -> Bool {
        var si = 0, pi = 0, starP = -1, starS = 0
        while si < s.count {
            if pi < p.count, p[pi] == "_" || (p[pi] != "%" && p[pi] == s[si]) {
                si += 1; pi += 1
            } else if pi < p.count, p[pi] == "%" {
                starP = pi; starS = si; pi += 1
            } else if starP >= 0 {
                starS += 1; si = starS; pi = starP + 1
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "%" { pi += 1 }
        return pi == p.count
    }

    /// The static type of `l op r` given the operand types (mirrors ``arithmetic``).
    static func arithmeticType(_ op: SQLBinaryOperator, _ l: ResultType, _ r: ResultType) -> ResultType {
        let exactInt: Set<ResultType> = [.bigint, .hugeint]
        switch op {
        case .add, .subtract:
            if exactInt.contains(l) && exactInt.contains(r) { return l == .hugeint || r == .hugeint ? .hugeint : .bigint }
            if (l == .money || exactInt.contains(l)) && (r == .money || exactInt.contains(r)) { return .money }
        case .multiply:
            if exactInt.contains(l) && exactInt.contains(r) { return l == .hugeint || r == .hugeint ? .hugeint : .bigint }
            if (l == .money && exactInt.contains(r)) || (r == .money && exactInt.contains(l)) { return .money }
        default: break
        }
        return .double
    }
}
