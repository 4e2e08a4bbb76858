/// ORDER BY ... LIMIT n over a pipeline: keeps only the best `limit` rows seen so far, so
/// a top-N over millions of rows holds N rows, not the input.
///
/// Each chunk gives its own best `limit` rows, picked by the sort on typed key columns
/// (`SortKeyColumn`) and gathered; the kept pieces are cut back to the best `limit` when
/// they hold four times that. The sink had compared `ScalarValue` keys row by row (two
/// arrays per row): `SELECT * FROM usage ORDER BY cost_usd DESC, ts LIMIT 10` over 1M rows
/// took 157 ms.
///
/// Once `limit` rows are kept, the worst of them bounds the first key (`threshold`): when
/// that key is an integer-like column with NULLs last, a chunk's rows are first cut to
/// those at least as good, by one comparison a row, and only those are sorted. Every chunk
/// was sorted whole before (`ORDER BY ts DESC LIMIT 50`, per_step 10M: most of 156 ms).
final class TopNSink: ChunkSink {
    /// The first key's value that a row must reach or pass to be among the best so far
    /// (the `limit`-th best of some rows seen), or nil.
    var threshold: Int64?
    let keys: [BoundSortKey]
    let limit: Int
    /// The best rows so far, as pieces of chunks (unordered between pieces).
    var kept: [DataChunk] = []
    var keptRows = 0
    /// No rows of the input's columns, for a top N of no rows.
    var empty: DataChunk?

    init(keys: [BoundSortKey], limit: Int) {
        self.keys = keys
        self.limit = limit
    }

    /// The best `limit` rows of `chunks`, in order.
    func best(_ chunks: [DataChunk]) throws(SQLError) -> [DataChunk] {
        do {
            return try Sorter.sort(chunks, keys: keys, limit: limit)
        } catch let e as SQLError {
            throw e
        } catch {
            // A sort with no cancellation check throws only what evaluating a key throws.
            throw SQLError(.unsupported, "ORDER BY ... LIMIT failed: \(error)", at: SourceRange(offset: 0, length: 0, line: 1, column: 1))
        }
    }

    func keep(_ pieces: [DataChunk]) throws(SQLError) {
        for p in pieces where p.count > 0 {
            kept.append(p)
            keptRows += p.count
        }
        if keptRows >= 4 * limit && kept.count > 1 {
            kept = try best(kept)
            keptRows = kept.reduce(0) { $0 + $1.count }
            if keptRows >= limit { tighten(kept) }
        }
    }

    func consume(_ chunk: DataChunk) throws(SQLError) -> Bool {
        if empty == nil { empty = chunk.gather([]) }
        if limit == 0 { return false }
        var chunk = chunk
        if let (column, descending) = boundedKey {
            // NULL rows are not picked: with NULLs last they cannot beat `limit` values.
            let op: Comparison.Operator = descending ? .greaterOrEqual : .lessOrEqual
            func cut(to t: Int64) {
                guard case .int64(let xs) = chunk.columns[column].storage else { return }
                let rows = SelectionFilter.compare(xs, t, op, chunk.columns[column].validity, nil, chunk.count)
                if rows.count < chunk.count { chunk = chunk.gather(rows) }
            }
            if let t = threshold { cut(to: t) }
            if chunk.count > limit, case .int64(let xs) = chunk.columns[column].storage {
                // The chunk's own `limit`-th best key, by quickselect (linear time), bounds
                // it too: inserting its best rows one by one into the sorted few was
                // quadratic when rows come in the order the sort wants (times ascending
                // under DESC).
                var values: [Int64]
                if let valid = chunk.columns[column].validity {
                    values = []
                    for i in 0..<chunk.count where valid[i] { values.append(xs[i]) }
                } else {
                    values = Array(xs.prefix(chunk.count))
                }
                if values.count >= limit {
                    let k = descending ? values.count - limit : limit - 1
                    values.withUnsafeMutableBufferPointer { Selection.select($0, k, <) }
                    let x = values[k]
                    let t = threshold.map { descending ? max($0, x) : min($0, x) } ?? x
                    threshold = t
                    cut(to: t)
                }
            }
            if chunk.count == 0 { return true }
        }
        let pieces = chunk.count <= limit ? [chunk] : try best([chunk])
        if chunk.count > limit { tighten(pieces) }
        try keep(pieces)
        return true
    }

    /// The first key's column and direction when the cut by `threshold` applies to it: a
    /// plain column with NULLs last.
    var boundedKey: (column: Int, descending: Bool)? {
        guard let first = keys.first, !first.nullsFirst, case .column(let i, let type, _) = first.expression, type.isInt64Backed else { return nil }
        return (i, first.descending)
    }

    /// Tightens `threshold` from `sorted`, pieces in order holding at least `limit` rows:
    /// its `limit`-th row's first key.
    func tighten(_ sorted: [DataChunk]) {
        guard let (column, descending) = boundedKey else { return }
        var remaining = limit - 1
        for piece in sorted {
            if remaining < piece.count {
                let v = piece.columns[column]
                guard case .int64(let xs) = v.storage, !(v.validity.map { !$0[remaining] } ?? false) else { return }
                let x = xs[remaining]
                threshold = threshold.map { descending ? max($0, x) : min($0, x) } ?? x
                return
            }
            remaining -= piece.count
        }
    }

    func absorb(_ other: ChunkSink) throws(SQLError) {
        let o = other as! TopNSink
        if empty == nil { empty = o.empty }
        try keep(o.kept)
    }

    func finish() throws(SQLError) -> [DataChunk] {
        guard !kept.isEmpty else { return empty.map { [$0] } ?? [] }
        return try best(kept)
    }
}
