import TallyExecution

/// ORDER BY (with an optional row limit: the top N), OFFSET/LIMIT slicing.
///
/// `sort` orders rows held in memory; `ExternalSort` calls it per run and merges the runs
/// when the rows outgrow the statement's memory budget.
enum Sorter {
    /// The rows of `chunks` ordered by `keys` (a stable sort: ties keep input order); only
    /// the first `limit` when given. `isCancelled` is polled while keys are read and
    /// during the comparisons.
    static func sort(_ chunks: [DataChunk], keys: [BoundSortKey], limit: Int?,
                     isCancelled: @escaping () -> Bool = { false }) throws -> [DataChunk] {
        guard let first = chunks.first else { return [] }
        let sorted = try SortedRows(chunks, keys: keys, limit: limit, isCancelled: isCancelled)
        // One chunk (an aggregate's output): its rows gathered in order, vectors kept as they are.
        if chunks.count == 1 { return [first.gather(sorted.order.map { Int32($0) })] }
        return [sorted.gather(0..<sorted.order.count, types: first.columns.map(\.type))]
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
    func partitionPoint(_ belongs: (Element) throws -> Bool) rethrows -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if try belongs(self[mid]) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

/// SELECT DISTINCT and DISTINCT ON.
enum Distinct {
    static func apply(_ chunks: [DataChunk], onColumns: Int?, isCancelled: () -> Bool = { false }) throws -> [DataChunk] {
        guard let first = chunks.first else { return [] }
        let types = first.columns.map(\.type)
        let width = onColumns ?? types.count
        var seen = Set<[ScalarValue]>()
        var kept: [[ScalarValue]] = []
        for chunk in chunks {
            if isCancelled() { throw ExecutionError.cancelled }
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
