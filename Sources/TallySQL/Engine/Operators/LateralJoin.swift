/// Runs a `LateralJoinNode`: the left rows, then per left row the right rows of its key
/// (the right query run once per distinct key on a fresh single-threaded executor, as a
/// correlated subquery is), paired; the ON condition decides per pair; a LEFT join keeps a
/// left row without a matching pair with NULLs.
enum LateralJoin {
    static func run(_ node: LateralJoinNode, left: [DataChunk], executor: PlanExecutor) throws -> [DataChunk] {
        var cache: [[ScalarValue]: DataChunk] = [:]
        var out: [DataChunk] = []
        let rightTypes = node.right.types
        for chunk in left where chunk.count > 0 {
            var keyVectors: [ColumnVector] = []
            for k in node.keys { keyVectors.append(try ExpressionEvaluator.evaluate(k, chunk)) }
            for i in 0..<chunk.count {
                let key = keyVectors.map { Distinct.normalized($0.value(i)) }
                let rows: DataChunk
                if let cached = cache[key] {
                    rows = cached
                } else {
                    guard cache.count < CorrelatedSubquery.maxKeys else {
                        throw SQLError(.outOfRange, "a LATERAL query would run for more than \(CorrelatedSubquery.maxKeys) distinct outer values",
                                       at: node.range, hint: "write it as a join on a grouped WITH clause")
                    }
                    node.runLock.lock.lock()
                    defer { node.runLock.lock.unlock() }
                    for (slot, v) in zip(node.slots, key) { slot.set(v) }
                    let child = PlanExecutor(snapshot: executor.snapshot, engine: executor.engine, threads: 1,
                                             resident: executor.resident, memory: executor.memory, isCancelled: executor.isCancelled)
                    let result = try child.run(node.right)
                    executor.counters.add(partsRead: child.partsRead, partsSkipped: child.partsSkipped, rowsScanned: child.rowsScanned)
                    rows = ChunkConcatenation.concatenate(result, types: rightTypes, nullRows: 0)
                    cache[key] = rows
                }
                var matched = false
                if rows.count > 0 {
                    let leftRow = chunk.gather([Int32](repeating: Int32(i), count: rows.count))
                    var pairs = DataChunk(columns: leftRow.columns + rows.columns, count: rows.count)
                    if let residual = node.residual, let keep = Logic.selection(try ExpressionEvaluator.evaluate(residual, pairs)) {
                        pairs = pairs.gather(keep)
                    }
                    if pairs.count > 0 {
                        matched = true
                        out.append(pairs)
                    }
                }
                if !matched && node.kind == .left {
                    let nulls = rightTypes.map { ColumnVector.constant(.null, type: $0, count: 1) }
                    out.append(DataChunk(columns: chunk.gather([Int32(i)]).columns + nulls, count: 1))
                }
            }
        }
        return out
    }
}
