/// ORDER BY at the end of a pipeline: each worker feeds its own `ExternalSort` (which
/// spills runs when the statement's memory budget is spent); the workers' sorts are
/// joined into the first by `absorb`, and `PlanExecutor.sorted` merges it.
///
/// A sink may only throw `SQLError`, so a spill failure or a cancellation met while
/// spilling is kept in `failure` (the sink then asks for no more input) and thrown by
/// the executor once the pipeline has stopped.
final class SortSink: ChunkSink {
    let sort: ExternalSort
    private(set) var failure: Error?

    init(_ sort: ExternalSort) {
        self.sort = sort
    }

    func consume(_ chunk: DataChunk) throws(SQLError) -> Bool {
        guard failure == nil else { return false }
        do {
            try sort.add(chunk)
        } catch let e as SQLError {
            throw e
        } catch {
            failure = error
            return false
        }
        return true
    }

    func absorb(_ other: ChunkSink) throws(SQLError) {
        let other = other as! SortSink
        if failure == nil { failure = other.failure }
        guard failure == nil else { return }
        do {
            try sort.absorb(other.sort)
        } catch let e as SQLError {
            throw e
        } catch {
            failure = error
        }
    }

    /// Nothing: the merge runs in `PlanExecutor.sorted`, where it may throw any error.
    func finish() throws(SQLError) -> [DataChunk] { [] }
}
