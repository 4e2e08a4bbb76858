import CTallyKernels

/// The numeric casts of `Cast` as loops over primitive vectors: integers and decimals of
/// up to 18 digits (Int64-backed, any scales) to one another and to DOUBLE, and DOUBLE to
/// them, with the row cast's rounding. A row out of the target's range (or a NaN or
/// infinity to an exact type) sends the whole vector to the row cast, which fails or,
/// under TRY_CAST, gives NULL exactly as before.
///
/// The row cast made a scalar per row and converted through Int128, whose conversions to
/// Double are generic code: `sum(cost_usd::DOUBLE)` took 4.1 s on per_step 10M, 0.01x
/// DuckDB (see BENCHMARKS.md, session 16).
enum CastLoops {
    /// A vector kernel for `from` to `to`, or nil when the pair is not a numeric one it
    /// handles; `orElse` is the row cast.
    static func kernel(from: LogicalType, to: LogicalType, orElse rowKernel: @escaping ScalarKernel) -> ScalarKernel? {
        func isExact(_ t: LogicalType) -> Bool {
            if case .decimal = t { return t.isInt64Backed }
            return t.isInteger && t.isInt64Backed
        }
        let exactFrom = isExact(from), exactTo = isExact(to)
        if exactFrom && to == .double {
            let p = Int64(LogicalType.powerOfTen(from.scale))
            return { (a: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
                guard case .int64(let xs) = a[0].storage else { return try rowKernel(a, n) }
                let out = map(xs, n) { x -> Double in p == 1 ? Double(x) : Double(x / p) + Double(x % p) / Double(p) }
                return ColumnVector(type: to, storage: .double(out), validity: a[0].validity, count: n)
            }
        }
        if exactFrom && exactTo {
            let range = to.integerRange
            let lo = Int64(clamping: range.lowerBound), hi = Int64(clamping: range.upperBound)
            let s0 = from.scale, s1 = to.scale
            let p = Int64(LogicalType.powerOfTen(abs(s1 - s0)))
            return { (a: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
                guard case .int64(let xs) = a[0].storage else { return try rowKernel(a, n) }
                let valid = a[0].validity
                var bad = false
                let out = [Int64](unsafeUninitializedCapacity: n) { o, made in
                    xs.withUnsafeBufferPointer { x in
                        for i in 0..<n {
                            // Up: a multiplication that may overflow; down: as `Cast.rescale`.
                            let (r, overflow) = s1 >= s0 ? x[i].multipliedReportingOverflow(by: p) : (divideRounded(x[i], p), false)
                            o[i] = r
                            // A NULL row's stored value is not a value and never fails.
                            bad = bad || ((overflow || r < lo || r > hi) && (valid?[i] ?? true))
                        }
                    }
                    made = n
                }
                if bad { return try rowKernel(a, n) }
                return ColumnVector(type: to, storage: .int64(out), validity: valid, count: n)
            }
        }
        if from == .double && exactTo {
            let range = to.integerRange
            let lo = Int64(clamping: range.lowerBound), hi = Int64(clamping: range.upperBound)
            let factor = LogicalType.powerOfTen(to.scale).nearestDouble
            // DuckDB rounds doubles to integers half to even (nearbyint), to decimals half away.
            let evenTies = to.scale == 0 && to.isInteger
            return { (a: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
                guard case .double(let xs) = a[0].storage else { return try rowKernel(a, n) }
                let valid = a[0].validity
                if n == 0 { return ColumnVector(type: to, storage: .int64([]), validity: valid, count: 0) }
                var bad = false
                let out = [Int64](unsafeUninitializedCapacity: n) { o, made in
                    xs.withUnsafeBufferPointer { x in
                        if evenTies {
                            // To an integer type: in C, eight rows at a time with AVX-512
                            // (`tally_double_to_int64`; Swift's loop was half of
                            // `quantity::BIGINT % 7 = 0`, many_small 10M).
                            if let valid {
                                bad = valid.withUnsafeBytes { v in
                                    tally_double_to_int64(x.baseAddress!, n, lo, hi, v.bindMemory(to: UInt8.self).baseAddress!, o.baseAddress!)
                                } != 0
                            } else {
                                bad = tally_double_to_int64(x.baseAddress!, n, lo, hi, nil, o.baseAddress!) != 0
                            }
                            return
                        }
                        // To a decimal: scaled, rounded half away from zero (the rule a literal
                        // in the loop: a rule in a variable is a resilient enum, passed through
                        // its value witnesses per row).
                        for i in 0..<n {
                            let r = (x[i] * factor).rounded(.toNearestOrAwayFromZero)
                            // Converted only inside [-2^63, 2^63); NaN fails both tests.
                            let converts = r >= -9.223372036854775808e18 && r < 9.223372036854775808e18
                            let v = converts ? Int64(r) : 0
                            o[i] = v
                            let inside = converts && v >= lo && v <= hi
                            bad = bad || (!inside && (valid?[i] ?? true))
                        }
                    }
                    made = n
                }
                if bad { return try rowKernel(a, n) }
                return ColumnVector(type: to, storage: .int64(out), validity: valid, count: n)
            }
        }
        return nil
    }

    /// `f` of every value.
    @inline(__always)
    static func map<T, R>(_ xs: [T], _ n: Int, _ f: (T) -> R) -> [R] {
        [R](unsafeUninitializedCapacity: n) { o, made in
            xs.withUnsafeBufferPointer { x in for i in 0..<n { o[i] = f(x[i]) } }
            made = n
        }
    }

    /// `x / p` rounded half away from zero (`p` > 0): a scaled integer moved to fewer
    /// decimals, as `Cast.rescale` and round of a decimal do it in Int128.
    @inline(__always)
    static func divideRounded(_ x: Int64, _ p: Int64) -> Int64 {
        let q = x / p, rem = x % p
        return rem * 2 >= p ? q + 1 : (rem * 2 <= -p ? q - 1 : q)
    }
}
