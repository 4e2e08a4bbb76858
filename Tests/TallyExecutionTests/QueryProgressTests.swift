import Testing
import TallyExecution
import TallySystem
import TallyFormat
import TallyStore
import TallyTestSupport

@Suite struct QueryProgressTests {
    @Test func countsScannedRowsAndStopsWhenCancelled() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var options = StoreOptions()
        options.compactionThreshold = 0
        let store = try Store.open(at: dir.path + "/s", options: options)
        try store.append(contentsOf: RandomRecords.make(count: 5_000, seed: 3))
        try store.flush()
        // Raw scan (group by step_index cannot come from rollups): every row is counted.
        let query = AggregateQuery(groupBy: [.dimension(.stepIndex)], aggregates: [.count])
        let progress = QueryProgress()
        let result = try QueryEngine(options: ExecutionOptions(parallelism: 1), progress: progress).execute(query, on: store.snapshot())
        #expect(progress.rowsScanned == 5_000)
        #expect(result.rows.count > 1)
        let cancelled = QueryProgress()
        cancelled.cancel()
        #expect(throws: ExecutionError.cancelled) {
            try QueryEngine(progress: cancelled).execute(query, on: store.snapshot())
        }
        #expect(cancelled.rowsScanned == 0)
    }
}
