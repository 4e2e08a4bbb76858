/// count, sum, avg, min and max over frames of one partition. Counts and exact sums come
/// from prefix sums (any frame in O(1)); double sums are added in row order over the frame
/// (as a running sum when the frame starts with the partition) so that they round as the
/// grouped sum does; min and max use running extremes when the frame starts with the
/// partition and scan the frame otherwise.
struct WindowFrameAggregate {
    let kind: AggregateKind
    let returnType: LogicalType
    let argumentType: LogicalType
    let p0: Int
    /// The argument's values in sorted order over the partition.
    var values: [ScalarValue] = []
    /// Non-NULL values among the first i (prefix counts, index i - p0).
    var counts: [Int] = [0]
    /// Exact sums of the first i values (integers and decimals).
    var exactSums: [Int128] = [0]
    var overflowed: [Bool] = [false]
    /// Running double sums of the first i values.
    var doubleSums: [Double] = [0]
    /// Running min/max of the first i values.
    var running: [ScalarValue] = [.null]
    /// For frames that do not start with the partition: double sums and extremes of any
    /// range (built on first use).
    var doubleTree: WindowSegmentTree<Double>? = nil
    var extremeTree: WindowSegmentTree<ScalarValue>? = nil

    init(kind: AggregateKind, returnType: LogicalType, argumentType: LogicalType, values: [ScalarValue]?, rows: [Int], partition: Range<Int>) {
        self.kind = kind
        self.returnType = returnType
        self.argumentType = argumentType
        p0 = partition.lowerBound
        guard let values, kind != .countStar else { return }
        self.values = partition.map { values[rows[$0]] }
        counts.reserveCapacity(partition.count + 1)
        var c = 0, exact: Int128 = 0, overflow = false, double = 0.0
        var extreme = ScalarValue.null
        for v in self.values {
            if !v.isNull {
                c += 1
                switch v {
                case .int(let x):
                    let (s, o) = exact.addingReportingOverflow(x)
                    exact = s; overflow = overflow || o
                case .bool(let b): exact += b ? 1 : 0
                case .double(let d): double += d
                default: break
                }
                if kind == .min || kind == .max {
                    let cmp = extreme.isNull ? (kind == .min ? -1 : 1) : ScalarValue.compare(v, extreme)
                    if (kind == .min && cmp < 0) || (kind == .max && cmp > 0) { extreme = v }
                }
            }
            counts.append(c)
            exactSums.append(exact)
            overflowed.append(overflow)
            doubleSums.append(double)
            if kind == .min || kind == .max { running.append(extreme) }
        }
    }

    /// The aggregate over positions [start, end) (empty: NULL, 0 for counts).
    mutating func value(_ start: Int, _ end: Int) throws(SQLError) -> ScalarValue {
        let s = start - p0, e = end - p0
        if kind == .countStar { return .int(Int128(max(0, e - s))) }
        guard s < e else { return kind == .count ? .int(0) : .null }
        let n = counts[e] - counts[s]
        switch kind {
        case .count: return .int(Int128(n))
        case .sum, .avg:
            guard n > 0 else { return .null }
            if argumentType == .double {
                var total = 0.0
                if s == 0 {
                    total = doubleSums[e]
                } else if e - s <= 32 {
                    for i in s..<e { if case .double(let d) = values[i] { total += d } }
                } else {
                    if doubleTree == nil {
                        doubleTree = WindowSegmentTree(values.map { if case .double(let d) = $0 { return d }; return 0 }, identity: 0, combine: +)
                    }
                    total = doubleTree!.query(s, e)
                }
                return .double(kind == .avg ? total / Double(n) : total)
            }
            guard !overflowed[e] else {
                throw SQLError(.overflow, "Overflow in a window sum of \(argumentType): the total does not fit HUGEINT",
                               at: SourceRange(offset: 0, length: 0, line: 1, column: 1))
            }
            let total = exactSums[e] - exactSums[s]
            if kind == .avg { return .double(SumExactState.divide(total, Int64(n), scale: argumentType.scale)) }
            if case .decimal = returnType, total >= LogicalType.powerOfTen(38) || total <= 0 - LogicalType.powerOfTen(38) {
                throw SQLError(.overflow, "Overflow in a window sum: the total leaves DECIMAL(38,\(argumentType.scale))",
                               at: SourceRange(offset: 0, length: 0, line: 1, column: 1))
            }
            return .int(total)
        case .min, .max:
            guard n > 0 else { return .null }
            if s == 0 { return running[e] }
            if extremeTree == nil {
                let wantMax = kind == .max
                extremeTree = WindowSegmentTree(values, identity: .null) { a, b in
                    if a.isNull { return b }
                    if b.isNull { return a }
                    let c = ScalarValue.compare(a, b)
                    return wantMax ? (c >= 0 ? a : b) : (c <= 0 ? a : b)
                }
            }
            return extremeTree!.query(s, e)
        default:
            return .null
        }
    }
}
