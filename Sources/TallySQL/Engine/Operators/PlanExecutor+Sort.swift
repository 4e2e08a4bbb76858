import TallyExecution

extension PlanExecutor {
    /// `input` ordered by `keys` (the first `limit` rows when given) through an
    /// `ExternalSort`, which spills when the statement's memory budget is spent. A
    /// streaming input feeds the sort from the scan's workers, so its rows are never
    /// collected first; any other input is handed over chunk by chunk, each released as
    /// the sort takes it.
    func sorted(_ input: LogicalPlan, keys: [BoundSortKey], limit: Int?) throws -> [DataChunk] {
        if isStreaming(input) {
            var sinks: [SortSink] = []
            _ = try pipeline(input, limit: nil) {
                let sink = SortSink(ExternalSort(keys: keys, memory: memory, isCancelled: isCancelled))
                sinks.append(sink)
                return sink
            }
            if let failure = sinks.lazy.compactMap(\.failure).first { throw failure }
            guard let first = sinks.first else { return [] }
            return try first.sort.finish(limit: limit)
        }
        var chunks = try run(input)
        let sort = ExternalSort(keys: keys, memory: memory, isCancelled: isCancelled)
        for i in chunks.indices {
            if isCancelled() { throw ExecutionError.cancelled }
            try sort.add(chunks[i])
            chunks[i] = DataChunk(columns: [], count: 0)
        }
        return try sort.finish(limit: limit)
    }
}
