import Synchronization
import Testing
import TallySystem
import TallyFormat
import TallyStore
@testable import TallyIngest
import Tally

@Suite struct ImportPipelineTests {
    private struct Boom: Error {}

    private func batch(_ first: Int, count: Int) -> [UsageRecord] {
        (first..<first + count).map { UsageRecord(projectId: "p", ts: Int64($0), service: "s", unit: "u", quantity: 1) }
    }

    @Test func appendsEveryBatchInOrderAndHandsBackEmptyArrays() throws {
        let seen = Mutex<[Int64]>([])
        let pipeline = ImportPipeline(depth: 2, batchCapacity: 8) { records in
            seen.withLock { $0 += records.map(\.ts) }
        }
        for b in 0..<20 {
            var records = batch(b * 5, count: 5)
            try pipeline.submit(&records)
            #expect(records.isEmpty)
        }
        try pipeline.finish()
        #expect(seen.withLock { $0 } == (0..<100).map(Int64.init))
    }

    @Test func anAppendErrorIsRethrownAndLaterBatchesAreDropped() {
        let calls = Mutex(0)
        let pipeline = ImportPipeline(depth: 1, batchCapacity: 4) { _ in
            let n = calls.withLock { c in c += 1; return c }
            if n == 2 { throw Boom() }
        }
        for b in 0..<50 {
            var records = batch(b, count: 1)
            do { try pipeline.submit(&records) } catch { break }
        }
        #expect(throws: Boom.self) { try pipeline.finish() }
        // The failing batch was the second; none after it reached the sink.
        #expect(calls.withLock { $0 } == 2)
    }

    @Test func cancelStopsTheThreadWithoutAppendingQueuedBatches() throws {
        let pipeline = ImportPipeline(depth: 4, batchCapacity: 4) { _ in }
        var records = batch(0, count: 3)
        try pipeline.submit(&records)
        pipeline.cancel()
        // After cancel the thread is gone; finish has nothing left to wait for.
        try pipeline.finish()
    }
}
