import CTallyKernels

/// Selection vectors made by the C kernels of `tally_select.h`: sixteen rows tested and
/// their row numbers compressed into one store with AVX-512, the portable loop elsewhere.
///
/// Swift's branch-free pick loop took about two cycles a row; it was 27-32% of the range
/// filters a03, a04, a05 and a11 of `Tools/queries/adhoc` (perf, per_step 10M rows). The
/// figures after are in BENCHMARKS.md, "Session 21".
enum SelectionKernels {
    /// The rows (of `rows`, or of `0..<n`) where `low <= x[i] <= high` holds (`negate`:
    /// where it does not). `low <= high`.
    static func int64(_ x: UnsafeBufferPointer<Int64>, low: Int64, high: Int64, negate: Bool = false,
                      _ rows: [Int32]?, _ n: Int) -> [Int32] {
        let span = UInt64(bitPattern: high &- low)
        let flip: Int32 = negate ? 1 : 0
        guard let base = x.baseAddress, rows?.isEmpty != true else { return [] }
        if let rows {
            return make(rows.count) { out in
                rows.withUnsafeBufferPointer { r in
                    tally_select_int64_within(base, r.baseAddress!, r.count, low, span, flip, out)
                }
            }
        }
        return make(n) { out in tally_select_int64(base, n, low, span, flip, out) }
    }

    /// The rows (of `rows`, or of `0..<n`) where `x op k` holds for integers.
    static func int64(_ x: UnsafeBufferPointer<Int64>, _ op: Comparison.Operator, _ k: Int64,
                      _ rows: [Int32]?, _ n: Int) -> [Int32] {
        switch op {
        case .equal: return int64(x, low: k, high: k, rows, n)
        case .notEqual: return int64(x, low: k, high: k, negate: true, rows, n)
        case .less: return k == .min ? [] : int64(x, low: .min, high: k - 1, rows, n)
        case .lessOrEqual: return int64(x, low: .min, high: k, rows, n)
        case .greater: return k == .max ? [] : int64(x, low: k + 1, high: .max, rows, n)
        case .greaterOrEqual: return int64(x, low: k, high: .max, rows, n)
        }
    }

    /// The rows (of `rows`, or of `0..<n`) where `x first.op first.k` and `x second.op
    /// second.k` both hold, in DuckDB's order of doubles (NaN above every number); the
    /// constants are not NaN. A nil `second` always holds.
    static func double(_ x: UnsafeBufferPointer<Double>, _ first: (Comparison.Operator, Double),
                       _ second: (Comparison.Operator, Double)?, _ rows: [Int32]?, _ n: Int) -> [Int32] {
        guard let base = x.baseAddress, rows?.isEmpty != true else { return [] }
        let a = test(first.0), ka = first.1
        let b = second.map { test($0.0) } ?? TALLY_TEST_ALWAYS, kb = second?.1 ?? 0
        if let rows {
            return make(rows.count) { out in
                rows.withUnsafeBufferPointer { r in
                    tally_select_double_within(base, r.baseAddress!, r.count, a, ka, b, kb, out)
                }
            }
        }
        return make(n) { out in tally_select_double(base, n, a, ka, b, kb, out) }
    }

    /// The rows of `0..<n` whose byte is not 0 (`oneOnly`: is 1, a truth vector's TRUE).
    static func bytes(_ t: UnsafeBufferPointer<UInt8>, oneOnly: Bool, _ n: Int) -> [Int32] {
        guard let base = t.baseAddress else { return [] }
        return make(n) { out in tally_select_bytes(base, n, oneOnly ? 1 : 0, out) }
    }

    /// The C kernels' name for a comparison of doubles.
    static func test(_ op: Comparison.Operator) -> tally_double_test {
        switch op {
        case .equal: return TALLY_TEST_EQUAL
        case .notEqual: return TALLY_TEST_NOT_EQUAL
        case .less: return TALLY_TEST_LESS
        case .lessOrEqual: return TALLY_TEST_LESS_OR_EQUAL
        case .greater: return TALLY_TEST_GREATER
        case .greaterOrEqual: return TALLY_TEST_GREATER_OR_EQUAL
        }
    }

    /// An array of up to `count` row numbers filled by `fill`, with the room the vector
    /// path stores past the kept rows.
    @inline(__always)
    static func make(_ count: Int, _ fill: (UnsafeMutablePointer<Int32>) -> Int) -> [Int32] {
        [Int32](unsafeUninitializedCapacity: count + Int(TALLY_SELECT_SLACK)) { out, kept in
            kept = fill(out.baseAddress!)
        }
    }
}
