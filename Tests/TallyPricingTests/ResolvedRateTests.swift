import Testing
@testable import TallyPricing
import Tally
import TallyTestSupport

/// `resolvedRates` is a plain table of the card's lookup: at every day, the last resolved
/// row on or before it must be exactly what pricing uses, fallbacks included.
@Suite struct ResolvedRateTests {
    @Test func resolvedTableAgreesWithTheLookupOnEveryDay() {
        var card = RateCard.reference
        let start = CivilDate.dayNumber(year: 2025, month: 1, day: 1)
        // Later price changes: a model's own row, a service default (no model), and a
        // reasoning rate that only exists through the output fallback.
        card.upsert(RateRow(service: "anthropic", rateType: "input_tokens", modelOrTier: "claude-sonnet-4-5",
                            priceUnit: .per1MTokens, costPerUnit: ExactDecimal(significand: 275, scale: 2)!, effectiveFrom: start + 40))
        card.upsert(RateRow(service: "anthropic", rateType: "output_tokens", modelOrTier: "claude-sonnet-4-5",
                            priceUnit: .per1MTokens, costPerUnit: ExactDecimal(significand: 14, scale: 0)!, effectiveFrom: start + 70))
        card.upsert(RateRow(service: "e2b", rateType: "sandbox_seconds", priceUnit: .perSecond,
                            costPerUnit: ExactDecimal(significand: 3, scale: 5)!, effectiveFrom: start + 10))
        let keys: [(String, String, String?)] = [
            ("anthropic", "input_tokens", "claude-sonnet-4-5-20250929"), ("anthropic", "reasoning_tokens", "claude-sonnet-4-5"),
            ("anthropic", "cache_read_tokens", "claude-sonnet-4-5"), ("e2b", "sandbox_seconds", nil),
            ("openrouter", "input_tokens", "anthropic/claude-sonnet-4-5"), ("nobody", "input_tokens", "x"),
        ]
        for (service, unit, model) in keys {
            let table = card.resolvedRates(service: service, unit: unit, modelId: model)
            let chain = card.index.chain(service: service, unit: unit, modelId: model)
            for day in (start - 5)...(start + 100) {
                let expected = RateIndex.entry(in: chain, day: day)
                let resolved = table.last { $0.effectiveFrom <= day }
                #expect(resolved?.costPerUnit == expected?.costPerUnit, "\(service) \(unit) \(model ?? "-") day \(day)")
                #expect(resolved?.priceUnit == expected?.priceUnit)
            }
            if service == "nobody" { #expect(table.isEmpty) } else { #expect(!table.isEmpty) }
        }
    }
}
