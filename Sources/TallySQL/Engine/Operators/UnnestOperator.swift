/// `SELECT unnest(list) ...`: each input row becomes one row per element of its lists
/// (several unnested lists in one SELECT run side by side, the shorter padded with NULLs,
/// as DuckDB's), the other columns repeated; a row whose lists are all NULL or empty
/// gives no rows.
enum UnnestOperator {
    static func apply(_ chunks: [DataChunk], columns: [Int], types: [LogicalType]) -> [DataChunk] {
        var out: [DataChunk] = []
        let unnested = Set(columns)
        for chunk in chunks where chunk.count > 0 {
            var rows: [Int32] = [], positions: [Int] = []
            for i in 0..<chunk.count {
                var n = 0
                for c in columns { if case .list(let xs) = chunk.columns[c].value(i) { n = max(n, xs.count) } }
                for j in 0..<n {
                    rows.append(Int32(i))
                    positions.append(j)
                }
            }
            if rows.isEmpty { continue }
            var result: [ColumnVector] = []
            for (c, column) in chunk.columns.enumerated() {
                guard unnested.contains(c) else { result.append(column.gather(rows)); continue }
                result.append(ColumnVector.build(type: types[c], count: rows.count) { k in
                    guard case .list(let xs) = column.value(Int(rows[k])), positions[k] < xs.count else { return .null }
                    return xs[positions[k]]
                })
            }
            out.append(DataChunk(columns: result, count: rows.count))
        }
        return out
    }
}
