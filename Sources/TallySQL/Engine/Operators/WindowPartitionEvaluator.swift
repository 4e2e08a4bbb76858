/// Evaluates one window function over one partition at a time. Positions are indexes in
/// the sorted order (`WindowOrdering.rows`); results go to the rows' input positions.
struct WindowPartitionEvaluator {
    let function: BoundWindowFunction
    let order: WindowOrdering
    /// The arguments' values, by input row.
    let arguments: [[ScalarValue]]
    /// Scratch per partition (reused): the first and past-the-last position of each
    /// position's peer group, and its frame.
    var peerStart: [Int] = [], peerEnd: [Int] = []
    var frameStart: [Int] = [], frameEnd: [Int] = []

    init(function: BoundWindowFunction, order: WindowOrdering, arguments: [[ScalarValue]]) {
        self.function = function
        self.order = order
        self.arguments = arguments
    }

    mutating func run(_ partition: Range<Int>, into out: inout [ScalarValue]) throws(SQLError) {
        findPeers(partition)
        let rows = order.rows
        let size = partition.count
        let p0 = partition.lowerBound
        switch function.kind {
        case .rowNumber:
            for pos in partition { out[rows[pos]] = .int(Int128(pos - p0 + 1)) }
        case .rank:
            for pos in partition { out[rows[pos]] = .int(Int128(peerStart[pos - p0] - p0 + 1)) }
        case .denseRank:
            var rank = 0
            for pos in partition {
                if peerStart[pos - p0] == pos { rank += 1 }
                out[rows[pos]] = .int(Int128(rank))
            }
        case .percentRank:
            for pos in partition {
                let r = peerStart[pos - p0] - p0
                out[rows[pos]] = .double(size > 1 ? Double(r) / Double(size - 1) : 0)
            }
        case .cumeDist:
            for pos in partition { out[rows[pos]] = .double(Double(peerEnd[pos - p0] - p0) / Double(size)) }
        case .ntile:
            for pos in partition {
                guard case .int(let b) = arguments[0][rows[pos]] else { continue }
                guard b > 0 else {
                    throw SQLError(.outOfRange, "ntile()'s argument must be greater than zero, not \(b)", at: SourceRange(offset: 0, length: 0, line: 1, column: 1))
                }
                // DuckDB's split: the first (size % buckets) buckets hold one row more.
                let buckets = Int(min(b, Int128(size)))
                let small = size / buckets, large = size - buckets * small
                let i = pos - p0, bigRows = large * (small + 1)
                let bucket = i < bigRows ? 1 + i / (small + 1) : 1 + large + (i - bigRows) / small
                out[rows[pos]] = .int(Int128(bucket))
            }
        case .lag, .lead:
            let sign = function.kind == .lag ? -1 : 1
            for pos in partition {
                let row = rows[pos]
                guard case .int(let offset) = arguments[1][row] else { continue }
                // Clamped: any offset past the partition's size lands outside it (no overflow).
                let target = pos + sign * Int(max(-Int128(size) - 1, min(Int128(size) + 1, offset)))
                out[row] = partition.contains(target) ? arguments[0][rows[target]] : arguments[2][row]
            }
        case .firstValue, .lastValue, .nthValue:
            findFrames(partition)
            for pos in partition {
                let s = frameStart[pos - p0], e = frameEnd[pos - p0]
                let row = rows[pos]
                switch function.kind {
                case .firstValue: out[row] = s < e ? arguments[0][rows[s]] : .null
                case .lastValue: out[row] = s < e ? arguments[0][rows[e - 1]] : .null
                default:
                    guard case .int(let k) = arguments[1][row] else { continue }
                    guard k > 0 else {
                        throw SQLError(.outOfRange, "nth_value()'s position must be 1 or more, not \(k)", at: SourceRange(offset: 0, length: 0, line: 1, column: 1))
                    }
                    let target = s + Int(min(k, Int128(size) + 1)) - 1
                    out[row] = target < e ? arguments[0][rows[target]] : .null
                }
            }
        case .aggregate(let kind):
            findFrames(partition)
            var frames = WindowFrameAggregate(kind: kind, returnType: function.returnType,
                                              argumentType: function.arguments.first?.type ?? .null,
                                              values: arguments.first, rows: rows, partition: partition)
            for pos in partition {
                out[rows[pos]] = try frames.value(frameStart[pos - p0], frameEnd[pos - p0])
            }
        }
    }

    /// Peer groups: rows equal on every ORDER BY key (all rows without ORDER BY).
    mutating func findPeers(_ partition: Range<Int>) {
        let size = partition.count, p0 = partition.lowerBound, rows = order.rows
        peerStart = [Int](repeating: 0, count: size)
        peerEnd = [Int](repeating: 0, count: size)
        var start = p0
        while start < partition.upperBound {
            var end = start + 1
            while end < partition.upperBound && order.arePeers(rows[start], rows[end]) { end += 1 }
            for pos in start..<end { peerStart[pos - p0] = start; peerEnd[pos - p0] = end }
            start = end
        }
    }

    /// Each position's frame [start, end), clamped to the partition (empty: start >= end).
    mutating func findFrames(_ partition: Range<Int>) {
        let size = partition.count, p0 = partition.lowerBound, p1 = partition.upperBound
        frameStart = [Int](repeating: 0, count: size)
        frameEnd = [Int](repeating: 0, count: size)
        let frame = function.frame
        let rangeKeys: [ScalarValue]? = frame.isRange && !order.orderKeys.isEmpty ? order.orderKeys[0] : nil
        let descending = function.orderBy.first?.descending ?? false
        for pos in partition {
            let i = pos - p0
            var s: Int, e: Int
            switch frame.start {
            case .unboundedPreceding: s = p0
            case .currentRow: s = frame.isRange ? peerStart[i] : pos
            case .preceding(let v):
                s = frame.isRange ? rangeEdge(pos, partition, rangeKeys!, offset: -number(v), descending, isStart: true)
                    : pos - Int(clamping: integer(v))
            case .following(let v):
                s = frame.isRange ? rangeEdge(pos, partition, rangeKeys!, offset: number(v), descending, isStart: true)
                    : pos + Int(clamping: integer(v))
            case .unboundedFollowing: s = p1
            }
            switch frame.end {
            case .unboundedFollowing: e = p1
            case .currentRow: e = frame.isRange ? peerEnd[i] : pos + 1
            case .preceding(let v):
                e = frame.isRange ? rangeEdge(pos, partition, rangeKeys!, offset: -number(v), descending, isStart: false)
                    : pos - Int(clamping: integer(v)) + 1
            case .following(let v):
                e = frame.isRange ? rangeEdge(pos, partition, rangeKeys!, offset: number(v), descending, isStart: false)
                    : pos + Int(clamping: integer(v)) + 1
            case .unboundedPreceding: e = p0
            }
            frameStart[i] = min(max(s, p0), p1)
            frameEnd[i] = min(max(e, p0), p1)
        }
    }

    func number(_ v: ScalarValue) -> Double { v.asDouble(.double) ?? 0 }
    func integer(_ v: ScalarValue) -> Int128 { if case .int(let x) = v { return x }; return 0 }

    /// A RANGE key as a number: dates in days, timestamps in microseconds (exact in a Double).
    func rangeKey(_ v: ScalarValue) -> Double? {
        switch v {
        case .date(let d): return Double(d)
        case .timestamp(let t): return Double(t)
        default: return v.asDouble(function.orderBy[0].expression.type)
        }
    }

    /// A RANGE bound: the first position whose key is at or past `key + offset` in the
    /// sort's direction (a start), or the first past it (an end). A NULL key's frame is its
    /// peer group of NULLs; rows with NULL keys are outside any other row's range.
    func rangeEdge(_ pos: Int, _ partition: Range<Int>, _ keys: [ScalarValue], offset: Double, _ descending: Bool, isStart: Bool) -> Int {
        let rows = order.rows, p0 = partition.lowerBound
        guard let current = rangeKey(keys[rows[pos]]) else {
            return isStart ? peerStart[pos - p0] : peerEnd[pos - p0]
        }
        // In the sort's direction, "preceding" is smaller for ASC and larger for DESC.
        let target = descending ? current - offset : current + offset
        // The non-NULL keys are one contiguous, sorted run of the partition.
        var lo = partition.lowerBound, hi = partition.upperBound
        while lo < partition.upperBound && keys[rows[lo]].isNull { lo += 1 }
        while hi > lo && keys[rows[hi - 1]].isNull { hi -= 1 }
        let nonNullStart = lo
        // First position where the key is past the target (isStart: at or past it).
        while lo < hi {
            let mid = (lo + hi) / 2
            let k = rangeKey(keys[rows[mid]])!
            let before: Bool
            if descending { before = isStart ? k > target : k >= target } else { before = isStart ? k < target : k <= target }
            if before { lo = mid + 1 } else { hi = mid }
        }
        return max(lo, nonNullStart)
    }
}
