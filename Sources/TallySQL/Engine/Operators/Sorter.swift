/// ORDER BY (with an optional row limit: the top N), OFFSET/LIMIT slicing.
enum Sorter {
    /// The rows of `chunks` ordered by `keys` (a stable sort: ties keep input order); only
    /// the first `limit` when given.
    static func sort(_ chunks: [DataChunk], keys: [BoundSortKey], limit: Int?) throws(SQLError) -> [DataChunk] {
        guard let first = chunks.first else { return [] }
        var rows: [(chunk: Int32, row: Int32)] = []
        var keyVectors: [[ColumnVector]] = keys.map { _ in [] }
        for (c, chunk) in chunks.enumerated() {
            for (k, key) in keys.enumerated() {
                keyVectors[k].append(try ExpressionEvaluator.evaluate(key.expression, chunk))
            }
            for i in 0..<chunk.count { rows.append((Int32(c), Int32(i))) }
        }
        // Typed key columns (constants: a closure reading a `var` pays an exclusivity check).
        let keyColumns = keyVectors.map(SortKeyColumn.make)
        var order = Array(rows.indices)
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
            order.sort(by: less)
            if let limit { order = Array(order.prefix(limit)) }
        }
        if chunks.count == 1 { return [first.gather(order.map { Int32($0) })] }
        let types = first.columns.map(\.type)
        let columns = types.indices.map { j in
            ColumnVector.build(type: types[j], count: order.count) { r in
                let ref = rows[order[r]]
                return chunks[Int(ref.chunk)].columns[j].value(Int(ref.row))
            }
        }
        return [DataChunk(columns: columns, count: order.count)]
    }

    /// Rows `offset..<offset+limit` of the chunks, in order.
    static func slice(_ chunks: [DataChunk], offset: Int, limit: Int?) -> [DataChunk] {
        var out: [DataChunk] = []
        var skip = offset
        var remaining = limit ?? Int.max
        for chunk in chunks where remaining > 0 {
            if skip >= chunk.count { skip -= chunk.count; continue }
            // Without a LIMIT `remaining` is Int.max: add only what the chunk can give.
            let end = skip + min(chunk.count - skip, remaining)
            let rows = (skip..<end).map { Int32($0) }
            out.append(rows.count == chunk.count ? chunk : chunk.gather(rows))
            remaining -= rows.count
            skip = 0
        }
        return out
    }
}

extension Array {
    /// The first index where `belongs` is false, for an array partitioned true-then-false.
    func partitionPoint(_ belongs: (Element) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if belongs(self[mid]) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

/// SELECT DISTINCT and DISTINCT ON.
enum Distinct {
    static func apply(_ chunks: [DataChunk], onColumns: Int?) throws(SQLError) -> [DataChunk] {
        guard let first = chunks.first else { return [] }
        let types = first.columns.map(\.type)
        let width = onColumns ?? types.count
        var seen = Set<[ScalarValue]>()
        var kept: [[ScalarValue]] = []
        for chunk in chunks {
            for i in 0..<chunk.count {
                let key = (0..<width).map { normalized(chunk.columns[$0].value(i)) }
                if seen.insert(key).inserted { kept.append(chunk.columns.map { $0.value(i) }) }
            }
        }
        let columns = types.indices.map { j in ColumnVector.build(type: types[j], count: kept.count) { kept[$0][j] } }
        return [DataChunk(columns: columns, count: kept.count)]
    }

    /// A value that hashes and compares as DISTINCT and GROUP BY see it: -0.0 as 0.0, and
    /// every NaN as one value (a NaN is not equal to itself as a Swift Double).
    static func normalized(_ v: ScalarValue) -> ScalarValue {
        if case .double(let d) = v {
            if d.isNaN { return .string("\u{0}NaN") }
            return .double(d == 0 ? 0 : d)
        }
        return v
    }
}
