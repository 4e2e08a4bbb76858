/// min and max of any type.
///
/// Integers, dates, timestamps and decimals to 18 digits keep one Int64 per group, and
/// DOUBLE one Double, updated in a loop over the rows' primitive values; text coded in a
/// dictionary is reduced per chunk to the best code of each group it touches (codes
/// compared by their values' rank in the dictionary), and only that code's value is
/// offered to the group. Every other type keeps a scalar per group.
///
/// The first version kept a scalar per group for every type and, per chunk, made one
/// optional per group of the whole table: `max(ts)` by run (200,000 runs) was 0.8x
/// DuckDB, `max(quantity)` 0.17x, `max(model_id)` by project 0.17x (per_step 10M).
final class MinMaxState: AggregateState {
    /// How the best values are kept.
    enum Form { case int64, double, scalar }

    let wantMax: Bool
    let type: LogicalType
    let form: Form
    /// `.int64`: the best value per group, meaningful where `seen`.
    var ints: [Int64] = []
    /// `.double`: the best value per group, meaningful where `seen`.
    var doubles: [Double] = []
    /// `.int64` and `.double`: whether the group has had a non-NULL value.
    var seen: [Bool] = []
    /// `.scalar`: the best value per group (NULL: none yet).
    var best: [ScalarValue] = []
    /// `.scalar` over a dictionary: per group, the best code of the chunk so far (-1:
    /// none); reset to -1 for the groups touched after each chunk.
    var chunkBest: [Int32] = []

    init(wantMax: Bool, type: LogicalType) {
        self.wantMax = wantMax
        self.type = type
        form = type.isInt64Backed ? .int64 : (type == .double ? .double : .scalar)
    }

    /// Groups with room.
    var count: Int { form == .scalar ? best.count : seen.count }

    func resize(_ count: Int) {
        let more = count - self.count
        guard more > 0 else { return }
        switch form {
        case .int64:
            ints += [Int64](repeating: 0, count: more)
            seen += [Bool](repeating: false, count: more)
        case .double:
            doubles += [Double](repeating: 0, count: more)
            seen += [Bool](repeating: false, count: more)
        case .scalar:
            best += [ScalarValue](repeating: .null, count: more)
            chunkBest += [Int32](repeating: -1, count: more)
        }
    }

    /// Offers one value of any representation to group `g`.
    func offer(_ g: Int, _ v: ScalarValue) {
        if v.isNull { return }
        switch form {
        case .int64:
            guard let x = ExpressionEvaluator.int64Bits(v) else { return }
            offer(g, x)
        case .double:
            guard case .double(let x) = v else { return }
            offer(g, x)
        case .scalar:
            if best[g].isNull { best[g] = v; return }
            let c = ScalarValue.compare(v, best[g])
            if wantMax ? c > 0 : c < 0 { best[g] = v }
        }
    }

    /// Offers an integer-like value to group `g` (`.int64` form).
    @inline(__always) func offer(_ g: Int, _ x: Int64) {
        if !seen[g] { ints[g] = x; seen[g] = true; return }
        ints[g] = wantMax ? Swift.max(ints[g], x) : Swift.min(ints[g], x)
    }

    /// Offers a double to group `g` (`.double` form).
    @inline(__always) func offer(_ g: Int, _ x: Double) {
        if !seen[g] { doubles[g] = x; seen[g] = true; return }
        if MinMaxState.isBetter(x, than: doubles[g], max: wantMax) { doubles[g] = x }
    }

    /// DuckDB's order of doubles: NaN above every number; equal values (0.0 and -0.0)
    /// keep the one seen first.
    @inline(__always) static func isBetter(_ x: Double, than cur: Double, max: Bool) -> Bool {
        max ? (x > cur || (x.isNaN && !cur.isNaN)) : (x < cur || (cur.isNaN && !x.isNaN))
    }

    func update(_ groups: [Int32], _ args: [ColumnVector], _ n: Int) throws(SQLError) {
        let a = args[0]
        switch (form, a.storage) {
        case (.int64, .int64(let xs)):
            let max = wantMax
            MinMaxState.update(groups, xs, a.validity, n, &ints, &seen) { x, cur in max ? x > cur : x < cur }
        case (.double, .double(let xs)):
            let max = wantMax
            MinMaxState.update(groups, xs, a.validity, n, &doubles, &seen) { x, cur in MinMaxState.isBetter(x, than: cur, max: max) }
        case (.scalar, .dictionary(let codes, let dict, let id)):
            updateCodes(groups, codes, dict, id, n)
        default:
            for i in 0..<n where groups[i] >= 0 { offer(Int(groups[i]), a.value(i)) }
        }
    }

    /// The rows of groups >= 0 with a value, from a primitive array into the groups' best
    /// values: over buffers, as the class's arrays would pay an exclusivity check and a
    /// uniqueness check per row (the first version was 10x slower than DuckDB).
    @inline(__always)
    static func update<T>(_ groups: [Int32], _ xs: [T], _ validity: [Bool]?, _ n: Int, _ best: inout [T], _ seen: inout [Bool],
                          _ isBetter: (T, T) -> Bool) {
        groups.withUnsafeBufferPointer { g in
            xs.withUnsafeBufferPointer { x in
                best.withUnsafeMutableBufferPointer { b in
                    seen.withUnsafeMutableBufferPointer { s in
                        @inline(__always) func take(_ i: Int) {
                            let k = Int(g[i])
                            if !s[k] {
                                b[k] = x[i]
                                s[k] = true
                            } else if isBetter(x[i], b[k]) {
                                b[k] = x[i]
                            }
                        }
                        if let validity {
                            validity.withUnsafeBufferPointer { v in
                                for i in 0..<n where g[i] >= 0 && v[i] { take(i) }
                            }
                        } else {
                            for i in 0..<n where g[i] >= 0 { take(i) }
                        }
                    }
                }
            }
        }
    }

    /// Without GROUP BY: one reduction over the rows, with no group number per row.
    func updateSingle(_ args: [ColumnVector], _ n: Int) throws(SQLError) {
        resize(1)
        let a = args[0]
        switch (form, a.storage) {
        case (.int64, .int64(let xs)):
            let max = wantMax
            if let x = MinMaxState.reduce(xs, a.validity, n, { x, cur in max ? x > cur : x < cur }) { offer(0, x) }
        case (.double, .double(let xs)):
            let max = wantMax
            if let x = MinMaxState.reduce(xs, a.validity, n, { x, cur in MinMaxState.isBetter(x, than: cur, max: max) }) { offer(0, x) }
        default:
            try update([Int32](repeating: 0, count: n), args, n)
        }
    }

    /// The best of the rows with a value, nil when none has one.
    @inline(__always)
    static func reduce<T>(_ xs: [T], _ validity: [Bool]?, _ n: Int, _ isBetter: (T, T) -> Bool) -> T? {
        xs.withUnsafeBufferPointer { x in
            var best: T?
            if let validity {
                for i in 0..<n where validity[i] {
                    if let b = best { if isBetter(x[i], b) { best = x[i] } } else { best = x[i] }
                }
                return best
            }
            guard n > 0 else { return nil }
            var b = x[0]
            for i in 1..<n where isBetter(x[i], b) { b = x[i] }
            return b
        }
    }

    /// Text coded in a dictionary: the best code per group by the codes' ranks, then each
    /// touched group is offered its best code's value once.
    func updateCodes(_ groups: [Int32], _ codes: [Int64], _ dict: ColumnVector, _ id: Int, _ n: Int) {
        let ranks = DictionaryRanks.shared.ranks(dict, id: id)
        var touched: [Int32] = []
        ranks.withUnsafeBufferPointer { r in
            chunkBest.withUnsafeMutableBufferPointer { b in
                for i in 0..<n {
                    let g = Int(groups[i]), code = Int32(truncatingIfNeeded: codes[i])
                    // A NULL entry has rank -1.
                    guard g >= 0, r[Int(code)] >= 0 else { continue }
                    let cur = b[g]
                    if cur < 0 {
                        b[g] = code
                        touched.append(Int32(g))
                    } else if wantMax ? r[Int(code)] > r[Int(cur)] : r[Int(code)] < r[Int(cur)] {
                        b[g] = code
                    }
                }
            }
        }
        for g in touched {
            offer(Int(g), dict.value(Int(chunkBest[Int(g)])))
            chunkBest[Int(g)] = -1
        }
    }

    func merge(_ other: AggregateState, _ mapping: [Int32]) {
        let o = other as! MinMaxState
        let n = min(o.count, mapping.count)
        switch form {
        case .int64: for g in 0..<n where o.seen[g] { offer(Int(mapping[g]), o.ints[g]) }
        case .double: for g in 0..<n where o.seen[g] { offer(Int(mapping[g]), o.doubles[g]) }
        case .scalar: for g in 0..<n { offer(Int(mapping[g]), o.best[g]) }
        }
    }

    func finalize(_ count: Int) throws(SQLError) -> ColumnVector {
        resize(count)
        let valid = Array(seen.prefix(count))
        let validity: [Bool]? = valid.contains(false) ? valid : nil
        switch form {
        case .int64: return ColumnVector(type: type, storage: .int64(Array(ints.prefix(count))), validity: validity, count: count)
        case .double: return ColumnVector(type: type, storage: .double(Array(doubles.prefix(count))), validity: validity, count: count)
        case .scalar: return ColumnVector.build(type: type, count: count) { best[$0] }
        }
    }
}

/// Ranks of a dictionary's values in the order of `ScalarValue.compare` (-1 for NULL),
/// by dictionary id and size (a global dictionary grows under one id), made once and
/// shared by the chunks of a statement. Bounded by entries.
final class DictionaryRanks: @unchecked Sendable {
    static let shared = DictionaryRanks()
    private let lock = NSLockLike()
    private var tables: [Int: (count: Int, ranks: [Int32])] = [:]

    func ranks(_ dict: ColumnVector, id: Int) -> [Int32] {
        // Small dictionaries are cheaper to rank again than to look up under a lock.
        if dict.count < 64 { return DictionaryRanks.rank(dict) }
        if let t = lock.locked({ tables[id] }), t.count == dict.count { return t.ranks }
        let r = DictionaryRanks.rank(dict)
        lock.locked {
            if tables.count >= 64 { tables.removeAll() }
            tables[id] = (dict.count, r)
        }
        return r
    }

    /// Positions in sorted order. Equal text is equal bytes, so which of two equal
    /// entries ranks first changes no result.
    static func rank(_ dict: ColumnVector) -> [Int32] {
        let values = dict.values
        let order = values.indices.filter { !values[$0].isNull }.sorted { ScalarValue.compare(values[$0], values[$1]) < 0 }
        var ranks = [Int32](repeating: -1, count: values.count)
        for (k, i) in order.enumerated() { ranks[i] = Int32(k) }
        return ranks
    }
}
