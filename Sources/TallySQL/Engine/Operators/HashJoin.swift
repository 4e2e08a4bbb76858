/// Runs a `JoinNode`: the right input is the build side, the left input probes it.
///
/// Build: the right rows become one flat chunk with one all-NULL row appended (the partner
/// of a left row without a match), and their keys are numbered by a `GroupTable` (the hash
/// aggregate's table: one word per key per row, open addressing) into chains of rows per
/// key (`head`/`next`, arrays of Int32). Rows with a NULL key never match. Probe: per left
/// chunk, the keys are numbered by the same table and each row walks its key's chain into
/// pair indexes; pairs become output chunks by gathering both sides, and the residual
/// condition (evaluated on those chunks) decides which pairs match. Left rows without a
/// match (LEFT/FULL) pair with the NULL row; right rows never matched (RIGHT/FULL) come
/// last, with NULLs on the left.
enum HashJoin {
    /// Pairs per output chunk.
    static let batch = 16_384

    static func run(_ node: JoinNode, left: [DataChunk], right: [DataChunk]) throws(SQLError) -> [DataChunk] {
        let leftTypes = node.left.types
        let build = ChunkConcatenation.concatenate(right, types: node.right.types, nullRows: 1)
        let buildCount = build.count - 1
        let nullRow = Int32(buildCount)
        var buildMatched = [Bool](repeating: false, count: buildCount)
        let keepsLeft = node.kind == .left || node.kind == .full
        let keepsRight = node.kind == .right || node.kind == .full

        // The build side's key chains.
        let hasKeys = !node.leftKeys.isEmpty
        let table = GroupTable(keyTypes: node.rightKeys.map(\.type))
        var head: [Int32] = []
        var next = [Int32](repeating: -1, count: build.count)
        if hasKeys {
            var keys: [ColumnVector] = []
            for k in node.rightKeys { keys.append(try ExpressionEvaluator.evaluate(k, build)) }
            let groups = table.groups(keys, build.count)
            head = [Int32](repeating: -1, count: table.count)
            let nulls = nullKeyRows(keys, build.count)
            for j in stride(from: buildCount - 1, through: 0, by: -1) where !nulls[j] {
                let g = Int(groups[j])
                next[j] = head[g]
                head[g] = Int32(j)
            }
        }

        var out: [DataChunk] = []
        var leftRows: [Int32] = [], rightRows: [Int32] = []
        leftRows.reserveCapacity(batch)
        rightRows.reserveCapacity(batch)
        // Emits the pairs collected so far (from `chunk`), marking the matched rows.
        func flush(_ chunk: DataChunk, _ leftMatched: inout [Bool]) throws(SQLError) {
            if leftRows.isEmpty { return }
            var pairs = DataChunk(columns: chunk.gather(leftRows).columns + build.gather(rightRows).columns, count: leftRows.count)
            var matchedPairs: [Int32]? = nil
            if let residual = node.residual {
                let keep = Logic.selection(try ExpressionEvaluator.evaluate(residual, pairs)) ?? Array(0..<Int32(pairs.count))
                if keep.count < pairs.count { pairs = pairs.gather(keep) }
                matchedPairs = keep
            }
            if let matchedPairs {
                for p in matchedPairs { leftMatched[Int(leftRows[Int(p)])] = true; buildMatched[Int(rightRows[Int(p)])] = true }
            } else {
                for i in leftRows { leftMatched[Int(i)] = true }
                for j in rightRows { buildMatched[Int(j)] = true }
            }
            if pairs.count > 0 { out.append(pairs) }
            leftRows.removeAll(keepingCapacity: true)
            rightRows.removeAll(keepingCapacity: true)
        }

        for chunk in left where chunk.count > 0 {
            let n = chunk.count
            var leftMatched = [Bool](repeating: false, count: n)
            if hasKeys {
                var keys: [ColumnVector] = []
                for k in node.leftKeys { keys.append(try ExpressionEvaluator.evaluate(k, chunk)) }
                let groups = table.groups(keys, n)
                let nulls = nullKeyRows(keys, n)
                for i in 0..<n where !nulls[i] {
                    let g = Int(groups[i])
                    // Probing adds the keys the build side lacks: their chains are empty.
                    var j = g < head.count ? head[g] : -1
                    while j >= 0 {
                        leftRows.append(Int32(i))
                        rightRows.append(j)
                        if leftRows.count >= batch { try flush(chunk, &leftMatched) }
                        j = next[Int(j)]
                    }
                }
            } else {
                for i in 0..<n {
                    for j in 0..<buildCount {
                        leftRows.append(Int32(i))
                        rightRows.append(Int32(j))
                        if leftRows.count >= batch { try flush(chunk, &leftMatched) }
                    }
                }
            }
            try flush(chunk, &leftMatched)
            if keepsLeft {
                var unmatched: [Int32] = []
                for i in 0..<n where !leftMatched[i] { unmatched.append(Int32(i)) }
                if !unmatched.isEmpty {
                    let nulls = [Int32](repeating: nullRow, count: unmatched.count)
                    out.append(DataChunk(columns: chunk.gather(unmatched).columns + build.gather(nulls).columns, count: unmatched.count))
                }
            }
        }
        if keepsRight {
            var unmatched: [Int32] = []
            for j in 0..<buildCount where !buildMatched[j] { unmatched.append(Int32(j)) }
            if !unmatched.isEmpty {
                let nullLeft = leftTypes.map { ColumnVector.constant(.null, type: $0, count: unmatched.count) }
                out.append(DataChunk(columns: nullLeft + build.gather(unmatched).columns, count: unmatched.count))
            }
        }
        return out
    }

    /// Per row, whether any key is NULL (such a row matches nothing).
    static func nullKeyRows(_ keys: [ColumnVector], _ n: Int) -> [Bool] {
        var out = [Bool](repeating: false, count: n)
        for k in keys {
            switch k.storage {
            case .constant(let v):
                if v.isNull { return [Bool](repeating: true, count: n) }
            case .dictionary:
                for i in 0..<n where k.isNull(i) { out[i] = true }
            default:
                guard let valid = k.validity else { continue }
                for i in 0..<n where !valid[i] { out[i] = true }
            }
        }
        return out
    }
}

/// Several chunks as one chunk of flat vectors (the build side of a join, which is gathered
/// from by row number).
enum ChunkConcatenation {
    /// The rows of `chunks`, then `nullRows` rows of NULLs.
    static func concatenate(_ chunks: [DataChunk], types: [LogicalType], nullRows: Int) -> DataChunk {
        let total = chunks.reduce(0) { $0 + $1.count } + nullRows
        var columns: [ColumnVector] = []
        for (j, type) in types.enumerated() {
            var builder = VectorBuilder(type: type, capacity: total)
            for chunk in chunks {
                let v = chunk.columns[j]
                for i in 0..<chunk.count { builder.append(v.value(i)) }
            }
            for _ in 0..<nullRows { builder.append(.null) }
            columns.append(builder.finish())
        }
        return DataChunk(columns: columns, count: total)
    }
}
