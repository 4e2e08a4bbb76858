/// Comparison operators over operands the binder has cast to one type.
package enum Comparison {
    /// `=`, `<>`, `<`, `<=`, `>`, `>=`.
    package enum Operator: String, Sendable {
        case equal = "=", notEqual = "<>", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

        @inline(__always)
        func holds(_ c: Int) -> Bool {
            switch self {
            case .equal: return c == 0
            case .notEqual: return c != 0
            case .less: return c < 0
            case .lessOrEqual: return c <= 0
            case .greater: return c > 0
            case .greaterOrEqual: return c >= 0
            }
        }

        /// The operator with its operands swapped (`a < b` is `b > a`).
        var flipped: Operator {
            switch self {
            case .less: return .greater
            case .lessOrEqual: return .greaterOrEqual
            case .greater: return .less
            case .greaterOrEqual: return .lessOrEqual
            default: return self
            }
        }
    }

    /// The kernel of `a op b` for operands of `type`.
    package static func kernel(_ op: Operator, type: LogicalType) -> ScalarKernel {
        return { (args: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
            let a = args[0], b = args[1]
            if type.isInt64Backed {
                if case .int64(let xs) = a.storage, case .constant(let c) = b.storage {
                    guard let k = int64(c) else { return .constant(.null, type: .boolean, count: n) }
                    return compareConstant(xs, k, op, a.validity, n)
                }
                if case .constant(let c) = a.storage, case .int64(let ys) = b.storage {
                    guard let k = int64(c) else { return .constant(.null, type: .boolean, count: n) }
                    return compareConstant(ys, k, op.flipped, b.validity, n)
                }
                if case .int64(let xs) = a.storage, case .int64(let ys) = b.storage {
                    var out = [Bool](repeating: false, count: n)
                    xs.withUnsafeBufferPointer { x in ys.withUnsafeBufferPointer { y in
                        for i in 0..<n { out[i] = op.holds(x[i] < y[i] ? -1 : (x[i] > y[i] ? 1 : 0)) }
                    } }
                    return ColumnVector(type: .boolean, storage: .bool(out), validity: mergeValidity(a.validity, b.validity, n), count: n)
                }
            }
            if type == .double {
                if case .double(let xs) = a.storage, case .constant(.double(let k)) = b.storage, !k.isNaN {
                    return compareDoubleConstant(xs, k, op, a.validity, n)
                }
                if case .constant(.double(let k)) = a.storage, case .double(let ys) = b.storage, !k.isNaN {
                    return compareDoubleConstant(ys, k, op.flipped, b.validity, n)
                }
            }
            if type == .varchar {
                // Text against a constant (a filter over a part's dictionary, once per
                // distinct value): bytes compared in place, not a ScalarValue per row.
                if case .string(let xs) = a.storage, case .constant(.string(let k)) = b.storage {
                    return compareStringConstant(xs, k, op, a.validity, n)
                }
                if case .constant(.string(let k)) = a.storage, case .string(let ys) = b.storage {
                    return compareStringConstant(ys, k, op.flipped, b.validity, n)
                }
                if case .dictionary(let codes, let dict, _) = a.storage, case .constant(.string(let k)) = b.storage,
                   let out = compareDictionaryConstant(codes, dict, k, op, n) {
                    return out
                }
                if case .constant(.string(let k)) = a.storage, case .dictionary(let codes, let dict, _) = b.storage,
                   let out = compareDictionaryConstant(codes, dict, k, op.flipped, n) {
                    return out
                }
            }
            return try RowKernel.apply(args, count: n, type: .boolean, strict: true) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                .bool(op.holds(ScalarValue.compare(v[0], v[1])))
            }
        }
    }

    static func int64(_ v: ScalarValue) -> Int64? {
        switch v {
        case .int(let x): return Int64(exactly: x)
        case .date(let d): return Int64(d)
        case .timestamp(let t): return t
        default: return nil
        }
    }

    static func compareConstant(_ xs: [Int64], _ k: Int64, _ op: Operator, _ validity: [Bool]?, _ n: Int) -> ColumnVector {
        var out = [Bool](repeating: false, count: n)
        xs.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                switch op {
                case .equal: for i in 0..<n { o[i] = x[i] == k }
                case .notEqual: for i in 0..<n { o[i] = x[i] != k }
                case .less: for i in 0..<n { o[i] = x[i] < k }
                case .lessOrEqual: for i in 0..<n { o[i] = x[i] <= k }
                case .greater: for i in 0..<n { o[i] = x[i] > k }
                case .greaterOrEqual: for i in 0..<n { o[i] = x[i] >= k }
                }
            }
        }
        return ColumnVector(type: .boolean, storage: .bool(out), validity: validity, count: n)
    }

    static func compareDoubleConstant(_ xs: [Double], _ k: Double, _ op: Operator, _ validity: [Bool]?, _ n: Int) -> ColumnVector {
        var out = [Bool](repeating: false, count: n)
        xs.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                // NaN sorts above everything in DuckDB: `NaN > k` holds, `NaN = k` does not.
                switch op {
                case .equal: for i in 0..<n { o[i] = x[i] == k }
                case .notEqual: for i in 0..<n { o[i] = !(x[i] == k) }
                case .less: for i in 0..<n { o[i] = x[i] < k }
                case .lessOrEqual: for i in 0..<n { o[i] = x[i] <= k }
                case .greater: for i in 0..<n { o[i] = x[i] > k || x[i].isNaN }
                case .greaterOrEqual: for i in 0..<n { o[i] = x[i] >= k || x[i].isNaN }
                }
            }
        }
        return ColumnVector(type: .boolean, storage: .bool(out), validity: validity, count: n)
    }

    /// `x` against the constant `k` (its UTF-8 bytes `kb`) by bytes: in place when `x` is
    /// stored contiguously, as native strings are.
    @inline(__always)
    static func compare(_ x: String, _ kb: UnsafeBufferPointer<UInt8>, _ k: String) -> Int {
        x.utf8.withContiguousStorageIfAvailable { ScalarValue.compareBytes($0, kb) } ?? ScalarValue.compareBytes(x, k)
    }

    /// `xs[i] op k` by the bytes of the UTF-8 text (DuckDB's binary collation).
    static func compareStringConstant(_ xs: [String], _ k: String, _ op: Operator, _ validity: [Bool]?, _ n: Int) -> ColumnVector {
        var out = [Bool](repeating: false, count: n)
        var key = k
        key.withUTF8 { kb in
            xs.withUnsafeBufferPointer { x in
                out.withUnsafeMutableBufferPointer { o in
                    for i in 0..<n {
                        o[i] = op.holds(compare(x[i], kb, k))
                    }
                }
            }
        }
        return ColumnVector(type: .boolean, storage: .bool(out), validity: validity, count: n)
    }

    /// `dict[codes[i]] op k` for text coded in a dictionary: each entry compared once,
    /// or, when the rows are fewer than the entries (a run's rows against the store's
    /// dictionary of run ids), each row's entry. Nil when the dictionary is not plain text.
    static func compareDictionaryConstant(_ codes: [Int64], _ dict: ColumnVector, _ k: String, _ op: Operator, _ n: Int) -> ColumnVector? {
        guard case .string(let entries) = dict.storage else { return nil }
        guard n < entries.count else {
            // Each entry once; the rows keep their codes, over a dictionary of booleans
            // (consumers read the truth of a code, as of any derived dictionary).
            let perEntry = compareStringConstant(entries, k, op, dict.validity, entries.count)
            return ColumnVector(type: .boolean, storage: .dictionary(codes: codes, dictionary: perEntry, dictionaryID: DictionaryIDs.fresh()), count: n)
        }
        var truth = [Bool](repeating: false, count: n)
        var valid = [Bool](repeating: true, count: n)
        var anyNull = false
        var key = k
        key.withUTF8 { kb in
            entries.withUnsafeBufferPointer { e in
                codes.withUnsafeBufferPointer { c in
                    for i in 0..<n {
                        let code = Int(c[i])
                        if dict.isNull(code) { valid[i] = false; anyNull = true; continue }
                        truth[i] = op.holds(compare(e[code], kb, k))
                    }
                }
            }
        }
        return ColumnVector(type: .boolean, storage: .bool(truth), validity: anyNull ? valid : nil, count: n)
    }

    /// Rows valid in both (nil when both are all valid).
    package static func mergeValidity(_ a: [Bool]?, _ b: [Bool]?, _ n: Int) -> [Bool]? {
        switch (a, b) {
        case (nil, nil): return nil
        case (let x?, nil): return x
        case (nil, let y?): return y
        case (let x?, let y?): return (0..<n).map { x[$0] && y[$0] }
        }
    }

    /// `a IS [NOT] DISTINCT FROM b`: NULL-safe equality.
    package static func distinctKernel(negated: Bool) -> ScalarKernel {
        RowKernel.make(.boolean, strict: false) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
            let same: Bool
            if v[0].isNull || v[1].isNull { same = v[0].isNull && v[1].isNull } else { same = ScalarValue.compare(v[0], v[1]) == 0 }
            return .bool(negated ? same : !same)
        }
    }
}
