/// A BOOLEAN vector read as "is row i TRUE" without a pass of its own over the rows: a
/// dictionary vector (a condition on a text column) through its codes and one truth value
/// per entry, anything else through `Logic.truth`'s byte per row.
///
/// The consumers (a CASE of one branch, an aggregate's FILTER) test each row once in
/// their own loop; building `Logic.truth` of a dictionary first was a pass over the codes
/// and a new array per chunk (8% of a10, conditional sums by model, per_step 10M).
struct RowTruth {
    /// The dictionary's codes, or nil when `table` holds a value per row.
    private let codes: [Int64]?
    /// 1 TRUE, 0 FALSE, 2 NULL: per code of the dictionary, or per row.
    private let table: [UInt8]

    /// The truth of `v`'s rows.
    init(_ v: ColumnVector) {
        if case .dictionary(let c, let d, let id) = v.storage {
            codes = c
            table = DictionaryTruth.shared.truth(d, id: id)
        } else {
            codes = nil
            table = Logic.truth(v)
        }
    }

    /// Calls `body` with row i's mask: all ones when the row is TRUE, zero otherwise
    /// (FALSE or NULL). Read from a table, not made by a comparison: LLVM turns a select
    /// made of a comparison back into a branch per row (its cmov conversion), and a
    /// condition that varies row by row mispredicts it half the time.
    @inline(__always)
    func withMask<R>(_ body: (_ mask: (Int) -> Int64) -> R) -> R {
        RowTruth.masks.withUnsafeBufferPointer { m in
            table.withUnsafeBufferPointer { t in
                if let codes {
                    return codes.withUnsafeBufferPointer { c in body { m[Int(t[Int(c[$0])])] } }
                }
                return body { m[Int(t[$0])] }
            }
        }
    }

    /// The mask of each truth value (0 FALSE, 1 TRUE, 2 NULL).
    private static let masks: [Int64] = [0, -1, 0]

    /// `groups` with every row that is not TRUE moved to group -1 (no group): the group
    /// numbers an aggregate with a FILTER updates, in one pass.
    func masking(_ groups: [Int32]) -> [Int32] {
        let n = groups.count
        return withMask { mask in
            groups.withUnsafeBufferPointer { g in
                [Int32](unsafeUninitializedCapacity: n) { out, made in
                    // -1 (all ones) where the mask is zero.
                    for i in 0..<n { out[i] = g[i] | ~Int32(truncatingIfNeeded: mask(i)) }
                    made = n
                }
            }
        }
    }
}

/// A THEN or ELSE of `ExpressionEvaluator.pickCase`: a primitive vector without NULLs, or
/// one non-NULL constant.
enum CaseOperand<T: MaskSelectable> {
    case rows([T])
    case constant(T)

    /// `v` in one of the two forms, or nil; `constant` reads a constant's value as `T`.
    init?(_ v: ColumnVector, _ constant: (ScalarValue) -> T?) {
        switch v.storage {
        case .constant(let k):
            guard let x = constant(k) else { return nil }
            self = .constant(x)
        case .double(let d) where v.validity == nil:
            guard let d = d as? [T] else { return nil }
            self = .rows(d)
        case .int64(let d) where v.validity == nil:
            guard let d = d as? [T] else { return nil }
            self = .rows(d)
        default:
            return nil
        }
    }

    /// Row i is `x`'s where the condition is TRUE, else `y`'s: a select by masks per row.
    static func select(_ truth: RowTruth, _ x: CaseOperand, _ y: CaseOperand, _ n: Int) -> [T] {
        truth.withMask { mask in
            [T](unsafeUninitializedCapacity: n) { o, made in
                switch (x, y) {
                case (.rows(let p), .rows(let q)):
                    p.withUnsafeBufferPointer { p in q.withUnsafeBufferPointer { q in for i in 0..<n { o[i] = T.select(mask(i), p[i], q[i]) } } }
                case (.rows(let p), .constant(let k)):
                    p.withUnsafeBufferPointer { p in for i in 0..<n { o[i] = T.select(mask(i), p[i], k) } }
                case (.constant(let k), .rows(let q)):
                    q.withUnsafeBufferPointer { q in for i in 0..<n { o[i] = T.select(mask(i), k, q[i]) } }
                case (.constant(let k), .constant(let l)):
                    for i in 0..<n { o[i] = T.select(mask(i), k, l) }
                }
                made = n
            }
        }
    }
}

/// A 64-bit value chosen between two by a mask, not a branch (`CaseOperand.select`).
protocol MaskSelectable {
    /// `a` where `mask` is all ones, `b` where it is zero.
    static func select(_ mask: Int64, _ a: Self, _ b: Self) -> Self
}

extension Int64: MaskSelectable {
    @inline(__always)
    static func select(_ mask: Int64, _ a: Int64, _ b: Int64) -> Int64 { (a & mask) | (b & ~mask) }
}

extension Double: MaskSelectable {
    @inline(__always)
    static func select(_ mask: Int64, _ a: Double, _ b: Double) -> Double {
        let m = UInt64(bitPattern: mask)
        return Double(bitPattern: (a.bitPattern & m) | (b.bitPattern & ~m))
    }
}
