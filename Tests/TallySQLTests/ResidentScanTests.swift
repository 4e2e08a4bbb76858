import Foundation
import Tally
import TallySQL
import TallyTestSupport
import Testing

/// The resident scan (decoded columns of consecutive parts kept in memory) against the
/// scan of part files: the same statements, on the same store, with the cache off, with a
/// budget too small for the whole store (some segments cached, others read from files,
/// evictions between statements), and with room for everything, must give the same rows.
@Suite struct ResidentScanTests {
    /// Many small parts of many projects and months, so segments pack several parts and
    /// split large ones.
    static func makeStore() throws -> (TemporaryDirectory, Store) {
        let dir = try TemporaryDirectory()
        let store = try Store.open(at: dir.path + "/s")
        // Several flushes: parts of one partition side by side, as imports leave them.
        for seed in 0..<4 {
            try store.append(contentsOf: RandomRecords.make(count: 2500, seed: UInt64(70 + seed), projects: 12, days: 500))
            try store.flush()
        }
        return (dir, store)
    }

    static let statements = [
        "SELECT count(*), sum(cost_usd), sum(quantity) FROM usage",
        "SELECT project_id, count(*), count(DISTINCT run_id), sum(cost_usd) FROM usage GROUP BY 1",
        "SELECT service, unit, model_id, sum(quantity), max(ts) FROM usage GROUP BY ALL",
        "SELECT sandbox_id, sum(cost_usd) AS c FROM usage GROUP BY 1 ORDER BY c DESC, 1 LIMIT 7",
        "SELECT count(*), sum(cost_usd) FROM usage WHERE quantity BETWEEN 100 AND 5000",
        "SELECT model_id, count(*) FROM usage WHERE chain_id IS NOT NULL AND duration_ms > 1000 GROUP BY 1",
        "SELECT extract(hour FROM ts) AS h, count(*) FROM usage WHERE service = 'anthropic' GROUP BY 1",
        "SELECT date_trunc('month', ts) AS m, sum(cost_usd) FROM usage WHERE unit LIKE '%tokens' GROUP BY 1",
        "SELECT lower(model_id) AS m, sum(quantity) FILTER (WHERE unit = 'output_tokens') FROM usage GROUP BY 1",
        "SELECT user_id, count(*) FROM usage WHERE project_id = 'project-1' AND date >= DATE '2025-03-01' GROUP BY 1",
        "SELECT count(*) FROM usage WHERE ts >= TIMESTAMP '2025-06-01 00:00:00' AND ts < TIMESTAMP '2025-06-20 12:00:00'",
        "SELECT run_id, step_index, ts, quantity FROM usage WHERE project_id IN ('project-2', 'project-3') ORDER BY ts, run_id, step_index, quantity LIMIT 20",
        "SELECT count(*) FROM usage WHERE model_id IS NULL",
        "SELECT step_index, unit, count(*), avg(duration_ms) FROM usage GROUP BY 1, 2",
    ]

    @Test func cachedPartlyCachedAndUncachedScansAgree() throws {
        let (dir, store) = try Self.makeStore()
        defer { try? store.close(); dir.remove() }
        let snapshot = store.snapshot()
        let off = ResidentCache(budgetBytes: 0)
        let tiny = ResidentCache(budgetBytes: 200_000)
        let roomy = ResidentCache(budgetBytes: 1 << 30)
        for _ in 0..<2 {  // the second round meets what the first left cached
            for sql in Self.statements {
                let q = try SQLQuery.prepare(sql, rollupRule: false)
                let a = try q.execute(on: snapshot, resident: off)
                let b = try q.execute(on: snapshot, resident: tiny)
                let c = try q.execute(on: snapshot, resident: roomy)
                #expect(RollupRuleTests.canonical(a) == RollupRuleTests.canonical(b), "\(sql)")
                #expect(RollupRuleTests.canonical(a) == RollupRuleTests.canonical(c), "\(sql)")
            }
        }
        #expect(tiny.heldBytes <= 200_000)
        #expect(roomy.heldBytes > 0)
    }

    @Test func aStoreThatChangesIsSeenWhole() throws {
        let (dir, store) = try Self.makeStore()
        defer { try? store.close(); dir.remove() }
        let cache = ResidentCache(budgetBytes: 1 << 30)
        let q = try SQLQuery.prepare("SELECT project_id, count(*), sum(cost_usd) FROM usage GROUP BY 1", rollupRule: false)
        _ = try q.execute(on: store.snapshot(), resident: cache)
        try store.append(contentsOf: RandomRecords.make(count: 700, seed: 99, days: 500))
        try store.flush()
        _ = try store.compact()
        let after = store.snapshot()
        let expected = try q.execute(on: after, resident: ResidentCache(budgetBytes: 0))
        let got = try q.execute(on: after, resident: cache)
        #expect(RollupRuleTests.canonical(expected) == RollupRuleTests.canonical(got))
    }

    @Test func aStoreWrittenAgainAtTheSamePathIsNotReadFromTheCache() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let cache = ResidentCache(budgetBytes: 1 << 30)
        let q = try SQLQuery.prepare("SELECT project_id, count(*), sum(cost_usd), sum(quantity) FROM usage GROUP BY 1", rollupRule: false)
        for seed in [UInt64(5), 6] {
            try? FileManager.default.removeItem(atPath: dir.path + "/s")
            let store = try Store.open(at: dir.path + "/s")
            try store.append(contentsOf: RandomRecords.make(count: 1500, seed: seed, projects: 3, days: 60))
            try store.flush()
            let expected = try q.execute(on: store.snapshot(), resident: ResidentCache(budgetBytes: 0))
            for _ in 0..<2 {  // the second run reads resident columns
                #expect(RollupRuleTests.canonical(try q.execute(on: store.snapshot(), resident: cache)) == RollupRuleTests.canonical(expected))
            }
            try store.close()
        }
    }
}
