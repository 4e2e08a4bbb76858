/// ORDER BY ... LIMIT n over a pipeline: keeps only the best `limit` rows seen so far, so
/// a top-N over millions of rows holds N rows, not the input.
///
/// Each chunk gives its own best `limit` rows, picked by the sort on typed key columns
/// (`SortKeyColumn`) and gathered; the kept pieces are cut back to the best `limit` when
/// they hold four times that. The sink had compared `ScalarValue` keys row by row (two
/// arrays per row): `SELECT * FROM usage ORDER BY cost_usd DESC, ts LIMIT 10` over 1M rows
/// took 157 ms.
final class TopNSink: ChunkSink {
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
        }
    }

    func consume(_ chunk: DataChunk) throws(SQLError) -> Bool {
        if empty == nil { empty = chunk.gather([]) }
        if limit == 0 { return false }
        try keep(chunk.count <= limit ? [chunk] : try best([chunk]))
        return true
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
