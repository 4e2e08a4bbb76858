import CTallyKernels

/// The running state of one aggregate for every group of one hash table.
///
/// `update` gets the group of each row (`-1`: the row does not count, for FILTER) and the
/// argument vectors; the loops inside run over primitive arrays.
package protocol AggregateState: AnyObject {
    /// Makes room for groups `0..<count`.
    func resize(_ count: Int)
    /// Adds rows to their groups.
    func update(_ groups: [Int32], _ args: [ColumnVector], _ n: Int) throws(SQLError)
    /// Adds rows to their groups, told how the groups run before any FILTER made rows
    /// negative (`GroupRunShape`): the hash aggregate finds it once per chunk for all its
    /// aggregates, and a FILTER's gaps do not hide long runs.
    func update(_ groups: [Int32], _ args: [ColumnVector], _ n: Int, shape: GroupRunShape) throws(SQLError)
    /// Adds `other`'s groups: other's group `g` goes to group `mapping[g]` of self.
    func merge(_ other: AggregateState, _ mapping: [Int32])
    /// The result of every group.
    func finalize(_ count: Int) throws(SQLError) -> ColumnVector
    /// Adds every row to group 0: the aggregate without GROUP BY (or of a grouping set
    /// with no keys), with no group number per row.
    func updateSingle(_ args: [ColumnVector], _ n: Int) throws(SQLError)
}

extension AggregateState {
    /// The general form: the shape is not used.
    package func update(_ groups: [Int32], _ args: [ColumnVector], _ n: Int, shape: GroupRunShape) throws(SQLError) {
        try update(groups, args, n)
    }

    /// The general form: group 0 for every row.
    package func updateSingle(_ args: [ColumnVector], _ n: Int) throws(SQLError) {
        try update([Int32](repeating: 0, count: n), args, n)
    }
}

/// A state that counts, per group, the rows whose argument is not NULL (sum and avg),
/// so that a count(*) beside it can take those counts as its own (`CountState.partner`).
protocol CountsPresentRows: AnyObject {
    /// Per group, rows with a non-NULL argument.
    var counts: [Int64] { get }
}

/// count(*) and count(x).
final class CountState: AggregateState {
    let countAll: Bool
    var counts: [Int64] = []
    /// For a count(*) beside a sum or avg (set by `AggregateSink`): that aggregate's counts
    /// of its non-NULL rows are part of this count, and `counts` holds only the rows where
    /// its argument was NULL. A count(*) then costs nothing on chunks without NULLs, where
    /// it was a second pass over the group numbers (a tenth of a01, the top sandboxes by
    /// cost, per_step 10M).
    weak var partner: CountsPresentRows?
    init(countAll: Bool) { self.countAll = countAll }
    func resize(_ count: Int) { if counts.count < count { counts += [Int64](repeating: 0, count: count - counts.count) } }

    /// Per row, whether it counts (nil: every row does).
    static func counted(_ a: ColumnVector?, _ n: Int) -> [Bool]?? {
        guard let a else { return .some(nil) }
        switch a.storage {
        case .constant(let v): return v.isNull ? .none : .some(nil)
        case .dictionary(let codes, let dict, _):
            // The first n codes only: a scan's buffers may hold more than the vector's rows.
            let nullCode = (0..<dict.count).map { dict.isNull($0) }
            return .some((0..<n).map { !nullCode[Int(codes[$0])] })
        default: return .some(a.validity)
        }
    }

    func update(_ groups: [Int32], _ args: [ColumnVector], _ n: Int) throws(SQLError) {
        try update(groups, args, n, shape: GroupRunShape(groups, n))
    }
    func update(_ groups: [Int32], _ args: [ColumnVector], _ n: Int, shape: GroupRunShape) throws(SQLError) {
        guard n > 0, case .some(let present) = Self.counted(countAll ? nil : args.first, n) else { return }
        groups.withUnsafeBufferPointer { g in
            counts.withUnsafeMutableBufferPointer { c in
                if let present {
                    present.withUnsafeBufferPointer { p in GroupedKernels.count(g, present: p, into: c.baseAddress!, n, shape) }
                } else {
                    GroupedKernels.count(g, present: nil, into: c.baseAddress!, n, shape)
                }
            }
        }
    }
    func updateSingle(_ args: [ColumnVector], _ n: Int) throws(SQLError) {
        guard case .some(let present) = Self.counted(countAll ? nil : args.first, n) else { return }
        var added = Int64(n)
        if let present { added = 0; for p in present where p { added += 1 } }
        counts[0] += added
    }
    func merge(_ other: AggregateState, _ mapping: [Int32]) {
        let o = other as! CountState
        let n = min(o.counts.count, mapping.count)
        guard n > 0 else { return }
        // Over buffers: a merge of 150,000 groups indexed the class's arrays with an
        // exclusivity check per access.
        counts.withUnsafeMutableBufferPointer { c in
            o.counts.withUnsafeBufferPointer { theirs in
                mapping.withUnsafeBufferPointer { m in for g in 0..<n { c[Int(m[g])] &+= theirs[g] } }
            }
        }
    }
    func finalize(_ count: Int) throws(SQLError) -> ColumnVector {
        resize(count)
        var out = Array(counts.prefix(count))
        if let present = partner?.counts {
            for g in 0..<min(count, present.count) { out[g] &+= present[g] }
        }
        return ColumnVector(type: .bigint, storage: .int64(out), count: count)
    }

    /// Per row, whether `a` is NULL; nil when no row is (the rows a partner's counts miss).
    static func nullRows(_ a: ColumnVector, _ n: Int) -> [Bool]? {
        switch counted(a, n) {
        case .none: return [Bool](repeating: true, count: n)
        case .some(nil): return nil
        case .some(let present?): return present.contains(false) ? present.map { !$0 } : nil
        }
    }

    /// Counts the rows of group `groups[i] >= 0` where `rows[i]` holds.
    func add(_ groups: [Int32], rows: [Bool], _ n: Int, shape: GroupRunShape) {
        groups.withUnsafeBufferPointer { g in
            counts.withUnsafeMutableBufferPointer { c in
                rows.withUnsafeBufferPointer { p in GroupedKernels.count(g, present: p, into: c.baseAddress!, n, shape) }
            }
        }
    }
}

/// Adds another worker's per-group sums and counts into `sums` and `counts`: its group `g`
/// goes to group `mapping[g]`. Over buffers: a merge of 150,000 groups indexed the states'
/// arrays with an exclusivity check per access.
@inline(__always)
func mergeSums<Sum>(_ sums: inout [Sum], _ counts: inout [Int64], _ theirSums: [Sum], _ theirCounts: [Int64],
                    _ mapping: [Int32], add: (Sum, Sum) -> Sum) {
    let n = min(theirSums.count, mapping.count)
    guard n > 0 else { return }
    sums.withUnsafeMutableBufferPointer { s in
        counts.withUnsafeMutableBufferPointer { c in
            theirSums.withUnsafeBufferPointer { ts in
                theirCounts.withUnsafeBufferPointer { tc in
                    mapping.withUnsafeBufferPointer { m in
                        for g in 0..<n {
                            let t = Int(m[g])
                            s[t] = add(s[t], ts[g])
                            c[t] &+= tc[g]
                        }
                    }
                }
            }
        }
    }
}

/// sum and avg of integers and decimals: exact Int128 sums, checked.
///
/// The sums are kept in Int64s while no group's sum can reach 2^63: `bound` adds, per
/// chunk, its rows times its largest magnitude, an upper bound on any group's sum. A
/// store's costs in nano-USD stay far below it (10M rows of up to 13 USD: 1.3e17 of
/// 9.2e18); past it the sums widen to Int128 once, and stay so. An Int64 add per row
/// instead of an add with carry, and half the bytes per group: the top 20 of 151,578
/// sandboxes by cost (a01, per_step 10M) spent 44% of its time adding into Int128s.
final class SumExactState: AggregateState, CountsPresentRows {
    let type: LogicalType
    let average: Bool
    /// The sums once widened (`isNarrow` false).
    var sums: [Int128] = []
    /// The sums while `isNarrow`.
    var narrowSums: [Int64] = []
    var isNarrow = true
    /// While `isNarrow`: at least the magnitude of any group's sum, at most Int64.max.
    var bound: UInt64 = 0
    var counts: [Int64] = []
    var overflowed = false
    init(type: LogicalType, average: Bool) {
        self.type = type
        self.average = average
    }
    func resize(_ count: Int) {
        if counts.count < count {
            if isNarrow {
                narrowSums += [Int64](repeating: 0, count: count - narrowSums.count)
            } else {
                sums += [Int128](repeating: 0, count: count - sums.count)
            }
            counts += [Int64](repeating: 0, count: count - counts.count)
        }
    }

    /// Moves the sums to Int128s, for good.
    func widen() {
        guard isNarrow else { return }
        sums = narrowSums.map { Int128($0) }
        narrowSums = []
        isNarrow = false
    }

    /// Whether `x[0..<n]` can be added into the Int64 sums: the bound grows by `n` times
    /// the largest magnitude and stays within Int64. Widens the sums when it cannot.
    func admits(_ x: UnsafeBufferPointer<Int64>, _ n: Int) -> Bool {
        guard isNarrow else { return false }
        guard n > 0 else { return true }
        var lo: Int64 = 0, hi: Int64 = 0
        tally_int64_range(x.baseAddress!, n, &lo, &hi)
        let (added, o1) = max(lo.magnitude, hi.magnitude).multipliedReportingOverflow(by: UInt64(n))
        let (total, o2) = bound.addingReportingOverflow(added)
        guard !o1, !o2, total <= UInt64(Int64.max) else { widen(); return false }
        bound = total
        return true
    }

    func update(_ groups: [Int32], _ args: [ColumnVector], _ n: Int) throws(SQLError) {
        try update(groups, args, n, shape: GroupRunShape(groups, n))
    }
    func update(_ groups: [Int32], _ args: [ColumnVector], _ n: Int, shape: GroupRunShape) throws(SQLError) {
        let a = args[0]
        if n == 0 { return }
        if case .int64(let xs) = a.storage {
            if xs.withUnsafeBufferPointer({ admits($0, n) }) {
                Self.add(groups, xs, a.validity, into: &narrowSums, &counts, n, shape)
            } else {
                Self.add(groups, xs, a.validity, into: &sums, &counts, n, shape)
            }
            return
        }
        widen()
        for i in 0..<n where groups[i] >= 0 {
            let v = a.value(i)
            let g = Int(groups[i])
            switch v {
            case .int(let x):
                let (r, o) = sums[g].addingReportingOverflow(x)
                if o { overflowed = true }
                sums[g] = r
                counts[g] += 1
            case .bool(let b):
                sums[g] += b ? 1 : 0
                counts[g] += 1
            default: break
            }
        }
    }
    /// The grouped kernel over `xs`, into `sums` of either width.
    static func add<S: ExactSum>(_ groups: [Int32], _ xs: [Int64], _ validity: [Bool]?, into sums: inout [S], _ counts: inout [Int64],
                                 _ n: Int, _ shape: GroupRunShape) {
        xs.withUnsafeBufferPointer { x in
            groups.withUnsafeBufferPointer { g in
                sums.withUnsafeMutableBufferPointer { s in
                    counts.withUnsafeMutableBufferPointer { c in
                        if let validity {
                            validity.withUnsafeBufferPointer { p in
                                GroupedKernels.sumInt64(g, x, present: p, sums: s.baseAddress!, counts: c.baseAddress!, n, shape)
                            }
                        } else {
                            GroupedKernels.sumInt64(g, x, present: nil, sums: s.baseAddress!, counts: c.baseAddress!, n, shape)
                        }
                    }
                }
            }
        }
    }

    func updateSingle(_ args: [ColumnVector], _ n: Int) throws(SQLError) {
        let a = args[0]
        guard case .int64(let xs) = a.storage else {
            try update([Int32](repeating: 0, count: n), args, n)
            return
        }
        var counted = Int64(n)
        xs.withUnsafeBufferPointer { x in
            if admits(x, n) {
                // Int64 adds, which vectorise.
                var sum: Int64 = 0
                if let valid = a.validity {
                    counted = 0
                    for i in 0..<n { let take = valid[i]; sum &+= take ? x[i] : 0; counted &+= take ? 1 : 0 }
                } else {
                    for i in 0..<n { sum &+= x[i] }
                }
                narrowSums[0] &+= sum
                return
            }
            var sum: Int128 = 0
            if let valid = a.validity {
                counted = 0
                for i in 0..<n where valid[i] { sum &+= Int128(x[i]); counted += 1 }
            } else {
                for i in 0..<n { sum &+= Int128(x[i]) }
            }
            // Int128 sums of Int64s cannot overflow below 2^63 rows.
            sums[0] &+= sum
        }
        counts[0] += counted
    }
    func merge(_ other: AggregateState, _ mapping: [Int32]) {
        let o = other as! SumExactState
        if isNarrow, o.isNarrow {
            let (total, overflow) = bound.addingReportingOverflow(o.bound)
            if !overflow, total <= UInt64(Int64.max) {
                bound = total
                mergeSums(&narrowSums, &counts, o.narrowSums, o.counts, mapping) { $0 &+ $1 }
                return
            }
        }
        widen()
        var overflow = o.overflowed
        mergeSums(&sums, &counts, o.isNarrow ? o.narrowSums.map { Int128($0) } : o.sums, o.counts, mapping) { a, b in
            let (r, of) = a.addingReportingOverflow(b)
            overflow = overflow || of
            return r
        }
        overflowed = overflowed || overflow
    }
    func finalize(_ count: Int) throws(SQLError) -> ColumnVector {
        widen()
        resize(count)
        if overflowed {
            throw SQLError(.overflow, "Overflow in sum of \(type): the total does not fit HUGEINT", at: SourceRange(offset: 0, length: 0, line: 1, column: 1))
        }
        if average {
            return ColumnVector.build(type: .double, count: count) { g in
                counts[g] == 0 ? .null : .double(Self.divide(sums[g], counts[g], scale: type.scale))
            }
        }
        let out: LogicalType = type.isInteger || type == .boolean ? .hugeint : .decimal(width: 38, scale: type.scale)
        let limit = LogicalType.powerOfTen(38)
        for g in 0..<count where counts[g] > 0 && (sums[g] >= limit || sums[g] <= 0 - limit) && out != .hugeint {
            throw SQLError(.overflow, "Overflow in sum: the total leaves DECIMAL(38,\(type.scale))", at: SourceRange(offset: 0, length: 0, line: 1, column: 1))
        }
        // The sums as they are (Int128-backed types), NULL where a group had no value: no
        // value per group built and appended.
        guard out.isInt128Backed else {
            return ColumnVector.build(type: out, count: count) { g in counts[g] == 0 ? .null : .int(sums[g]) }
        }
        let values = Array(sums.prefix(count))
        let valid = counts.prefix(count).map { $0 > 0 }
        let anyNull = valid.contains(false)
        return ColumnVector(type: out, storage: .int128(anyNull ? zip(values, valid).map { $1 ? $0 : 0 } : values),
                            validity: anyNull ? valid : nil, count: count)
    }

    /// sum / count as a Double, exact to the Double's precision.
    static func divide(_ sum: Int128, _ count: Int64, scale: Int) -> Double {
        let c = Int128(count)
        let q = sum / c, r = sum % c
        // Divided by the exact power of ten (a multiplication by 1e-9 would round twice).
        return (q.nearestDouble + r.nearestDouble / Double(count)) / LogicalType.powerOfTen(scale).nearestDouble
    }
}

/// sum and avg of doubles.
final class SumDoubleState: AggregateState, CountsPresentRows {
    let average: Bool
    var sums: [Double] = []
    var counts: [Int64] = []
    init(average: Bool) { self.average = average }
    func resize(_ count: Int) {
        if sums.count < count {
            sums += [Double](repeating: 0, count: count - sums.count)
            counts += [Int64](repeating: 0, count: count - counts.count)
        }
    }
    func update(_ groups: [Int32], _ args: [ColumnVector], _ n: Int) throws(SQLError) {
        try update(groups, args, n, shape: GroupRunShape(groups, n))
    }
    func update(_ groups: [Int32], _ args: [ColumnVector], _ n: Int, shape: GroupRunShape) throws(SQLError) {
        let a = args[0]
        if n == 0 { return }
        if case .double(let xs) = a.storage {
            xs.withUnsafeBufferPointer { x in
                groups.withUnsafeBufferPointer { g in
                    sums.withUnsafeMutableBufferPointer { s in
                        counts.withUnsafeMutableBufferPointer { c in
                            if let valid = a.validity {
                                valid.withUnsafeBufferPointer { p in
                                    GroupedKernels.sumDouble(g, x, present: p, sums: s.baseAddress!, counts: c.baseAddress!, n, shape)
                                }
                            } else {
                                GroupedKernels.sumDouble(g, x, present: nil, sums: s.baseAddress!, counts: c.baseAddress!, n, shape)
                            }
                        }
                    }
                }
            }
            return
        }
        for i in 0..<n where groups[i] >= 0 {
            if case .double(let d) = a.value(i) {
                sums[Int(groups[i])] += d
                counts[Int(groups[i])] += 1
            }
        }
    }
    func updateSingle(_ args: [ColumnVector], _ n: Int) throws(SQLError) {
        let a = args[0]
        guard case .double(let xs) = a.storage else {
            try update([Int32](repeating: 0, count: n), args, n)
            return
        }
        // Added in row order, as the grouped loop does, so both give the same bits.
        var sum = sums[0]
        var counted = Int64(0)
        xs.withUnsafeBufferPointer { x in
            if let valid = a.validity {
                for i in 0..<n where valid[i] { sum += x[i]; counted += 1 }
            } else {
                for i in 0..<n { sum += x[i] }
                counted = Int64(n)
            }
        }
        sums[0] = sum
        counts[0] += counted
    }
    func merge(_ other: AggregateState, _ mapping: [Int32]) {
        let o = other as! SumDoubleState
        mergeSums(&sums, &counts, o.sums, o.counts, mapping) { $0 + $1 }
    }
    func finalize(_ count: Int) throws(SQLError) -> ColumnVector {
        resize(count)
        let valid = counts.prefix(count).map { $0 > 0 }
        let anyNull = valid.contains(false)
        let values = (0..<count).map { g in counts[g] == 0 ? 0 : (average ? sums[g] / Double(counts[g]) : sums[g]) }
        return ColumnVector(type: .double, storage: .double(values), validity: anyNull ? valid : nil, count: count)
    }
}

/// any_value (first non-NULL), first and last (including NULLs), in input order.
final class FirstValueState: AggregateState {
    enum Mode { case anyValue, first, last }
    let mode: Mode
    let type: LogicalType
    var values: [ScalarValue] = []
    var seen: [Bool] = []
    init(mode: Mode, type: LogicalType) {
        self.mode = mode
        self.type = type
    }
    func resize(_ count: Int) {
        if values.count < count {
            values += [ScalarValue](repeating: .null, count: count - values.count)
            seen += [Bool](repeating: false, count: count - seen.count)
        }
    }
    func offer(_ g: Int, _ v: ScalarValue) {
        switch mode {
        case .anyValue: if !seen[g] && !v.isNull { values[g] = v; seen[g] = true }
        case .first: if !seen[g] { values[g] = v; seen[g] = true }
        case .last: values[g] = v; seen[g] = true
        }
    }
    func update(_ groups: [Int32], _ args: [ColumnVector], _ n: Int) throws(SQLError) {
        for i in 0..<n where groups[i] >= 0 {
            let g = Int(groups[i])
            if mode != .last && seen[g] { continue }
            offer(g, args[0].value(i))
        }
    }
    func merge(_ other: AggregateState, _ mapping: [Int32]) {
        let o = other as! FirstValueState
        for g in 0..<min(o.values.count, mapping.count) where o.seen[g] { offer(Int(mapping[g]), o.values[g]) }
    }
    func finalize(_ count: Int) throws(SQLError) -> ColumnVector {
        resize(count)
        return ColumnVector.build(type: type, count: count) { values[$0] }
    }
}

/// bool_and / bool_or.
final class BoolState: AggregateState {
    let isAnd: Bool
    var values: [UInt8] = []  // 2 = no input yet
    init(isAnd: Bool) { self.isAnd = isAnd }
    func resize(_ count: Int) { if values.count < count { values += [UInt8](repeating: 2, count: count - values.count) } }
    func offer(_ g: Int, _ b: Bool) {
        let cur = values[g]
        if cur == 2 { values[g] = b ? 1 : 0; return }
        values[g] = isAnd ? ((cur == 1 && b) ? 1 : 0) : ((cur == 1 || b) ? 1 : 0)
    }
    func update(_ groups: [Int32], _ args: [ColumnVector], _ n: Int) throws(SQLError) {
        for i in 0..<n where groups[i] >= 0 {
            if case .bool(let b) = args[0].value(i) { offer(Int(groups[i]), b) }
        }
    }
    func merge(_ other: AggregateState, _ mapping: [Int32]) {
        let o = other as! BoolState
        for g in 0..<min(o.values.count, mapping.count) where o.values[g] != 2 { offer(Int(mapping[g]), o.values[g] == 1) }
    }
    func finalize(_ count: Int) throws(SQLError) -> ColumnVector {
        resize(count)
        return ColumnVector.build(type: .boolean, count: count) { values[$0] == 2 ? .null : .bool(values[$0] == 1) }
    }
}

/// string_agg(x, sep): the non-NULL values in input order.
final class StringAggState: AggregateState {
    let separator: String
    var parts: [[String]] = []
    init(separator: String) { self.separator = separator }
    func resize(_ count: Int) { if parts.count < count { parts += [[String]](repeating: [], count: count - parts.count) } }
    func update(_ groups: [Int32], _ args: [ColumnVector], _ n: Int) throws(SQLError) {
        for i in 0..<n where groups[i] >= 0 {
            let v = args[0].value(i)
            if !v.isNull { parts[Int(groups[i])].append(Cast.text(v, args[0].type)) }
        }
    }
    func merge(_ other: AggregateState, _ mapping: [Int32]) {
        let o = other as! StringAggState
        for g in 0..<min(o.parts.count, mapping.count) { parts[Int(mapping[g])] += o.parts[g] }
    }
    func finalize(_ count: Int) throws(SQLError) -> ColumnVector {
        resize(count)
        return ColumnVector.build(type: .varchar, count: count) { parts[$0].isEmpty ? .null : .string(parts[$0].joined(separator: separator)) }
    }
}

/// product(x) as a DOUBLE.
final class ProductState: AggregateState {
    let type: LogicalType
    var values: [Double] = []
    var seen: [Bool] = []
    init(type: LogicalType) { self.type = type }
    func resize(_ count: Int) {
        if values.count < count {
            values += [Double](repeating: 1, count: count - values.count)
            seen += [Bool](repeating: false, count: count - seen.count)
        }
    }
    func update(_ groups: [Int32], _ args: [ColumnVector], _ n: Int) throws(SQLError) {
        for i in 0..<n where groups[i] >= 0 {
            if let d = args[0].value(i).asDouble(args[0].type) {
                values[Int(groups[i])] *= d
                seen[Int(groups[i])] = true
            }
        }
    }
    func merge(_ other: AggregateState, _ mapping: [Int32]) {
        let o = other as! ProductState
        for g in 0..<min(o.values.count, mapping.count) where o.seen[g] {
            values[Int(mapping[g])] *= o.values[g]
            seen[Int(mapping[g])] = true
        }
    }
    func finalize(_ count: Int) throws(SQLError) -> ColumnVector {
        resize(count)
        return ColumnVector.build(type: .double, count: count) { seen[$0] ? .double(values[$0]) : .null }
    }
}
