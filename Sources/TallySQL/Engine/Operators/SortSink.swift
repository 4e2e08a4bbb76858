/// ORDER BY at the end of a pipeline: each worker feeds its own `ExternalSort` (which
/// spills runs when the statement's memory budget is spent); the workers' sorts are
/// joined into the first by `absorb`, and `PlanExecutor.sorted` merges it.
///
/// A sink may only throw `SQLError`, so a spill failure or a cancellation met while
/// spilling is kept in `failure` (the sink then asks for no more input) and thrown by
/// the executor once the pipeline has stopped.
final class SortSink: ChunkSink {
    let sort: ExternalSort
    private var kept = SinkFailure()
    /// The error that stopped the sink, if any (see `SinkFailure`).
    var failure: Error? { kept.error }

    init(_ sort: ExternalSort) {
        self.sort = sort
    }

    func consume(_ chunk: DataChunk) throws(SQLError) -> Bool {
        try kept.run { try sort.add(chunk) }
    }

    func absorb(_ other: ChunkSink) throws(SQLError) {
        let other = other as! SortSink
        kept.adopt(other.kept)
        _ = try kept.run { try sort.absorb(other.sort) }
    }

    /// Nothing: the merge runs in `PlanExecutor.sorted`, where it may throw any error.
    func finish() throws(SQLError) -> [DataChunk] { [] }
}
