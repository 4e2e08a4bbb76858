import Foundation
import Tally
import TallyFormat
import TallyStore
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

    /// Records in runs of `rowsPerRun` rows, each run on one day in two projects; with
    /// `usersPerRow`, the user changes row by row (the run rollup then does not pay and
    /// parts get a run index instead).
    static func runRecords(usersPerRow: Bool) -> [UsageRecord] {
        var g = SeededGenerator(seed: usersPerRow ? 11 : 12)
        let start = Int64(CivilDate.dayNumber(year: 2025, month: 3, day: 1)) * CivilDate.millisecondsPerDay
        var out: [UsageRecord] = []
        for run in 0..<300 {
            let t0 = start + Int64.random(in: 0..<(40 * CivilDate.millisecondsPerDay), using: &g)
            for i in 0..<24 {
                var r = UsageRecord(projectId: "p\(run % 2)", ts: t0 + Int64(i) * 1_000, service: "anthropic",
                                    unit: ["input_tokens", "output_tokens", "cache_read_tokens"][i % 3],
                                    quantity: Double(Int.random(in: 0..<50_000, using: &g)),
                                    costNanos: Int64.random(in: 0..<9_000_000, using: &g), costSource: .given)
                r.runId = "run-\(run)"
                r.userId = usersPerRow ? "user-\(out.count)" : "user-\(run % 7)"
                r.stepType = ["designer", "checker"][i % 2]
                r.stepIndex = Int32(i / 4)
                out.append(r)
            }
        }
        return out
    }

    /// A filter on runs reads only the runs' rows: of the part files (through each part's
    /// run rollup or run index) until the cache admits the segments, then of the resident
    /// segments, narrowed the same way. Every path gives the answer of the uncached scan.
    @Test(arguments: [false, true])
    func aRunsRowsAreReadAloneFromResidentSegments(usersPerRow: Bool) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var options = StoreOptions()
        options.compactionThreshold = 0
        let store = try Store.open(at: dir.path + "/s", options: options)
        defer { try? store.close() }
        try store.append(contentsOf: Self.runRecords(usersPerRow: usersPerRow))
        try store.flush()
        let snapshot = store.snapshot()
        for part in snapshot.parts {
            let reader = try part.reader()
            #expect(try (reader.rollupBatch(.runs) != nil) != usersPerRow, "the run rollup pays only when users stay per run")
            #expect(try (reader.runIndex() != nil) == usersPerRow)
        }
        let statements: [(String, Int)] = [
            ("SELECT step_type, unit, count(*), sum(quantity), sum(cost_usd) FROM usage WHERE project_id = 'p1' AND run_id = 'run-77' GROUP BY ALL", 24),
            ("SELECT run_id, count(*), sum(cost_usd) FROM usage WHERE run_id IN ('run-3', 'run-150', 'run-299', 'nope') GROUP BY 1", 72),
            ("SELECT sum(cost_usd) FROM usage WHERE 'run-8' = run_id AND date >= DATE '2025-03-01'", 24),
            ("SELECT count(*) FROM usage WHERE run_id = 'run-nobody'", 0),
        ]
        let off = ResidentCache(budgetBytes: 0)
        let cache = ResidentCache(budgetBytes: 1 << 30)
        for (sql, rows) in statements {
            let q = try SQLQuery.prepare(sql, rollupRule: false)
            let expected = try q.execute(on: snapshot, resident: off)
            for round in 0..<3 {  // parts first; from the second statement on, resident segments
                let got = try q.execute(on: snapshot, resident: cache)
                #expect(RollupRuleTests.canonical(got) == RollupRuleTests.canonical(expected), "\(sql)")
                #expect(got.scannedRows <= rows, "round \(round): \(sql) read \(got.scannedRows) rows")
            }
        }
        #expect(cache.heldBytes > 0, "the segments were admitted")
    }

    /// Ids of other bytes are other values in the resident columns' global dictionaries
    /// too ("é" as one code point and "e" + U+0301, which Swift's `String` calls equal).
    @Test func textOfOtherBytesKeepsItsOwnGlobalCode() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.open(at: dir.path + "/s")
        defer { try? store.close() }
        var records = RandomRecords.make(count: 300, seed: 31, projects: 2, days: 40)
        for i in records.indices { records[i].runId = i % 3 == 1 ? "e\u{301}" : "é" }
        try store.append(contentsOf: records)
        try store.flush()
        let q = try SQLQuery.prepare("SELECT length(run_id) AS l, count(*) AS n FROM usage GROUP BY run_id ORDER BY l", rollupRule: false)
        let cache = ResidentCache(budgetBytes: 1 << 30)
        for _ in 0..<3 {  // parts, then resident segments
            for resident in [ResidentCache(budgetBytes: 0), cache] {
                let rows = try q.execute(on: store.snapshot(), resident: resident).rows.map { $0.map(\.plainText) }
                #expect(rows == [["1", "200"], ["2", "100"]])
            }
        }
        #expect(cache.heldBytes > 0)
    }
}
