import TallyExecution

extension PlanExecutor {
    /// A hash join's build side, held in memory or, past the statement's memory budget,
    /// split into partitions on disk (a grace hash join).
    enum JoinBuild {
        case inMemory(JoinBuildSide)
        case partitioned(JoinPartitions)
    }

    /// Runs the join's right input into its build side. A join without keys (every pair
    /// a candidate) cannot be partitioned and is built in memory as before.
    func buildSide(_ j: JoinNode) throws -> JoinBuild {
        guard !j.rightKeys.isEmpty else {
            return .inMemory(try JoinBuildSide(j, try run(j.right), isCancelled: isCancelled))
        }
        let sink = try collect(j.right, keys: j.rightKeys, partitioned: false)
        if let partitions = sink.partitions { return .partitioned(partitions) }
        let side = try JoinBuildSide(j, sink.chunks, isCancelled: isCancelled)
        // The build side keeps its share of the budget while it is probed.
        side.reservation = sink.reservation
        return .inMemory(side)
    }

    /// `plan`'s rows in a `JoinBuildSink`: from the scan's workers when it streams, else
    /// chunk by chunk from its collected output, each released as the sink takes it.
    func collect(_ plan: LogicalPlan, keys: [BoundExpression], partitioned: Bool) throws -> JoinBuildSink {
        if isStreaming(plan) {
            var sinks: [JoinBuildSink] = []
            _ = try pipeline(plan, limit: nil) {
                let sink = JoinBuildSink(keys: keys, types: plan.types, memory: memory, partitioned: partitioned,
                                     isCancelled: isCancelled)
                sinks.append(sink)
                return sink
            }
            if let failure = sinks.lazy.compactMap(\.failure).first { throw failure }
            if let first = sinks.first { return first }
            return JoinBuildSink(keys: keys, types: plan.types, memory: memory, partitioned: partitioned,
                                     isCancelled: isCancelled)
        }
        var chunks = try run(plan)
        let sink = JoinBuildSink(keys: keys, types: plan.types, memory: memory, partitioned: partitioned,
                                     isCancelled: isCancelled)
        for i in chunks.indices {
            if isCancelled() { throw ExecutionError.cancelled }
            try sink.add(chunks[i])
            chunks[i] = DataChunk(columns: [], count: 0)
        }
        return sink
    }

    /// A grace hash join: the left input is split by the same hash as the build side, then
    /// each partition's build rows are loaded and probed by its left rows, one partition in
    /// memory at a time; the joined chunks go to `emit` as they are made (RIGHT/FULL: each
    /// partition's unmatched build rows after its probe).
    func partitionedJoin(_ j: JoinNode, _ build: JoinPartitions, emit: (DataChunk) throws -> Void) throws {
        let probe = try collect(j.left, keys: j.leftKeys, partitioned: true).partitions!
        defer { for p in 0..<JoinPartitions.count { probe.remove(p); build.remove(p) } }
        let keepsRight = j.kind == .right || j.kind == .full
        for p in 0..<JoinPartitions.count {
            if isCancelled() { throw ExecutionError.cancelled }
            var rows: [DataChunk] = []
            try build.forEachChunk(of: p) { rows.append($0) }
            build.remove(p)
            let side = try JoinBuildSide(j, rows, isCancelled: isCancelled)
            rows = []
            var matched = [Bool](repeating: false, count: keepsRight ? side.buildCount : 0)
            try withUnsafeMutablePointer(to: &matched) { pointer in
                try probe.forEachChunk(of: p) { chunk in
                    for piece in try side.probe(chunk, buildMatched: keepsRight ? pointer : nil) { try emit(piece) }
                    if isCancelled() { throw ExecutionError.cancelled }
                }
            }
            probe.remove(p)
            if keepsRight, let unmatched = HashJoin.unmatchedBuildRows(j, side, matched) { try emit(unmatched) }
        }
    }
}
