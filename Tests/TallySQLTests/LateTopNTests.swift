import Foundation
import Tally
import TallySQL
import TallyTestSupport
import Testing

/// Top-N by a column of wide rows (`PlanExecutor.narrowedTopN`: the N-th key found first,
/// with the days the best rows can be on from the manifest) against the same statement
/// with the key hidden behind `greatest(x, x)`, which it does not see through: random
/// keys (ts, date, cost, quantity as a double is left alone), both directions, limits and
/// offsets, with and without project and date filters, over parts of several months and
/// projects written in several flushes.
@Suite struct LateTopNTests {
    @Test func wideTopNKeepsTheRowsOfAPlainOne() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.open(at: dir.path + "/s")
        defer { try? store.close() }
        // Projects of other spans (days 40 to 60; a few rows on days 147 to 150, after the
        // others end): the latest parts start on different days, so the day bound must be
        // the earliest of their first days.
        let shifted = RandomRecords.make(count: 900, seed: 62, projects: 2, days: 20).map { r -> UsageRecord in
            var r = r
            r.ts += 40 * 86_400_000
            r.projectId = "late-" + r.projectId
            return r
        } + RandomRecords.make(count: 30, seed: 63, projects: 1, days: 3).map { r -> UsageRecord in
            var r = r
            r.ts += 147 * 86_400_000
            r.projectId = "short-" + r.projectId
            return r
        }
        let records = RandomRecords.make(count: 4_000, seed: 61, projects: 4, days: 145) + shifted
        for slice in stride(from: 0, to: records.count, by: 1_300) {
            try store.append(contentsOf: Array(records[slice..<min(slice + 1_300, records.count)]))
            try store.flush()
        }
        let projects = Array(Set(records.map(\.projectId))).sorted()
        var g = SeededGenerator(seed: 3)
        for round in 0..<120 {
            let key = ["ts", "date", "cost_usd", "step_index"].randomElement(using: &g)!
            let direction = Bool.random(using: &g) ? "DESC" : "ASC"
            let limit = [1, 5, 60, 700, 5_000].randomElement(using: &g)!
            let offset = Bool.random(using: &g) ? " OFFSET \(Int.random(in: 1...30, using: &g))" : ""
            var conditions: [String] = []
            if Bool.random(using: &g) { conditions.append("project_id = '\(projects.randomElement(using: &g)!)'") }
            if Bool.random(using: &g) { conditions.append("date >= DATE '2025-0\(Int.random(in: 1...5, using: &g))-1\(Int.random(in: 0...9, using: &g))'") }
            if Int.random(in: 0..<4, using: &g) == 0 { conditions.append("quantity > 100") }
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            // Ties broken by every other column a row has, so that the answer is one.
            let rest = "ts, run_id, step_index, unit, service, quantity, cost_usd, model_id, user_id"
            func statement(_ k: String) -> String {
                "SELECT * FROM usage\(filter) ORDER BY \(k) \(direction) NULLS LAST, \(rest) LIMIT \(limit)\(offset)"
            }
            let plain = try SQLQuery.prepare(statement("greatest(\(key), \(key))"), rollupRule: false).execute(on: store.snapshot())
            let late = try SQLQuery.prepare(statement(key), rollupRule: false).execute(on: store.snapshot())
            #expect(late.rows == plain.rows, "round \(round): \(statement(key))")
        }
    }
}
