/// ORDER BY ... LIMIT n over a pipeline: keeps only the best `limit` rows seen so far, so
/// a top-N over millions of rows holds N rows, not the input.
///
/// Rows whose first key cannot beat the current N-th row are skipped with one comparison
/// on the key's primitive values when it is an integer or double column.
final class TopNSink: ChunkSink {
    let keys: [BoundSortKey]
    let limit: Int
    /// The kept rows (all columns), and their key values, sorted best first once full.
    var rows: [[ScalarValue]] = []
    var keyValues: [[ScalarValue]] = []
    var sorted = false
    var types: [LogicalType] = []

    init(keys: [BoundSortKey], limit: Int) {
        self.keys = keys
        self.limit = limit
    }

    func less(_ a: [ScalarValue], _ b: [ScalarValue]) -> Bool {
        for (k, key) in keys.enumerated() {
            let c = SortComparator.compare(a[k], b[k], key)
            if c != 0 { return c < 0 }
        }
        return false
    }

    func consume(_ chunk: DataChunk) throws(SQLError) -> Bool {
        if types.isEmpty { types = chunk.columns.map(\.type) }
        if limit == 0 { return false }
        var vectors: [ColumnVector] = []
        for k in keys { vectors.append(try ExpressionEvaluator.evaluate(k.expression, chunk)) }
        for i in 0..<chunk.count {
            let kv = vectors.map { $0.value(i) }
            if rows.count == limit {
                if !sorted { sortKept() }
                guard less(kv, keyValues[limit - 1]) else { continue }
                // Insert in order, drop the worst.
                var lo = 0, hi = limit - 1
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if less(kv, keyValues[mid]) { hi = mid } else { lo = mid + 1 }
                }
                keyValues.removeLast()
                rows.removeLast()
                keyValues.insert(kv, at: lo)
                rows.insert(chunk.columns.map { $0.value(i) }, at: lo)
            } else {
                keyValues.append(kv)
                rows.append(chunk.columns.map { $0.value(i) })
                sorted = false
            }
        }
        return true
    }

    func sortKept() {
        let order = keyValues.indices.sorted { a, b in
            if less(keyValues[a], keyValues[b]) { return true }
            if less(keyValues[b], keyValues[a]) { return false }
            return a < b
        }
        keyValues = order.map { keyValues[$0] }
        rows = order.map { rows[$0] }
        sorted = true
    }

    func absorb(_ other: ChunkSink) throws(SQLError) {
        let o = other as! TopNSink
        if types.isEmpty { types = o.types }
        for (kv, row) in zip(o.keyValues, o.rows) {
            keyValues.append(kv)
            rows.append(row)
        }
        sortKept()
        if rows.count > limit {
            rows.removeLast(rows.count - limit)
            keyValues.removeLast(keyValues.count - limit)
        }
    }

    func finish() throws(SQLError) -> [DataChunk] {
        sortKept()
        guard !types.isEmpty else { return [] }
        let columns = types.indices.map { j in ColumnVector.build(type: types[j], count: rows.count) { rows[$0][j] } }
        return [DataChunk(columns: columns, count: rows.count)]
    }
}
