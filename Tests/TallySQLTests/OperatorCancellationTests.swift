import Foundation
import Synchronization
import Tally
import TallyExecution
import TallyTestSupport
import Testing
@testable import TallySQL

/// A cancelled statement stops in every operator kind: for each query below (one per
/// operator: scan and aggregate, sort, external sort, window, hash join, cross join, set
/// operation, DISTINCT, generate_series, correlated subquery), the cancellation is raised
/// at its first, middle and last check, and the statement must throw
/// `ExecutionError.cancelled` there, never finish with a partial answer. The last check of
/// each query lies in or after its heaviest operator, so an operator that ignored the
/// token would return rows instead of throwing.
@Suite struct OperatorCancellationTests {
    static let queries = [
        "SELECT service, count(*), sum(cost_usd) FROM usage GROUP BY service",
        "SELECT project_id, ts FROM usage ORDER BY quantity, ts",
        "SELECT row_number() OVER (PARTITION BY service ORDER BY ts) AS r FROM usage",
        "SELECT count(*) FROM usage a JOIN usage b ON a.service = b.service",
        "SELECT count(*) FROM usage a RIGHT JOIN usage b ON a.unit = b.unit",
        "SELECT count(*) FROM (SELECT 1 FROM usage LIMIT 300) a, (SELECT 1 FROM usage LIMIT 300) b",
        "SELECT service FROM usage INTERSECT SELECT service FROM usage",
        "SELECT DISTINCT user_id FROM usage",
        "SELECT x FROM generate_series(1, 200000) AS t(x) ORDER BY x DESC LIMIT 3 OFFSET 5",
        "SELECT count(*) FROM usage u WHERE cost_usd > (SELECT avg(cost_usd) FROM usage v WHERE v.service = u.service)",
    ]

    /// Counts the checks a statement makes and reports a cancellation from the `from`-th on.
    final class Token: Sendable {
        let calls = Atomic<Int>(0)
        let from: Int
        init(from: Int) { self.from = from }
        func isCancelled() -> Bool { calls.add(1, ordering: .relaxed).newValue >= from }
    }

    static func run(_ sql: String, _ snapshot: Snapshot, memory: StatementMemory = StatementMemory(), cancelFrom: Int) throws -> Int {
        let token = Token(from: cancelFrom)
        // One worker thread: the same statement makes the same checks in the same order.
        let engine = QueryEngine(options: ExecutionOptions(parallelism: 1))
        // No resident cache: every run decodes the parts, making the same checks.
        _ = try SQLQuery.prepare(sql, rollupRule: false).execute(on: snapshot, engine: engine, resident: ResidentCache(budgetBytes: 0),
                                                                 memory: memory, isCancelled: token.isCancelled)
        return token.calls.load(ordering: .relaxed)
    }

    @Test(arguments: queries)
    func aCancelledStatementThrowsAtEveryCheck(_ sql: String) throws {
        let (dir, store) = try SpillingSortTests.makeStore(count: 800, seed: 5)
        defer { try? store.close(); dir.remove() }
        let checks = try Self.run(sql, store.snapshot(), cancelFrom: Int.max)
        try #require(checks > 0, "the statement never checked its cancellation: \(sql)")
        for from in Set([1, max(1, checks / 2), checks]) {
            #expect(throws: ExecutionError.cancelled, "cancelled from check \(from) of \(checks): \(sql)") {
                _ = try Self.run(sql, store.snapshot(), cancelFrom: from)
            }
        }
    }

    /// The same for a sort that spills: cancelled while it writes or merges its runs,
    /// it throws, and its spill folder is gone.
    @Test func aCancelledSpillingSortThrowsAndLeavesNoFiles() throws {
        let (dir, store) = try SpillingSortTests.makeStore(count: 1500, seed: 6)
        defer { try? store.close(); dir.remove() }
        let sql = "SELECT project_id, user_id, ts FROM usage ORDER BY user_id, ts"
        let temp = dir.path + "/tmp"
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        let memory = StatementMemory(limit: 16 << 10, tempDirectory: temp)
        let checks = try Self.run(sql, store.snapshot(), memory: memory, cancelFrom: Int.max)
        try #require(memory.spilledBytes > 0, "a 16 KB budget must make the sort spill")
        for from in Set([max(1, checks / 2), checks - 1, checks]) {
            let memory = StatementMemory(limit: 16 << 10, tempDirectory: temp)
            #expect(throws: ExecutionError.cancelled, "cancelled from check \(from) of \(checks)") {
                _ = try Self.run(sql, store.snapshot(), memory: memory, cancelFrom: from)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: temp).isEmpty)
        }
    }
}
