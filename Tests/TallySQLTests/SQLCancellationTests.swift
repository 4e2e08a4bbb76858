import Foundation
import Tally
import TallySQL
import TallyTestSupport
import Testing

/// A prepared query asked to stop throws the engine's own `ExecutionError.cancelled`, so
/// a caller that cancels through either way catches one error.
@Suite struct SQLCancellationTests {
    @Test func aCancelledQueryThrowsTheEnginesCancellation() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.open(at: dir.path + "/s")
        try store.append(contentsOf: RandomRecords.make(count: 200, seed: 3))
        try store.flush()
        let prepared = try SQLBinder.prepare("SELECT service, count(*) FROM usage GROUP BY service")
        #expect(throws: ExecutionError.cancelled) {
            _ = try prepared.execute(on: store.snapshot(), isCancelled: { true })
        }
        #expect(try prepared.execute(on: store.snapshot(), isCancelled: { false }).rows.count > 0)
        try store.close()
    }
}
