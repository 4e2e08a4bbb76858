import Foundation
import Tally
import TallyExecution
import TallyTestSupport
import Testing
@testable import TallySQL

/// Hash joins past their memory budget (grace hash joins: both sides split by key hash
/// into partitions on disk, joined one partition at a time) answer exactly as in memory:
/// every join kind, NULL keys, residual conditions, a join streaming into an aggregate,
/// under budgets from one byte (every chunk spills) to a few hundred KB; and leave no file.
@Suite struct SpillingJoinTests {
    static let queries = [
        "SELECT a.ts, a.service, b.n FROM usage a JOIN (SELECT user_id, service, count(*) AS n FROM usage GROUP BY 1, 2) b ON a.user_id = b.user_id AND a.service = b.service",
        "SELECT a.service, b.unit, count(*) AS n, sum(a.cost_usd) AS c FROM usage a JOIN usage b ON a.run_id = b.run_id AND a.unit = b.unit GROUP BY 1, 2",
        "SELECT a.ts, b.ts FROM usage a LEFT JOIN (SELECT user_id, max(ts) AS ts FROM usage WHERE quantity > 500 GROUP BY 1) b ON a.user_id = b.user_id",
        "SELECT a.ts, b.user_id FROM (SELECT * FROM usage WHERE quantity > 900) a RIGHT JOIN (SELECT user_id, min(ts) AS t FROM usage GROUP BY 1) b ON a.user_id = b.user_id AND a.ts > b.t",
        "SELECT a.project_id, b.project_id FROM (SELECT DISTINCT project_id, user_id FROM usage) a FULL JOIN (SELECT DISTINCT project_id, user_id FROM usage WHERE service <> 'e2b') b ON a.user_id = b.user_id AND a.project_id = b.project_id",
    ]

    /// Rows in a canonical order: join output order is not part of the answer.
    static func canonical(_ table: SQLResultTable) -> [String] {
        table.rows.map { $0.map(\.plainText).joined(separator: "|") }.sorted()
    }

    @Test(arguments: queries)
    func aJoinUnderATinyMemoryLimitAnswersAsWithoutOne(_ sql: String) throws {
        let (dir, store) = try SpillingSortTests.makeStore(count: 3000, seed: 77)
        defer { try? store.close(); dir.remove() }
        let temp = dir.path + "/tmp"
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        let q = try SQLQuery.prepare(sql, rollupRule: false)
        let unlimited = Self.canonical(try q.execute(on: store.snapshot()))
        for budget in [1, 16 << 10, 256 << 10] {
            let memory = StatementMemory(limit: budget, tempDirectory: temp)
            let limited = Self.canonical(try q.execute(on: store.snapshot(), memory: memory))
            #expect(limited == unlimited, "budget \(budget): \(sql)")
            if budget == 1 { #expect(memory.spilledBytes > 0, "a 1-byte budget must make the join spill: \(sql)") }
            #expect(try FileManager.default.contentsOfDirectory(atPath: temp).isEmpty, "spill files removed")
        }
    }

    @Test func aCancelledPartitionedJoinLeavesNoFiles() throws {
        let (dir, store) = try SpillingSortTests.makeStore(count: 3000, seed: 78)
        defer { try? store.close(); dir.remove() }
        let temp = dir.path + "/tmp"
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        let memory = StatementMemory(limit: 1, tempDirectory: temp)
        let q = try SQLQuery.prepare(Self.queries[1], rollupRule: false)
        #expect(throws: ExecutionError.cancelled) {
            _ = try q.execute(on: store.snapshot(), memory: memory, isCancelled: { memory.spilledBytes > 50_000 })
        }
        #expect(memory.spilledBytes > 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp).isEmpty)
    }
}
