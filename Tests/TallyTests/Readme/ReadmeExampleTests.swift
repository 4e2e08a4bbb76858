import Foundation
import Testing
import Tally
import TallyTestSupport

/// The README's library example, compiled and run, so the first code a user copies works.
@Suite struct ReadmeExampleTests {
    @Test func theReadmeExampleRuns() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let nowMs = Int64(CivilDate.dayNumber(year: 2026, month: 10, day: 15)) * CivilDate.millisecondsPerDay
        // --- as in README.md ---
        let db = try Database(path: dir.path + "/usage-store")
        try db.append(UsageRecord(projectId: "acme", ts: nowMs, service: "anthropic",
                                  unit: "input_tokens", quantity: 1200, modelId: "claude-sonnet-4-6"))
        try db.flush()
        let october = try db.window(from: "2026-10-01", to: "2026-10-31")
        let summary = try db.summary(project: "acme", window: october)
        let result = try db.query("SELECT model_id, sum(cost_usd) AS cost FROM usage GROUP BY 1")
        for row in result { print(row["model_id"]!, row["cost"]!) }
        // --- end ---
        #expect(summary.records == 1)
        #expect(summary.costNanos == 3_600_000)  // 1200 tokens at $3 per million = $0.0036
        #expect(result[0]["cost"]?.nanos == Int128(3_600_000))
        #expect(result[0]["cost"]?.description == "0.003600000")
    }
}
