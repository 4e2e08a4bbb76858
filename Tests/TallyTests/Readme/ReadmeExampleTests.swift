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
        let store = try Store.openPriced(at: dir.path + "/usage-store")
        try store.append(UsageRecord(projectId: "acme", ts: nowMs, service: "anthropic",
                                     unit: "input_tokens", quantity: 1200, modelId: "claude-sonnet-4-6"))
        try store.flush()
        let analytics = UsageAnalytics(store: store)
        let october = DateWindow(from: CivilDate.parseISODate("2026-10-01")!, to: CivilDate.parseISODate("2026-10-31")!)
        let summary = try analytics.summary(project: "acme", window: october,
                                            pricer: RateCardCacheSavings(card: try store.rateCard()))
        // --- end ---
        #expect(summary.records == 1)
        #expect(summary.costNanos == 3_600_000)  // 1200 tokens at $3 per million = $0.0036
    }
}
