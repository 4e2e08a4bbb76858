import TallyExecution

/// Rows of several chunks in ORDER BY order, as references (chunk, row) into the chunks:
/// the in-memory sort that `Sorter.sort` returns whole and `ExternalSort` writes out as a
/// run, block by block.
struct SortedRows {
    let chunks: [DataChunk]
    /// Per input row (in input order), its chunk and row.
    let rows: [(chunk: Int32, row: Int32)]
    /// Input row numbers in sorted order (ties in input order); the first `limit` only.
    let order: [Int]

    init(_ chunks: [DataChunk], keys: [BoundSortKey], limit: Int?, isCancelled: @escaping () -> Bool) throws {
        self.chunks = chunks
        let poll = CancellationPoll(isCancelled)
        var rows: [(chunk: Int32, row: Int32)] = []
        var keyVectors: [[ColumnVector]] = keys.map { _ in [] }
        for (c, chunk) in chunks.enumerated() {
            try poll.checkNow()
            for (k, key) in keys.enumerated() {
                keyVectors[k].append(try ExpressionEvaluator.evaluate(key.expression, chunk))
            }
            for i in 0..<chunk.count { rows.append((Int32(c), Int32(i))) }
        }
        // Typed key columns (constants: a closure reading a `var` pays an exclusivity check).
        let keyColumns = keyVectors.map(SortKeyColumn.make)
        var order = Array(rows.indices)
        // The comparison is a total order (ties by row number), so the sort is stable;
        // it checks no cancellation itself (see `InterruptibleSort`).
        let less: (Int, Int) -> Bool = { a, b in
            for k in keys.indices {
                let c = keyColumns[k].compare(a, b, keys[k])
                if c != 0 { return c < 0 }
            }
            return a < b
        }
        if let limit, limit < order.count / 4 {
            // Top N: a bounded selection keeps the work near n log N.
            var heap: [Int] = []
            for i in order {
                if i & (CancellationPoll.interval - 1) == 0 { try poll.checkNow() }
                if heap.count < limit {
                    heap.append(i)
                    if heap.count == limit { heap.sort(by: less) }
                } else if let last = heap.last, less(i, last) {
                    let pos = heap.partitionPoint { !less(i, $0) }
                    heap.insert(i, at: pos)
                    heap.removeLast()
                }
            }
            if heap.count < limit { heap.sort(by: less) }
            order = heap
        } else {
            try InterruptibleSort.sort(&order, by: less, isCancelled: isCancelled)
            if let limit { order = Array(order.prefix(limit)) }
        }
        self.rows = rows
        self.order = order
    }

    /// Sorted positions `range` as one chunk of flat vectors.
    func gather(_ range: Range<Int>, types: [LogicalType]) -> DataChunk {
        let columns = types.indices.map { j in
            ColumnVector.build(type: types[j], count: range.count) { r in
                let ref = rows[order[range.lowerBound + r]]
                return chunks[Int(ref.chunk)].columns[j].value(Int(ref.row))
            }
        }
        return DataChunk(columns: columns, count: range.count)
    }
}
