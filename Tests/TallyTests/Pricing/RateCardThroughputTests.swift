import Testing
import Tally

/// A smoke check of pricing speed; the real measurement belongs in Benchmarks/.
@Suite struct RateCardThroughputTests {
    @Test func pricesAMillionImportedRowsQuickly() throws {
        let ts = Int64(RateCard.referenceEffectiveFrom) * CivilDate.millisecondsPerDay
        let templates = [
            UsageRecord(projectId: "p", ts: ts, service: "anthropic", unit: "input_tokens", quantity: 1234, modelId: "claude-sonnet-4-5-20250929"),
            UsageRecord(projectId: "p", ts: ts, service: "anthropic", unit: "output_tokens", quantity: 567, modelId: "claude-sonnet-4-5-20250929"),
            UsageRecord(projectId: "p", ts: ts, service: "e2b", unit: "sandbox_seconds", quantity: 12.5),
        ]
        // Imports arrive in runs of rows of one (service, unit, model).
        var records: [UsageRecord] = []
        records.reserveCapacity(1_000_000)
        for i in 0..<1_000_000 {
            var r = templates[(i / 1_000) % templates.count]
            r.ts += Int64(i)
            records.append(r)
        }
        var card = RateCard.reference
        let clock = ContinuousClock()
        let elapsed = try clock.measure { try card.price(&records) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = Double(records.count) / seconds
        print("priced \(records.count) rows in \(elapsed): \(Int(rate)) rows/s")
        #expect(records.allSatisfy { $0.costSource == .rateCard })
        #expect(rate > 100_000)
    }
}
