import TallyExecution

/// Runs window functions on the collected input: per function, the rows are ordered by
/// (partition keys, order keys) through an index sort, then each partition is evaluated
/// in one pass (ranks from peer groups, frames from two bounds per row, aggregates from
/// prefix sums where the frame allows). The input's rows keep their order; the results
/// are appended as new columns.
enum WindowOperator {
    static func apply(_ chunks: [DataChunk], _ functions: [BoundWindowFunction], inputTypes: [LogicalType],
                      isCancelled: @escaping () -> Bool) throws -> [DataChunk] {
        let total = chunks.reduce(0) { $0 + $1.count }
        var results: [[ScalarValue]] = []
        for f in functions {
            if isCancelled() { throw ExecutionError.cancelled }
            results.append(try evaluate(f, chunks, total, isCancelled: isCancelled))
        }
        if total == 0 {
            let columns = (inputTypes + functions.map(\.returnType)).map { ColumnVector.constant(.null, type: $0, count: 0) }
            return [DataChunk(columns: columns, count: 0)]
        }
        var out: [DataChunk] = []
        var base = 0
        for chunk in chunks where chunk.count > 0 {
            var columns = chunk.columns
            for (j, f) in functions.enumerated() {
                let values = results[j], start = base
                columns.append(ColumnVector.build(type: f.returnType, count: chunk.count) { values[start + $0] })
            }
            out.append(DataChunk(columns: columns, count: chunk.count))
            base += chunk.count
        }
        return out
    }

    /// The values of `e` over all rows, in input order.
    static func column(_ e: BoundExpression, _ chunks: [DataChunk], _ total: Int) throws -> [ScalarValue] {
        var out: [ScalarValue] = []
        out.reserveCapacity(total)
        for chunk in chunks where chunk.count > 0 {
            let v = try ExpressionEvaluator.evaluate(e, chunk)
            for i in 0..<chunk.count { out.append(v.value(i)) }
        }
        return out
    }

    /// One function's result per input row.
    static func evaluate(_ f: BoundWindowFunction, _ chunks: [DataChunk], _ n: Int,
                         isCancelled: @escaping () -> Bool = { false }) throws -> [ScalarValue] {
        let partitionKeys = try f.partitionBy.map { try column($0, chunks, n) }
        let orderKeys = try f.orderBy.map { try column($0.expression, chunks, n) }
        var arguments = try f.arguments.map { try column($0, chunks, n) }
        var function = f
        if let filter = f.filter {
            // A filtered aggregate sees NULL where the filter is not TRUE (count(*): counts
            // a constant where it is).
            let keep = try column(filter, chunks, n)
            if case .aggregate(.countStar) = f.kind {
                function.kind = .aggregate(.count)
                arguments = [keep.map { if case .bool(true) = $0 { return .int(1) }; return .null }]
            } else {
                for i in 0..<n { if case .bool(true) = keep[i] { continue }; arguments[0][i] = .null }
            }
        }
        let order = try WindowOrdering(partitionKeys: partitionKeys, orderKeys: orderKeys, sortKeys: f.orderBy, count: n,
                                       isCancelled: isCancelled)
        var out = [ScalarValue](repeating: .null, count: n)
        var evaluator = WindowPartitionEvaluator(function: function, order: order, arguments: arguments)
        var start = 0
        var poll = CancellationPoll(isCancelled)
        while start < n {
            try poll.check()
            var end = start + 1
            while end < n && order.samePartition(order.rows[start], order.rows[end]) { end += 1 }
            try evaluator.run(start..<end, into: &out)
            start = end
        }
        return out
    }
}

/// The rows in (partition, order) order, with the comparisons that find partitions and peers.
struct WindowOrdering {
    let partitionKeys: [[ScalarValue]]
    let orderKeys: [[ScalarValue]]
    let sortKeys: [BoundSortKey]
    /// Row numbers in sorted order.
    let rows: [Int]

    init(partitionKeys: [[ScalarValue]], orderKeys: [[ScalarValue]], sortKeys: [BoundSortKey], count: Int,
         isCancelled: @escaping () -> Bool = { false }) throws {
        self.partitionKeys = partitionKeys
        self.orderKeys = orderKeys
        self.sortKeys = sortKeys
        var rows = Array(0..<count)
        if !partitionKeys.isEmpty || !orderKeys.isEmpty {
            // A total order (ties by row number), sorted in interruptible blocks.
            try InterruptibleSort.sort(&rows, by: { a, b in
                for k in partitionKeys {
                    let c = WindowOrdering.compare(k[a], k[b], descending: false, nullsFirst: false)
                    if c != 0 { return c < 0 }
                }
                for (j, k) in orderKeys.enumerated() {
                    let c = WindowOrdering.compare(k[a], k[b], descending: sortKeys[j].descending, nullsFirst: sortKeys[j].nullsFirst)
                    if c != 0 { return c < 0 }
                }
                // Ties keep the input's order, so a run is reproducible.
                return a < b
            }, isCancelled: isCancelled)
        }
        self.rows = rows
    }

    /// Sort order of two key values: NULLs where the key puts them, others by direction.
    static func compare(_ x: ScalarValue, _ y: ScalarValue, descending: Bool, nullsFirst: Bool) -> Int {
        switch (x.isNull, y.isNull) {
        case (true, true): return 0
        case (true, false): return nullsFirst ? -1 : 1
        case (false, true): return nullsFirst ? 1 : -1
        default:
            let c = ScalarValue.compare(x, y)
            return descending ? -c : c
        }
    }

    /// Rows `a` and `b` (row numbers) share their partition keys.
    func samePartition(_ a: Int, _ b: Int) -> Bool {
        for k in partitionKeys where WindowOrdering.compare(k[a], k[b], descending: false, nullsFirst: false) != 0 { return false }
        return true
    }

    /// Rows `a` and `b` are peers: equal on every ORDER BY key.
    func arePeers(_ a: Int, _ b: Int) -> Bool {
        for k in orderKeys where WindowOrdering.compare(k[a], k[b], descending: false, nullsFirst: false) != 0 { return false }
        return true
    }
}
