import TallyExecution

/// UNION / INTERSECT / EXCEPT over two collected inputs of the same column types.
///
/// Rows are told apart by the hash aggregate's `GroupTable` (NULLs equal each other, -0.0
/// equals 0.0, NaNs one value: as DuckDB's set operations and GROUP BY see rows), so every
/// variant is a pass that numbers each row's distinct value, then keeps rows by per-group
/// counters: vectorised per chunk, with no per-row allocation.
enum SetOperationExecutor {
    static func apply(_ node: SetOperationNode, left: [DataChunk], right: [DataChunk],
                      isCancelled: () -> Bool = { false }) throws -> [DataChunk] {
        if node.op == .union && node.all { return left + right }
        let table = GroupTable(keyTypes: node.left.types)
        /// Per group: rows of the right input not yet matched (INTERSECT/EXCEPT), or whether
        /// the group was already output (distinct variants).
        var rightCount: [Int] = []
        var emitted: [Bool] = []
        func grow() {
            if rightCount.count < table.count {
                rightCount += [Int](repeating: 0, count: table.count - rightCount.count)
                emitted += [Bool](repeating: false, count: table.count - emitted.count)
            }
        }
        var out: [DataChunk] = []
        if node.op != .union {
            for chunk in right where chunk.count > 0 {
                if isCancelled() { throw ExecutionError.cancelled }
                let groups = table.groups(chunk.columns, chunk.count)
                grow()
                for g in groups { rightCount[Int(g)] += 1 }
            }
        }
        let inputs = node.op == .union ? left + right : left
        for chunk in inputs where chunk.count > 0 {
            if isCancelled() { throw ExecutionError.cancelled }
            let groups = table.groups(chunk.columns, chunk.count)
            grow()
            var keep: [Int32] = []
            keep.reserveCapacity(chunk.count)
            for (i, g32) in groups.enumerated() {
                let g = Int(g32)
                let take: Bool
                switch (node.op, node.all) {
                case (.union, _):
                    take = !emitted[g]
                    emitted[g] = true
                case (.intersect, false):
                    take = rightCount[g] > 0 && !emitted[g]
                    emitted[g] = true
                case (.except, false):
                    take = rightCount[g] == 0 && !emitted[g]
                    emitted[g] = true
                case (.intersect, true):
                    // Bag intersection: each left row takes one unmatched right row.
                    take = rightCount[g] > 0
                    if take { rightCount[g] -= 1 }
                case (.except, true):
                    // Bag difference: each right row cancels one left row.
                    take = rightCount[g] == 0
                    if !take { rightCount[g] -= 1 }
                }
                if take { keep.append(Int32(i)) }
            }
            if keep.count == chunk.count { out.append(chunk) } else if !keep.isEmpty { out.append(chunk.gather(keep)) }
        }
        return out
    }
}
