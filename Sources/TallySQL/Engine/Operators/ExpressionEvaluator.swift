/// Evaluates bound expressions over a chunk, one vector per node.
package enum ExpressionEvaluator {
    /// The expression's value for every row of `chunk`.
    package static func evaluate(_ e: BoundExpression, _ chunk: DataChunk) throws(SQLError) -> ColumnVector {
        switch e {
        case .column(let i, _, _):
            return chunk.columns[i]
        case .constant(let v, let t):
            return .constant(v, type: t, count: chunk.count)
        case .call(let f, let args):
            var vectors: [ColumnVector] = []
            vectors.reserveCapacity(args.count)
            for a in args { vectors.append(try evaluate(a, chunk)) }
            return try f.kernel(vectors, chunk.count)
        case .conjunction(let isAnd, let xs):
            var acc = try evaluate(xs[0], chunk)
            for x in xs.dropFirst() {
                let next = try evaluate(x, chunk)
                acc = Logic.combine(acc, next, isAnd: isAnd, count: chunk.count)
            }
            return acc
        case .caseWhen(let branches, let otherwise, let type):
            return try evaluateCase(branches, otherwise, type, chunk)
        case .subquery(let s, _):
            // The executor folds every subquery before the plan runs; reaching one is a bug.
            throw SQLError(.invalidArgument, "the subquery \(s.text) was not evaluated before the query ran", at: s.range,
                           hint: "please report this query")
        }
    }

    /// CASE: each THEN is evaluated on the rows it selects only (a THEN that can fail must
    /// not fail on rows another branch took), unless no branch can fail.
    static func evaluateCase(_ branches: [(BoundExpression, BoundExpression)], _ otherwise: BoundExpression,
                             _ type: LogicalType, _ chunk: DataChunk) throws(SQLError) -> ColumnVector {
        let n = chunk.count
        if branches.count == 1, let picked = try pickCase(branches[0], otherwise, type, chunk) { return picked }
        var chosen = [Int32](repeating: -1, count: n)
        var remaining = n
        for (b, branch) in branches.enumerated() where remaining > 0 {
            let cond = try evaluate(branch.0, chunk)
            let truth = Logic.truth(cond)
            let tag = Int32(b)
            truth.withUnsafeBufferPointer { t in
                chosen.withUnsafeMutableBufferPointer { c in
                    // A select, not a branch: conditions vary row by row.
                    var taken = 0
                    for i in 0..<n {
                        let hit = c[i] < 0 && t[i] == 1
                        c[i] = hit ? tag : c[i]
                        taken &+= hit ? 1 : 0
                    }
                    remaining -= taken
                }
            }
        }
        let results = branches.map(\.1) + [otherwise]
        let elseIndex = Int32(branches.count)
        chosen.withUnsafeMutableBufferPointer { c in
            for i in 0..<n { c[i] = c[i] < 0 ? elseIndex : c[i] }
        }
        let anyFail = results.contains { $0.canFail }
        if !anyFail, type == .double || type.isInt64Backed {
            // Every branch evaluated over the whole chunk, then blended per type.
            var vectors: [ColumnVector] = []
            for r in results { vectors.append(try evaluate(r, chunk)) }
            return blend(vectors, chosen: chosen, type: type, n: n)
        }
        var out = [ScalarValue](repeating: .null, count: n)
        for (r, expr) in results.enumerated() {
            var rows: [Int32] = []
            for i in 0..<n where chosen[i] == Int32(r) { rows.append(Int32(i)) }
            if rows.isEmpty { continue }
            if !anyFail || rows.count == n {
                let v = try evaluate(expr, chunk)
                for i in rows { out[Int(i)] = v.value(Int(i)) }
            } else {
                let v = try evaluate(expr, chunk.gather(rows))
                for (j, i) in rows.enumerated() { out[Int(i)] = v.value(j) }
            }
        }
        return ColumnVector.build(type: type, count: n) { out[$0] }
    }

    /// `CASE WHEN c THEN a ELSE b END` with `a` and `b` columns or constants of DOUBLE or
    /// Int64-backed storage and no NULLs: one select per row from the condition's truth
    /// (read through a dictionary's codes when it is one), not the general path's branch
    /// tags, else pass and blend (which were a quarter of a10, a conditional sum by model,
    /// per_step 10M). Nil for any other form.
    static func pickCase(_ branch: (BoundExpression, BoundExpression), _ otherwise: BoundExpression,
                         _ type: LogicalType, _ chunk: DataChunk) throws(SQLError) -> ColumnVector? {
        guard type == .double || type.isInt64Backed, isPlain(branch.1), isPlain(otherwise) else { return nil }
        let a = try evaluate(branch.1, chunk), b = try evaluate(otherwise, chunk)
        let n = chunk.count
        if type == .double {
            guard let x = CaseOperand<Double>(a, { if case .double(let d) = $0 { return d }; return nil }),
                  let y = CaseOperand<Double>(b, { if case .double(let d) = $0 { return d }; return nil }) else { return nil }
            let truth = RowTruth(try evaluate(branch.0, chunk))
            return ColumnVector(type: type, storage: .double(CaseOperand.select(truth, x, y, n)), count: n)
        }
        guard let x = CaseOperand<Int64>(a, int64Bits), let y = CaseOperand<Int64>(b, int64Bits) else { return nil }
        let truth = RowTruth(try evaluate(branch.0, chunk))
        return ColumnVector(type: type, storage: .int64(CaseOperand.select(truth, x, y, n)), count: n)
    }

    /// A column or a constant: evaluating it costs nothing and cannot fail.
    static func isPlain(_ e: BoundExpression) -> Bool {
        switch e {
        case .column, .constant: return true
        default: return false
        }
    }

    /// A non-NULL value of an Int64-backed type as its bits (as the general loop of `blend`
    /// stores it).
    static func int64Bits(_ v: ScalarValue) -> Int64? {
        switch v {
        case .int(let x): return Int64(truncatingIfNeeded: x)
        case .date(let d): return Int64(d)
        case .timestamp(let t): return t
        default: return nil
        }
    }

    /// Row `i` of the result is row `i` of `vectors[chosen[i]]`, over primitive arrays.
    static func blend(_ vectors: [ColumnVector], chosen: [Int32], type: LogicalType, n: Int) -> ColumnVector {
        var valid = [Bool](repeating: true, count: n)
        var anyNull = false
        if type == .double {
            var out = [Double](repeating: 0, count: n)
            for (r, v) in vectors.enumerated() {
                let tag = Int32(r)
                switch v.storage {
                case .double(let a) where v.validity == nil:
                    a.withUnsafeBufferPointer { x in
                        chosen.withUnsafeBufferPointer { c in
                            out.withUnsafeMutableBufferPointer { o in
                                // Masks, which vectorise, not stores behind branches.
                                for i in 0..<n {
                                    let m = 0 &- UInt64(c[i] == tag ? 1 : 0)
                                    o[i] = Double(bitPattern: (x[i].bitPattern & m) | (o[i].bitPattern & ~m))
                                }
                            }
                        }
                    }
                case .double(let a):
                    let vv = v.validity
                    for i in 0..<n where chosen[i] == tag {
                        out[i] = a[i]
                        if let vv, !vv[i] { valid[i] = false; anyNull = true }
                    }
                case .constant(.double(let k)):
                    chosen.withUnsafeBufferPointer { c in
                        out.withUnsafeMutableBufferPointer { o in
                            for i in 0..<n {
                                let m = 0 &- UInt64(c[i] == tag ? 1 : 0)
                                o[i] = Double(bitPattern: (k.bitPattern & m) | (o[i].bitPattern & ~m))
                            }
                        }
                    }
                default:
                    for i in 0..<n where chosen[i] == tag {
                        if case .double(let d) = v.value(i) { out[i] = d } else { valid[i] = false; anyNull = true }
                    }
                }
            }
            return ColumnVector(type: type, storage: .double(out), validity: anyNull ? valid : nil, count: n)
        }
        var out = [Int64](repeating: 0, count: n)
        for (r, v) in vectors.enumerated() {
            let tag = Int32(r)
            switch v.storage {
            case .int64(let a) where v.validity == nil:
                a.withUnsafeBufferPointer { x in
                    chosen.withUnsafeBufferPointer { c in
                        out.withUnsafeMutableBufferPointer { o in
                            for i in 0..<n {
                                let m = 0 &- Int64(c[i] == tag ? 1 : 0)
                                o[i] = (x[i] & m) | (o[i] & ~m)
                            }
                        }
                    }
                }
            case .constant(let k) where int64Bits(k) != nil:
                let x = int64Bits(k)!
                chosen.withUnsafeBufferPointer { c in
                    out.withUnsafeMutableBufferPointer { o in
                        for i in 0..<n {
                            let m = 0 &- Int64(c[i] == tag ? 1 : 0)
                            o[i] = (x & m) | (o[i] & ~m)
                        }
                    }
                }
            case .int64(let a):
                let vv = v.validity
                for i in 0..<n where chosen[i] == tag {
                    out[i] = a[i]
                    if let vv, !vv[i] { valid[i] = false; anyNull = true }
                }
            default:
                for i in 0..<n where chosen[i] == tag {
                    switch v.value(i) {
                    case .int(let x): out[i] = Int64(truncatingIfNeeded: x)
                    case .date(let d): out[i] = Int64(d)
                    case .timestamp(let t): out[i] = t
                    default: valid[i] = false; anyNull = true
                    }
                }
            }
        }
        return ColumnVector(type: type, storage: .int64(out), validity: anyNull ? valid : nil, count: n)
    }
}

/// Three-valued logic on BOOLEAN vectors.
package enum Logic {
    /// Per row: 1 true, 0 false, 2 NULL.
    package static func truth(_ v: ColumnVector) -> [UInt8] {
        let n = v.count
        switch v.storage {
        case .constant(let c):
            let t: UInt8 = { if case .bool(let b) = c { return b ? 1 : 0 }; return 2 }()
            return [UInt8](repeating: t, count: n)
        case .bool(let a):
            // Selects, not branches: a comparison's truth is as often one as the other (a
            // branch per row was a fifth of `count(*) FILTER (WHERE duration_ms > 1000)
            // ... GROUP BY project_id` on per_step 10M).
            return [UInt8](unsafeUninitializedCapacity: n) { out, made in
                // A Bool is one byte, 0 or 1: the loops read the bytes, 16 to an instruction.
                a.withUnsafeBufferPointer { xs in
                    xs.withMemoryRebound(to: UInt8.self) { x in
                        if let valid = v.validity {
                            valid.withUnsafeBufferPointer { oks in
                                oks.withMemoryRebound(to: UInt8.self) { ok in
                                    // Bits, as the compiler makes a branch of `ok ? x : 2`,
                                    // and a column with many NULLs mispredicts it.
                                    for i in 0..<n { out[i] = (x[i] & ok[i]) | ((ok[i] ^ 1) << 1) }
                                }
                            }
                        } else {
                            for i in 0..<n { out[i] = x[i] }
                        }
                    }
                }
                made = n
            }
        case .dictionary(let codes, let dict, let id):
            let d = DictionaryTruth.shared.truth(dict, id: id)
            return [UInt8](unsafeUninitializedCapacity: n) { out, made in
                codes.withUnsafeBufferPointer { c in
                    d.withUnsafeBufferPointer { t in
                        for i in 0..<n { out[i] = t[Int(c[i])] }
                    }
                }
                made = n
            }
        default:
            return (0..<n).map { i in
                if case .bool(let b) = v.value(i) { return b ? 1 : 0 }
                return 2
            }
        }
    }

    /// The rows where a BOOLEAN vector is TRUE, or nil when every row is.
    ///
    /// Every loop is branch-free (each row is written, the end moves on only for kept
    /// rows): a condition near one half true, on rows in no order, mispredicts a branch
    /// per row. The dictionary loop had compiled to one, and was a quarter of a11 (top
    /// users of one service, per_step 10M): see BENCHMARKS.md, session 16.
    package static func selection(_ v: ColumnVector) -> [Int32]? {
        let n = v.count
        let keep: [Int32]
        switch v.storage {
        case .bool(let a) where v.validity == nil:
            keep = a.withUnsafeBytes { p in SelectionKernels.bytes(p.bindMemory(to: UInt8.self), oneOnly: false, n) }
        case .dictionary(let codes, let dict, let id):
            let d = DictionaryTruth.shared.truth(dict, id: id)
            if let only = d.indices.first(where: { d[$0] == 1 }), d[(only + 1)...].allSatisfy({ $0 != 1 }) {
                // One entry TRUE (a text column `= 'x'`): the rows of its code.
                keep = codes.withUnsafeBufferPointer { SelectionKernels.int64($0, .equal, Int64(only), nil, n) }
            } else {
                keep = codes.withUnsafeBufferPointer { c in
                    d.withUnsafeBufferPointer { t in picking(n) { t[Int(c[$0])] == 1 } }
                }
            }
        default:
            let t = truth(v)
            keep = t.withUnsafeBufferPointer { SelectionKernels.bytes($0, oneOnly: true, n) }
        }
        return keep.count == n ? nil : keep
    }

    /// The rows of `0..<n` where `keep` holds, without a branch per row.
    @inline(__always)
    static func picking(_ n: Int, _ keep: (Int) -> Bool) -> [Int32] {
        [Int32](unsafeUninitializedCapacity: n) { out, kept in
            var at = 0
            for i in 0..<n {
                out[at] = Int32(truncatingIfNeeded: i)
                at &+= Int(unsafeBitCast(keep(i), to: UInt8.self))
            }
            kept = at
        }
    }

    /// A BOOLEAN vector from truth values.
    package static func vector(_ t: [UInt8]) -> ColumnVector {
        let n = t.count
        var values = [Bool](repeating: false, count: n)
        var valid: [Bool]? = nil
        for i in 0..<n {
            if t[i] == 1 { values[i] = true } else if t[i] == 2 {
                if valid == nil { valid = [Bool](repeating: true, count: n) }
                valid![i] = false
            }
        }
        return ColumnVector(type: .boolean, storage: .bool(values), validity: valid, count: n)
    }

    /// AND / OR of two boolean vectors.
    static func combine(_ a: ColumnVector, _ b: ColumnVector, isAnd: Bool, count: Int) -> ColumnVector {
        let x = truth(a), y = truth(b)
        var out = [UInt8](repeating: 0, count: count)
        for i in 0..<count {
            let p = x[i], q = y[i]
            if isAnd {
                out[i] = (p == 0 || q == 0) ? 0 : ((p == 2 || q == 2) ? 2 : 1)
            } else {
                out[i] = (p == 1 || q == 1) ? 1 : ((p == 2 || q == 2) ? 2 : 0)
            }
        }
        return vector(out)
    }
}

/// Truth tables of BOOLEAN dictionaries, by dictionary id: a condition on a text column
/// becomes a derived BOOLEAN dictionary (one value per entry, cached by the function), and
/// its table of truth values is made once, not once per chunk (a global dictionary can
/// hold hundreds of thousands of entries). Bounded by entries.
final class DictionaryTruth: @unchecked Sendable {
    static let shared = DictionaryTruth()
    private let lock = NSLockLike()
    private var tables: [Int: [UInt8]] = [:]

    func truth(_ dict: ColumnVector, id: Int) -> [UInt8] {
        // Small dictionaries are cheaper to redo than to look up under a lock.
        if dict.count < 64 { return Logic.truth(dict) }
        if let t = lock.locked({ tables[id] }) { return t }
        let t = Logic.truth(dict)
        lock.locked {
            if tables.count >= 256 { tables.removeAll() }
            tables[id] = t
        }
        return t
    }
}
