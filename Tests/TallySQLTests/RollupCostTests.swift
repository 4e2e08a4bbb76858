import Foundation
@testable import TallySQL
import TallyFormat
import TallyStore
import TallyTestSupport
import Testing

/// Whether a statement's rollups pay is judged on the parts the statement reads: those of
/// its projects and days, each weighted by its rows in those days.
@Suite struct RollupCostTests {
    @Test func theDaysOfAStatementAreThoseItsDateAndTimeFiltersLeave() throws {
        func days(_ whereClause: String) throws -> ClosedRange<Int32>? {
            RollupCost.filteredDays(try SQLBinder.prepare("SELECT count(*) FROM usage WHERE project_id = 'p' AND \(whereClause)"))
        }
        let march1 = Int32(CivilDate.dayNumber(year: 2025, month: 3, day: 1))
        #expect(try days("date BETWEEN DATE '2025-03-01' AND DATE '2025-03-31'") == march1...(march1 + 30))
        #expect(try days("ts >= TIMESTAMP '2025-03-01 12:00:00' AND ts < TIMESTAMP '2025-03-03 00:00:00'") == march1...(march1 + 1), "the day the range ends before is left out")
        #expect(try days("date >= DATE '2025-03-01' AND ts < TIMESTAMP '2025-03-05 00:00:00'") == march1...(march1 + 3))
        #expect(try days("run_id = 'r'") == nil)
        #expect(try days("date > DATE '2025-03-05' AND date < DATE '2025-03-02'") == nil, "no day: judged as unfiltered")
    }

    /// One project: a month of rows that a daily rollup summarises well (two models) and a
    /// month that it does not (a model per row), in parts of their own.
    static func makeStore() throws -> (TemporaryDirectory, Store) {
        let dir = try TemporaryDirectory()
        let store = try Store.open(at: dir.path + "/s")
        var g = SeededGenerator(seed: 21)
        for (month, models) in [(3, 2), (9, 4_000)] {
            let start = Int64(CivilDate.dayNumber(year: 2025, month: month, day: 1)) * CivilDate.millisecondsPerDay
            var rows: [UsageRecord] = []
            for i in 0..<4_000 {
                var r = UsageRecord(projectId: "p", ts: start + Int64(i) * 600_000, service: "anthropic", unit: "input_tokens",
                                    quantity: Double(Int.random(in: 1..<9_000, using: &g)), costNanos: Int64.random(in: 1..<90_000, using: &g), costSource: .given)
                r.modelId = "model-\(i % models)"
                rows.append(r)
            }
            try store.append(contentsOf: rows)
            try store.flush()
        }
        return (dir, store)
    }

    @Test func aMonthIsJudgedByItsOwnParts() throws {
        let (dir, store) = try Self.makeStore()
        defer { try? store.close(); dir.remove() }
        let snapshot = store.snapshot()
        let byModel = "SELECT model_id, count(*), sum(cost_usd) FROM usage WHERE project_id = 'p'"
        func pays(_ clause: String) throws -> Bool {
            RollupCost.pays(try SQLBinder.prepare(byModel + clause + " GROUP BY 1"), snapshot)
        }
        #expect(try pays(" AND date BETWEEN DATE '2025-03-01' AND DATE '2025-03-31'"), "March's parts carry a daily rollup of a few cells")
        #expect(try !pays(" AND date BETWEEN DATE '2025-09-01' AND DATE '2025-09-30'"), "September's rollup would be as large as its rows")
        #expect(try !pays(""), "over both months, half the rows have no small rollup")
        // Whatever is chosen, the answer is the operators'.
        for clause in [" AND date BETWEEN DATE '2025-03-01' AND DATE '2025-03-31'", " AND date >= DATE '2025-09-02'", ""] {
            let sql = byModel + clause + " GROUP BY 1"
            let chosen = try SQLQuery.prepare(sql).execute(on: snapshot)
            let operators = try SQLQuery.prepare(sql, rollupRule: false).execute(on: snapshot)
            #expect(RollupRuleTests.canonical(chosen) == RollupRuleTests.canonical(operators), "\(sql)")
        }
    }
}
