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
        case .conjunction(isAnd: true, let conjuncts):
            // Conditions that cannot fail first: one that can (a cast, a division) then sees
            // only the rows the others kept, as DuckDB's reordered filters let it
            // (`CAST(quantity AS DECIMAL(18,9)) ... AND ends_with(model_id, 'claude')` failed
            // on a row the second condition excludes).
            let parts = conjuncts.filter { !$0.canFail } + conjuncts.filter(\.canFail)
            var current = rows
            var i = 0
            while i < parts.count {
                // A lower and an upper bound on one column (BETWEEN) in one pass.
                if i + 1 < parts.count, let picked = range(parts[i], parts[i + 1], chunk, within: current) {
                    current = picked
                    i += 2
                } else {
                    current = try refine(parts[i], chunk, within: current)
                    i += 1
                }
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
        return truth.withUnsafeBufferPointer { t in pickWithoutBranches(rows, chunk.count) { t[$0] == 1 } }
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
                    SelectionKernels.int64(c, negated ? .notEqual : .equal, 0, rows, chunk.count)
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

    /// A comparison of a column with a non-NULL constant, column first.
    static func columnComparison(_ e: BoundExpression) -> (column: Int, op: Comparison.Operator, constant: ScalarValue)? {
        guard case .call(let f, let args) = e, case .compare(let op)? = f.filterForm, args.count == 2 else { return nil }
        if case .column(let i, _, _) = args[0], case .constant(let c, _) = args[1], !c.isNull { return (i, op, c) }
        if case .constant(let c, _) = args[0], case .column(let i, _, _) = args[1], !c.isNull { return (i, op.flipped, c) }
        return nil
    }

    /// The rows of `within` where `a` and `b` both hold, when they are a lower and an upper
    /// bound on one integer or double column (`x BETWEEN lo AND hi`, `x > lo AND x < hi`):
    /// one pass testing both, not a pass and then a second over its picks (a03, a range
    /// on quantity, per_step 10M: the two passes were a third of the statement). Nil for
    /// any other pair.
    static func range(_ a: BoundExpression, _ b: BoundExpression, _ chunk: DataChunk, within rows: [Int32]?) -> [Int32]?? {
        guard let x = columnComparison(a), let y = columnComparison(b), x.column == y.column else { return nil }
        let isLower = { (op: Comparison.Operator) in op == .greater || op == .greaterOrEqual }
        let isUpper = { (op: Comparison.Operator) in op == .less || op == .lessOrEqual }
        let (lower, upper) = isLower(x.op) && isUpper(y.op) ? (x, y) : (isLower(y.op) && isUpper(x.op) ? (y, x) : (x, x))
        guard isLower(lower.op), isUpper(upper.op) else { return nil }
        let v = chunk.columns[lower.column]
        var out: [Int32]
        switch v.storage {
        case .int64(let xs):
            guard var lo = Comparison.int64(lower.constant), var hi = Comparison.int64(upper.constant) else { return nil }
            // Both bounds inclusive: x > lo is x >= lo + 1, x < hi is x <= hi - 1.
            if lower.op == .greater { guard lo < Int64.max else { return .some([]) }; lo += 1 }
            if upper.op == .less { guard hi > Int64.min else { return .some([]) }; hi -= 1 }
            guard lo <= hi else { return .some([]) }
            out = xs.withUnsafeBufferPointer { SelectionKernels.int64($0, low: lo, high: hi, rows, chunk.count) }
        case .double(let xs):
            // NaN fails every upper bound, so plain comparisons are DuckDB's order here.
            guard case .double(let lo) = lower.constant, case .double(let hi) = upper.constant, !lo.isNaN, !hi.isNaN else { return nil }
            out = xs.withUnsafeBufferPointer { SelectionKernels.double($0, (lower.op, lo), (upper.op, hi), rows, chunk.count) }
        default:
            return nil
        }
        if let validity = v.validity { out.removeAll { !validity[Int($0)] } }
        return .some(out)
    }

    /// The rows (of `rows`, or of `0..<n`) where `keep` holds, branch-free: every row is
    /// written and the end moves on only for kept rows.
    @inline(__always)
    static func pickWithoutBranches(_ rows: [Int32]?, _ n: Int, _ keep: (Int) -> Bool) -> [Int32] {
        if let rows {
            return [Int32](unsafeUninitializedCapacity: rows.count) { out, kept in
                var at = 0
                rows.withUnsafeBufferPointer { r in
                    for j in 0..<r.count {
                        let i = r[j]
                        out[at] = i
                        at &+= Int(unsafeBitCast(keep(Int(i)), to: UInt8.self))
                    }
                }
                kept = at
            }
        }
        return [Int32](unsafeUninitializedCapacity: n) { out, kept in
            var at = 0
            for i in 0..<n {
                out[at] = Int32(truncatingIfNeeded: i)
                at &+= Int(unsafeBitCast(keep(i), to: UInt8.self))
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
        var out = xs.withUnsafeBufferPointer { SelectionKernels.int64($0, op, k, rows, n) }
        if let validity { out.removeAll { !validity[Int($0)] } }
        return out
    }

    /// `x op k` over doubles, as `Comparison` orders them (NaN above every number); NULL
    /// rows are not picked.
    static func compare(_ xs: [Double], _ k: Double, _ op: Comparison.Operator, _ validity: [Bool]?,
                        _ rows: [Int32]?, _ n: Int) -> [Int32] {
        var out = xs.withUnsafeBufferPointer { SelectionKernels.double($0, (op, k), nil, rows, n) }
        if let validity { out.removeAll { !validity[Int($0)] } }
        return out
    }
}
