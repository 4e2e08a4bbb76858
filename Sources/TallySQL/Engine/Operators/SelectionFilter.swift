/// The filter operator's evaluation: a condition to the rows of a chunk where it is TRUE,
/// as ascending row numbers (a selection vector).
///
/// An AND refines one selection conjunct by conjunct, so each later condition looks only
/// at the rows the earlier ones kept; a comparison of a column with a constant and a NULL
/// test pick rows straight from the column's primitive array, with no BOOLEAN vector
/// between. Anything else is evaluated as an expression and its TRUE rows kept. The
/// result equals `Logic.selection(ExpressionEvaluator.evaluate(condition, chunk))`.
///
/// Measured on `Tools/shapes.py per_step` at 10M rows (`quantity BETWEEN 1000 AND
/// 50000`, operators only): see BENCHMARKS.md, "Ad-hoc raw-column queries".
enum SelectionFilter {
    /// The rows of `chunk` where `condition` is TRUE, or nil when every row is.
    static func select(_ condition: BoundExpression, _ chunk: DataChunk) throws(SQLError) -> [Int32]? {
        let picked = try refine(condition, chunk, within: nil)
        if let picked, picked.count == chunk.count { return nil }
        return picked
    }

    /// The rows of `within` (nil: all rows) where `condition` is TRUE; nil means all rows.
    static func refine(_ condition: BoundExpression, _ chunk: DataChunk, within rows: [Int32]?) throws(SQLError) -> [Int32]? {
        switch condition {
        case .conjunction(isAnd: true, let parts):
            var current = rows
            for part in parts {
                current = try refine(part, chunk, within: current)
                if let c = current, c.isEmpty { return c }
            }
            return current
        case .call(let f, let args):
            if let form = f.filterForm, let picked = direct(form, args, chunk, within: rows) { return picked }
        default:
            break
        }
        return try general(condition, chunk, within: rows)
    }

    /// Evaluates `condition` as an expression and keeps its TRUE rows among `rows`.
    static func general(_ condition: BoundExpression, _ chunk: DataChunk, within rows: [Int32]?) throws(SQLError) -> [Int32]? {
        guard let rows else { return Logic.selection(try ExpressionEvaluator.evaluate(condition, chunk)) }
        if condition.canFail {
            // Only the rows still in: a condition that can fail (a cast, a division) must not
            // fail on a row an earlier conjunct excluded.
            let sub = chunk.gather(rows)
            guard let keep = Logic.selection(try ExpressionEvaluator.evaluate(condition, sub)) else { return rows }
            return keep.map { rows[Int($0)] }
        }
        let truth = Logic.truth(try ExpressionEvaluator.evaluate(condition, chunk))
        var out = [Int32]()
        out.reserveCapacity(rows.count)
        truth.withUnsafeBufferPointer { t in
            for r in rows where t[Int(r)] == 1 { out.append(r) }
        }
        return out
    }

    /// The rows picked by a comparison with a constant or a NULL test on a plain column
    /// vector, or nil when the operands are of another form (the caller evaluates them).
    static func direct(_ form: FilterForm, _ args: [BoundExpression], _ chunk: DataChunk, within rows: [Int32]?) -> [Int32]?? {
        switch form {
        case .nullTest(let negated):
            guard case .column(let i, _, _) = args[0] else { return nil }
            let v = chunk.columns[i]
            switch v.storage {
            case .bool, .int64, .int128, .double, .string, .interval:
                guard let valid = v.validity else { return .some(negated ? rows : []) }
                return .some(pick(rows, chunk.count) { valid[$0] == negated })
            case .dictionary(let codes, _, let id) where DictionaryIDs.isDistinct(id):
                // A dictionary of distinct values holds NULL at code 0 only.
                return .some(codes.withUnsafeBufferPointer { c in
                    negated ? pick(c, 0, NotEqual<Int64>.self, rows, chunk.count) : pick(c, 0, Equal<Int64>.self, rows, chunk.count)
                })
            default:
                return nil
            }
        case .compare(let op):
            var op = op
            var column: Int, constant: ScalarValue
            if case .column(let i, _, _) = args[0], case .constant(let c, _) = args[1] {
                column = i; constant = c
            } else if case .constant(let c, _) = args[0], case .column(let i, _, _) = args[1] {
                column = i; constant = c; op = op.flipped
            } else {
                return nil
            }
            if constant.isNull { return .some([]) }
            let v = chunk.columns[column]
            switch v.storage {
            case .int64(let xs):
                guard let k = Comparison.int64(constant) else { return nil }
                return .some(compare(xs, k, op, v.validity, rows, chunk.count))
            case .double(let xs):
                guard case .double(let k) = constant, !k.isNaN else { return nil }
                return .some(compare(xs, k, op, v.validity, rows, chunk.count))
            default:
                return nil
            }
        case .oneOf:
            return nil
        }
    }

    /// The rows (of `rows`, or of `0..<n`) where `T.holds(x[i], k)`. Generic over the test
    /// so that each operator gets its own specialised loop, and branch-free: every row is
    /// written and the end moves on only for kept rows, so a selectivity near one half
    /// costs no mispredictions.
    @inline(__always)
    static func pick<T: ValueTest>(_ x: UnsafeBufferPointer<T.Value>, _ k: T.Value, _ test: T.Type,
                                   _ rows: [Int32]?, _ n: Int) -> [Int32] {
        if let rows {
            return [Int32](unsafeUninitializedCapacity: rows.count) { out, kept in
                var at = 0
                rows.withUnsafeBufferPointer { r in
                    for j in 0..<r.count {
                        let i = r[j]
                        out[at] = i
                        at &+= Int(unsafeBitCast(T.holds(x[Int(i)], k), to: UInt8.self))
                    }
                }
                kept = at
            }
        }
        return [Int32](unsafeUninitializedCapacity: n) { out, kept in
            var at = 0
            for i in 0..<n {
                out[at] = Int32(truncatingIfNeeded: i)
                at &+= Int(unsafeBitCast(T.holds(x[i], k), to: UInt8.self))
            }
            kept = at
        }
    }

    /// The rows (of `rows`, or of `0..<n`) where `keep` holds.
    static func pick(_ rows: [Int32]?, _ n: Int, _ keep: (Int) -> Bool) -> [Int32] {
        var out = [Int32]()
        if let rows {
            out.reserveCapacity(rows.count)
            for r in rows where keep(Int(r)) { out.append(r) }
        } else {
            out.reserveCapacity(n)
            for i in 0..<n where keep(i) { out.append(Int32(i)) }
        }
        return out
    }

    /// `x op k` over integers; NULL rows are not picked.
    static func compare(_ xs: [Int64], _ k: Int64, _ op: Comparison.Operator, _ validity: [Bool]?,
                        _ rows: [Int32]?, _ n: Int) -> [Int32] {
        var out: [Int32] = xs.withUnsafeBufferPointer { x in
            switch op {
            case .equal: return pick(x, k, Equal<Int64>.self, rows, n)
            case .notEqual: return pick(x, k, NotEqual<Int64>.self, rows, n)
            case .less: return pick(x, k, Less<Int64>.self, rows, n)
            case .lessOrEqual: return pick(x, k, LessOrEqual<Int64>.self, rows, n)
            case .greater: return pick(x, k, Greater<Int64>.self, rows, n)
            case .greaterOrEqual: return pick(x, k, GreaterOrEqual<Int64>.self, rows, n)
            }
        }
        if let validity { out.removeAll { !validity[Int($0)] } }
        return out
    }

    /// `x op k` over doubles, as `Comparison` orders them (NaN above every number); NULL
    /// rows are not picked.
    static func compare(_ xs: [Double], _ k: Double, _ op: Comparison.Operator, _ validity: [Bool]?,
                        _ rows: [Int32]?, _ n: Int) -> [Int32] {
        var out: [Int32] = xs.withUnsafeBufferPointer { x in
            switch op {
            case .equal: return pick(x, k, Equal<Double>.self, rows, n)
            case .notEqual: return pick(x, k, NotEqual<Double>.self, rows, n)
            case .less: return pick(x, k, Less<Double>.self, rows, n)
            case .lessOrEqual: return pick(x, k, LessOrEqual<Double>.self, rows, n)
            case .greater: return pick(x, k, GreaterOrNaN.self, rows, n)
            case .greaterOrEqual: return pick(x, k, GreaterOrEqualOrNaN.self, rows, n)
            }
        }
        if let validity { out.removeAll { !validity[Int($0)] } }
        return out
    }
}

/// A comparison of a value with a constant, as a type, so loops specialise on it.
protocol ValueTest {
    associatedtype Value
    static func holds(_ x: Value, _ k: Value) -> Bool
}

enum Equal<V: Comparable>: ValueTest { @inline(__always) static func holds(_ x: V, _ k: V) -> Bool { x == k } }
enum NotEqual<V: Comparable>: ValueTest { @inline(__always) static func holds(_ x: V, _ k: V) -> Bool { !(x == k) } }
enum Less<V: Comparable>: ValueTest { @inline(__always) static func holds(_ x: V, _ k: V) -> Bool { x < k } }
enum LessOrEqual<V: Comparable>: ValueTest { @inline(__always) static func holds(_ x: V, _ k: V) -> Bool { x <= k } }
enum Greater<V: Comparable>: ValueTest { @inline(__always) static func holds(_ x: V, _ k: V) -> Bool { x > k } }
enum GreaterOrEqual<V: Comparable>: ValueTest { @inline(__always) static func holds(_ x: V, _ k: V) -> Bool { x >= k } }
/// `>` on doubles with NaN above every number (DuckDB's order): `!(x <= k)`, which holds
/// for NaN, with no second test to branch on.
enum GreaterOrNaN: ValueTest { @inline(__always) static func holds(_ x: Double, _ k: Double) -> Bool { !(x <= k) } }
/// `>=` on doubles with NaN above every number: `!(x < k)`.
enum GreaterOrEqualOrNaN: ValueTest { @inline(__always) static func holds(_ x: Double, _ k: Double) -> Bool { !(x < k) } }
