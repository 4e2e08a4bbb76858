/// Where a pipeline's chunks end: collected rows, or groups.
package protocol ChunkSink: AnyObject {
    /// Takes one chunk; returns false when no more input is needed (a LIMIT is full).
    func consume(_ chunk: DataChunk) throws(SQLError) -> Bool
    /// Adds another worker's sink of the same kind (parallel pipelines end here).
    func absorb(_ other: ChunkSink) throws(SQLError)
    /// The output.
    func finish() throws(SQLError) -> [DataChunk]
}

/// Keeps every chunk (up to `limit` rows when given).
final class CollectSink: ChunkSink {
    var chunks: [DataChunk] = []
    var rows = 0
    let limit: Int?
    init(limit: Int?) { self.limit = limit }
    func consume(_ chunk: DataChunk) throws(SQLError) -> Bool {
        if chunk.count > 0 {
            // Compact dictionary/constant vectors are kept as they are; they are small.
            chunks.append(chunk)
            rows += chunk.count
        }
        return limit.map { rows < $0 } ?? true
    }
    func absorb(_ other: ChunkSink) throws(SQLError) {
        let o = other as! CollectSink
        chunks += o.chunks
        rows += o.rows
    }
    func finish() throws(SQLError) -> [DataChunk] { chunks }
}

/// The hash aggregate: groups rows by the keys and updates every aggregate's state.
final class AggregateSink: ChunkSink {
    let spec: AggregateSpec
    /// One table and one set of states per grouping set.
    var tables: [GroupTable]
    let states: [[AggregateState]]
    let sets: [[Int]]

    /// Per aggregate, the aggregate whose counts of non-NULL rows a count(*) takes as its
    /// own (`CountState.partner`), or nil.
    let partners: [Int?]

    init(spec: AggregateSpec) {
        self.spec = spec
        sets = spec.groupingSets ?? [Array(spec.keys.indices)]
        tables = sets.map { set in GroupTable(keyTypes: set.map { spec.keys[$0].type }) }
        let states = sets.map { _ in spec.aggregates.map { $0.makeState() } }
        self.states = states
        partners = AggregateSink.partners(spec.aggregates, states.first ?? [])
        for set in states {
            for (j, k) in partners.enumerated() {
                if let k { (set[j] as! CountState).partner = (set[k] as! CountsPresentRows) }
            }
        }
    }

    /// A partner for each plain count(*): a plain sum or avg whose state counts its non-NULL
    /// rows (the count(*) then adds only the rows where that argument is NULL).
    static func partners(_ aggregates: [BoundAggregate], _ states: [AggregateState]) -> [Int?] {
        func isPlain(_ a: BoundAggregate) -> Bool { a.filter == nil && !a.distinct && a.orderBy.isEmpty }
        let partner = aggregates.indices.first { k in
            let a = aggregates[k]
            return (a.kind == .sum || a.kind == .avg) && isPlain(a) && a.arguments.count == 1 && states[k] is CountsPresentRows
        }
        return aggregates.indices.map { j in
            let a = aggregates[j]
            guard a.kind == .countStar, isPlain(a), states[j] is CountState else { return nil }
            return partner
        }
    }

    func consume(_ chunk: DataChunk) throws(SQLError) -> Bool {
        let n = chunk.count
        if n == 0 { return true }
        var keyVectors: [ColumnVector] = []
        for k in spec.keys { keyVectors.append(try ExpressionEvaluator.evaluate(k, chunk)) }
        var inputs: [[ColumnVector]] = []
        var filters: [RowTruth?] = []
        for a in spec.aggregates {
            var vs: [ColumnVector] = []
            for e in a.arguments { vs.append(try ExpressionEvaluator.evaluate(e, chunk)) }
            for k in a.orderBy { vs.append(try ExpressionEvaluator.evaluate(k.expression, chunk)) }
            inputs.append(vs)
            filters.append(try a.filter.map { f throws(SQLError) in RowTruth(try ExpressionEvaluator.evaluate(f, chunk)) })
        }
        for (s, set) in sets.enumerated() {
            let table = tables[s]
            if set.isEmpty {
                // One group: no group number per row.
                if table.count == 0 { _ = table.groups([], 0) }
                for (j, state) in states[s].enumerated() {
                    state.resize(1)
                    if let k = partners[j] {
                        // Only the rows the partner did not count.
                        if let nulls = CountState.nullRows(inputs[k][0], n) {
                            (state as! CountState).counts[0] += Int64(nulls.reduce(0) { $0 + ($1 ? 1 : 0) })
                        }
                        continue
                    }
                    if let f = filters[j] {
                        let g = f.masking([Int32](repeating: 0, count: n))
                        try state.update(g, inputs[j], n, shape: .oneGroupWithSkips)
                    } else {
                        try state.updateSingle(inputs[j], n)
                    }
                }
                continue
            }
            let groups = table.groups(set.map { keyVectors[$0] }, n)
            let shape = groups.withUnsafeBufferPointer { GroupRunShape($0, n) }
            for (j, state) in states[s].enumerated() {
                state.resize(table.count)
                if let k = partners[j] {
                    if let nulls = CountState.nullRows(inputs[k][0], n) {
                        (state as! CountState).add(groups, rows: nulls, n, shape: shape)
                    }
                    continue
                }
                if let f = filters[j] {
                    let g = f.masking(groups)
                    var filtered = shape
                    filtered.hasSkips = true
                    try state.update(g, inputs[j], n, shape: filtered)
                } else {
                    try state.update(groups, inputs[j], n, shape: shape)
                }
            }
        }
        return true
    }

    func absorb(_ other: ChunkSink) throws(SQLError) {
        let o = other as! AggregateSink
        for s in sets.indices {
            let mine = tables[s], theirs = o.tables[s]
            var mapping: [Int32]
            if let direct = mine.directMapping(from: theirs) {
                mapping = direct
            } else if let coded = mine.codeMapping(from: theirs) {
                mapping = coded
            } else {
                mapping = [Int32](repeating: 0, count: theirs.count)
                // Made once: in direct mode a table makes its keys from codes when asked.
                let keys = theirs.keyValues
                for g in 0..<theirs.count { mapping[g] = mine.group(of: keys.map { $0[g] }) }
            }
            for (j, state) in states[s].enumerated() {
                state.resize(mine.count)
                state.merge(o.states[s][j], mapping)
            }
        }
    }

    func finish() throws(SQLError) -> [DataChunk] {
        var out: [DataChunk] = []
        let hasKeys = !spec.keys.isEmpty
        for (s, set) in sets.enumerated() {
            let table = tables[s]
            // An aggregate without GROUP BY has one row even over no input.
            if !hasKeys || set.isEmpty, table.count == 0 { _ = table.groups([], 0); for st in states[s] { st.resize(1) } }
            let n = table.count
            var columns: [ColumnVector] = []
            for (k, key) in spec.keys.enumerated() {
                if let pos = set.firstIndex(of: k) {
                    if var coded = set.count == 1 ? table.directKeyColumn : table.keyColumn(pos) {
                        coded.type = key.type
                        columns.append(coded)
                        continue
                    }
                    let values = table.keyValues[pos]
                    columns.append(ColumnVector.build(type: key.type, count: n) { values[$0] })
                } else {
                    columns.append(.constant(.null, type: key.type, count: n))
                }
            }
            if spec.groupingSets != nil {
                // grouping(): bit i (from the last key) set when key i is not grouped.
                var id: Int64 = 0
                for k in spec.keys.indices where !set.contains(k) { id |= 1 << Int64(spec.keys.count - 1 - k) }
                columns.append(.constant(.int(Int128(id)), type: .bigint, count: n))
            }
            for state in states[s] { columns.append(try state.finalize(n)) }
            out.append(DataChunk(columns: columns, count: n))
        }
        return out
    }
}
