import TallyTestSupport
import Testing
import Tally

@Suite struct RateCardPricingTests {
    /// 2026-04-02T12:00:00Z, a day the reference card is in effect.
    static let april2: Int64 = Int64(CivilDate.dayNumber(year: 2026, month: 4, day: 2)) * CivilDate.millisecondsPerDay + 43_200_000

    static func ts(_ year: Int, _ month: Int, _ day: Int, ms: Int64 = 0) -> Int64 {
        Int64(CivilDate.dayNumber(year: year, month: month, day: day)) * CivilDate.millisecondsPerDay + ms
    }

    static func record(
        _ service: String, _ unit: String, _ quantity: Double, model: String?, ts: Int64 = april2, cost: Int64? = nil
    ) -> UsageRecord {
        UsageRecord(projectId: "p", ts: ts, service: service, unit: unit, quantity: quantity, costNanos: cost, modelId: model)
    }

    /// Prices `records` with `card` and returns the total nano-USD.
    static func total(_ records: [UsageRecord], card: RateCard) throws -> Int64 {
        var card = card
        var records = records
        try card.price(&records)
        #expect(records.allSatisfy { $0.costSource == .rateCard })
        return records.reduce(0) { $0 + $1.costNanos! }
    }

    /// gpt-5-codex / gpt-5.1 list prices the fixtures' runtime costs were written with.
    static let gpt5Card: RateCard = {
        var card = RateCard.reference
        let day = CivilDate.dayNumber(year: 2026, month: 1, day: 1)
        for model in ["gpt-5-codex", "gpt-5.1"] {
            for (unit, price) in [("input_tokens", "1.25"), ("cache_read_tokens", "0.125"), ("output_tokens", "10")] {
                card.upsert(RateRow(
                    service: "openai", rateType: unit, modelOrTier: model, priceUnit: .per1MTokens,
                    costPerUnit: ExactDecimal(price)!, effectiveFrom: day))
            }
        }
        return card
    }()

    @Test func claudeStreamJsonFixtureCostsItsReportedTotal() throws {
        let model = "claude-sonnet-4-5-20250929"
        let records = [
            Self.record("anthropic", "input_tokens", 11, model: model),
            Self.record("anthropic", "cache_creation_5m_tokens", 9517, model: model),
            Self.record("anthropic", "cache_creation_1h_tokens", 12800, model: model),
            Self.record("anthropic", "cache_read_tokens", 39074, model: model),
            Self.record("anthropic", "output_tokens", 919, model: model),
        ]
        #expect(try Self.total(records, card: .reference) == 138_028_950)  // $0.13802895
    }

    @Test func claudeSessionFixtureCostsTheReferenceTotal() throws {
        let sonnet = "claude-sonnet-4-5-20250929", haiku = "claude-haiku-4-5-20251001"
        let sonnetRows = [
            Self.record("anthropic", "input_tokens", 12, model: sonnet),
            Self.record("anthropic", "cache_creation_5m_tokens", 6753, model: sonnet),
            Self.record("anthropic", "cache_creation_1h_tokens", 12800, model: sonnet),
            Self.record("anthropic", "cache_read_tokens", 33900, model: sonnet),
            Self.record("anthropic", "output_tokens", 775, model: sonnet),
        ]
        let haikuRows = [
            Self.record("anthropic", "input_tokens", 1820, model: haiku),
            Self.record("anthropic", "output_tokens", 96, model: haiku),
        ]
        #expect(try Self.total(sonnetRows, card: .reference) == 123_954_750)
        #expect(try Self.total(haikuRows, card: .reference) == 2_300_000)
        #expect(try Self.total(sonnetRows + haikuRows, card: .reference) == 126_254_750)  // $0.12625475
    }

    @Test func codexFixtureBillsReasoningAtTheOutputRate() throws {
        // Canonical classes: output excludes the reasoning share, which has its own row.
        let records = [
            Self.record("openai", "input_tokens", 10525, model: "gpt-5-codex"),
            Self.record("openai", "cache_read_tokens", 84608, model: "gpt-5-codex"),
            Self.record("openai", "output_tokens", 3344 - 2112, model: "gpt-5-codex"),
            Self.record("openai", "reasoning_tokens", 2112, model: "gpt-5-codex"),
        ]
        #expect(try Self.total(records, card: Self.gpt5Card) == 57_172_250)  // $0.05717225
    }

    @Test func opencodeFixtureWithAProviderQualifiedModel() throws {
        let model = "openai/gpt-5.1"
        let records = [
            Self.record("openai", "input_tokens", 15220, model: model),
            Self.record("openai", "cache_read_tokens", 24832, model: model),
            Self.record("openai", "output_tokens", 981, model: model),
            Self.record("openai", "reasoning_tokens", 960, model: model),
        ]
        #expect(try Self.total(records, card: Self.gpt5Card) == 41_539_000)  // $0.041539
    }

    @Test func piFixturePerProvider() throws {
        let anthropic = [
            Self.record("anthropic", "input_tokens", 5, model: "claude-sonnet-4-5"),
            Self.record("anthropic", "cache_creation_5m_tokens", 5272, model: "claude-sonnet-4-5"),
            Self.record("anthropic", "cache_creation_1h_tokens", 6144, model: "claude-sonnet-4-5"),
            Self.record("anthropic", "cache_read_tokens", 9872, model: "claude-sonnet-4-5"),
            Self.record("anthropic", "output_tokens", 485, model: "claude-sonnet-4-5"),
        ]
        let openai = [
            Self.record("openai", "input_tokens", 4350, model: "gpt-5.1"),
            Self.record("openai", "cache_read_tokens", 2944, model: "gpt-5.1"),
            Self.record("openai", "output_tokens", 1393 - 832, model: "gpt-5.1"),
            Self.record("openai", "reasoning_tokens", 832, model: "gpt-5.1"),
        ]
        #expect(try Self.total(anthropic, card: .reference) == 66_885_600)  // $0.0668856
        #expect(try Self.total(openai, card: Self.gpt5Card) == 19_735_500)  // $0.0197355
    }

    @Test func explicitReasoningRowWinsOverTheOutputFallback() throws {
        var card = RateCard.reference
        card.upsert(RateRow(
            service: "openai", rateType: "reasoning_tokens", modelOrTier: "gpt-5.4", priceUnit: .per1MTokens,
            costPerUnit: ExactDecimal("20")!, effectiveFrom: RateCard.referenceEffectiveFrom))
        let withRow = try card.price(service: "openai", unit: "reasoning_tokens", modelId: "gpt-5.4", ts: Self.april2, quantity: 1_000)
        let fallback = try RateCard.reference.price(service: "openai", unit: "reasoning_tokens", modelId: "gpt-5.4", ts: Self.april2, quantity: 1_000)
        #expect(withRow.costNanos == 20_000_000)
        #expect(fallback.costNanos == 15_000_000)
    }

    @Test func openRouterPricesByTheRoutedModel() throws {
        let card = RateCard.reference
        let routed = try card.price(
            service: "openrouter", unit: "output_tokens", modelId: "anthropic/claude-sonnet-4-6", ts: Self.april2, quantity: 1_000)
        #expect(routed == Priced(costNanos: 15_000_000, costSource: .rateCard))
        let openai = try card.price(
            service: "openrouter", unit: "cache_read_tokens", modelId: "openai/gpt-5.4-mini", ts: Self.april2, quantity: 1_000_000)
        #expect(openai.costNanos == 75_000_000)
        // Without a prefix, the single service that prices the model is used.
        let bare = try card.price(service: "openrouter", unit: "input_tokens", modelId: "gpt-5.4", ts: Self.april2, quantity: 1_000)
        #expect(bare.costNanos == 2_500_000)
        // An explicit openrouter row wins over the provider's.
        var custom = card
        custom.upsert(RateRow(
            service: "openrouter", rateType: "output_tokens", modelOrTier: "claude-sonnet-4-6", priceUnit: .per1MTokens,
            costPerUnit: ExactDecimal("16.5")!, effectiveFrom: RateCard.referenceEffectiveFrom))
        let own = try custom.price(
            service: "openrouter", unit: "output_tokens", modelId: "anthropic/claude-sonnet-4-6", ts: Self.april2, quantity: 1_000)
        #expect(own.costNanos == 16_500_000)
    }

    @Test func theRowInEffectOnTheRecordsDayApplies() throws {
        var card = RateCard()
        let model = "claude-sonnet-4-6"
        func row(_ price: String, _ day: Int, active: Bool = true) -> RateRow {
            RateRow(service: "anthropic", rateType: "input_tokens", modelOrTier: model, priceUnit: .per1MTokens,
                    costPerUnit: ExactDecimal(price)!, isActive: active, effectiveFrom: CivilDate.dayNumber(year: 2026, month: 4, day: day))
        }
        card.rows = [row("2.00", 15), row("3.00", 1), row("9.00", 20, active: false)]
        func cost(_ ts: Int64) throws -> Priced {
            try card.price(service: "anthropic", unit: "input_tokens", modelId: model, ts: ts, quantity: 1_000_000)
        }
        #expect(try cost(Self.ts(2026, 3, 31, ms: CivilDate.millisecondsPerDay - 1)) == .unpriced)
        #expect(try cost(Self.ts(2026, 4, 1)).costNanos == 3_000_000_000)
        #expect(try cost(Self.ts(2026, 4, 14, ms: CivilDate.millisecondsPerDay - 1)).costNanos == 3_000_000_000)
        #expect(try cost(Self.ts(2026, 4, 15)).costNanos == 2_000_000_000)
        #expect(try cost(Self.ts(2026, 4, 25)).costNanos == 2_000_000_000)  // the inactive row is skipped
    }

    @Test func repricingAppliesAChangedRateToNonGivenRowsInRange() throws {
        var card = RateCard.reference
        var records = [
            Self.record("anthropic", "input_tokens", 1_000_000, model: "claude-haiku-4-5", ts: Self.ts(2026, 4, 10)),
            Self.record("anthropic", "input_tokens", 1_000_000, model: "claude-haiku-4-5", ts: Self.ts(2026, 4, 20)),
            Self.record("anthropic", "input_tokens", 1_000_000, model: "claude-haiku-4-5", ts: Self.ts(2026, 4, 20), cost: 7),
        ]
        try card.price(&records)
        #expect(records.map(\.costNanos) == [1_000_000_000, 1_000_000_000, 7])
        card.upsert(RateRow(
            service: "anthropic", rateType: "input_tokens", modelOrTier: "claude-haiku-4-5", priceUnit: .per1MTokens,
            costPerUnit: ExactDecimal("0.80")!, effectiveFrom: CivilDate.dayNumber(year: 2026, month: 4, day: 15)))
        let changed = try card.reprice(&records, days: CivilDate.dayNumber(year: 2026, month: 4, day: 1)...CivilDate.dayNumber(year: 2026, month: 4, day: 30))
        #expect(changed == 1)
        #expect(records.map(\.costNanos) == [1_000_000_000, 800_000_000, 7])
        #expect(records[2].costSource == .given)
        #expect(try card.repriced(records[2]) == records[2])
        #expect(try card.repriced(records[1]).costNanos == 800_000_000)
    }

    @Test func perUnitServicesPriceByModelLessOrTierRows() throws {
        let card = RateCard.reference
        let sandbox = try card.price(service: "e2b", unit: "sandbox_seconds", modelId: nil, ts: Self.april2, quantity: 12.5)
        #expect(sandbox.costNanos == 350_000)
        let anyModel = try card.price(service: "e2b", unit: "sandbox_seconds", modelId: "whatever", ts: Self.april2, quantity: 1)
        #expect(anyModel.costNanos == 28_000)
        let tier = try card.price(service: "trigger_dev", unit: "task_seconds", modelId: "large-2x", ts: Self.april2, quantity: 10)
        #expect(tier.costNanos == 6_800_000)
        let untiered = try card.price(service: "trigger_dev", unit: "task_seconds", modelId: "huge-9x", ts: Self.april2, quantity: 10)
        #expect(untiered.costNanos == 338_000)
        let storage = try card.price(service: "convex", unit: "db_bytes", modelId: nil, ts: Self.april2, quantity: 2_500_000_000)
        #expect(storage.costNanos == 500_000_000)
        var hourly = RateCard()
        hourly.rows = [RateRow(service: "modal", rateType: "sandbox_seconds", priceUnit: .perHour,
                               costPerUnit: ExactDecimal("0.10")!, effectiveFrom: 0)]
        #expect(try hourly.price(service: "modal", unit: "sandbox_seconds", modelId: nil, ts: 0, quantity: 5_400).costNanos == 150_000_000)
    }

    @Test func aTierRowDoesNotPriceOtherTiers() throws {
        var card = RateCard()
        card.rows = [RateRow(service: "trigger_dev", rateType: "task_seconds", modelOrTier: "micro", priceUnit: .perSecond,
                             costPerUnit: ExactDecimal("0.0000169")!, effectiveFrom: 0)]
        #expect(try card.price(service: "trigger_dev", unit: "task_seconds", modelId: "small-1x", ts: 0, quantity: 1) == .unpriced)
        #expect(try card.price(service: "trigger_dev", unit: "task_seconds", modelId: nil, ts: 0, quantity: 1) == .unpriced)
        #expect(try card.price(service: "trigger_dev", unit: "task_seconds", modelId: "micro", ts: 0, quantity: 1).costNanos == 16_900)
    }

    @Test func unknownModelsAreUnpricedAndGivenCostsKept() throws {
        var card = RateCard.reference
        var unknown = Self.record("anthropic", "input_tokens", 100, model: "claude-mystery-9")
        try card.price(&unknown)
        #expect(unknown.costNanos == 0)
        #expect(unknown.costSource == .unpriced)
        #expect(unknown.modelId == "claude-mystery-9")

        var given = Self.record("anthropic", "input_tokens", 1_000_000, model: "claude-sonnet-4-6", cost: 123)
        try card.price(&given)
        #expect(given.costNanos == 123)
        #expect(given.costSource == .given)

        var dated = Self.record("anthropic", "input_tokens", 1_000_000, model: "claude-sonnet-4-5-20250929")
        try card.price(&dated)
        #expect(dated.costNanos == 3_000_000_000)
        #expect(dated.modelId == "claude-sonnet-4-5-20250929")  // stored id untouched
    }

    @Test func badQuantitiesAndOverflowAreErrors() {
        let card = RateCard.reference
        #expect(throws: RateCardError.invalidQuantity(service: "e2b", unit: "sandbox_seconds", quantity: -1)) {
            try card.price(service: "e2b", unit: "sandbox_seconds", modelId: nil, ts: Self.april2, quantity: -1)
        }
        #expect(throws: RateCardError.self) {
            try card.price(service: "e2b", unit: "sandbox_seconds", modelId: nil, ts: Self.april2, quantity: .nan)
        }
        #expect(throws: RateCardError.costOverflow(
            service: "anthropic", unit: "output_tokens", modelId: "claude-opus-4-7", quantity: 1e18,
            costPerUnit: ExactDecimal("25")!, priceUnit: .per1MTokens)) {
            try card.price(service: "anthropic", unit: "output_tokens", modelId: "claude-opus-4-7", ts: Self.april2, quantity: 1e18)
        }
    }

    @Test func changingRowsInvalidatesTheLookupCache() throws {
        var card = RateCard.reference
        var record = Self.record("anthropic", "input_tokens", 1_000_000, model: "claude-opus-4-7")
        try card.price(&record)
        #expect(record.costNanos == 5_000_000_000)
        card.rows = card.rows.map { row in
            var row = row
            if row.modelOrTier == "claude-opus-4-7" && row.rateType == "input_tokens" { row.costPerUnit = ExactDecimal("4")! }
            return row
        }
        record.costNanos = nil
        record.costSource = .unpriced
        try card.price(&record)
        #expect(record.costNanos == 4_000_000_000)
    }

    @Test func cacheSavingsIsTheInputMinusCacheReadRate() throws {
        let card = RateCard.reference
        // claude-sonnet-4-5: (3.00 - 0.30) per 1M; the stream fixture's 39074 cache reads.
        #expect(try card.cacheSavingsNanos(service: "anthropic", modelId: "claude-sonnet-4-5-20250929", ts: Self.april2, quantity: 39074) == 105_499_800)
        #expect(try card.cacheSavingsNanos(service: "openai", modelId: "gpt-5.4-mini", ts: Self.april2, quantity: 1_000_000) == 675_000_000)
        #expect(try card.cacheSavingsNanos(service: "openrouter", modelId: "openai/gpt-5.4", ts: Self.april2, quantity: 1_000_000) == 2_250_000_000)
        #expect(try card.cacheSavingsNanos(service: "anthropic", modelId: "claude-mystery-9", ts: Self.april2, quantity: 1) == nil)
        #expect(try card.cacheSavingsNanos(service: "anthropic", modelId: "claude-sonnet-4-6", ts: 0, quantity: 1) == nil)
    }

    /// Pricing a model's days in one call (rates looked up once) gives what pricing each
    /// day alone gives, including the unpriced days before a model's first rate.
    @Test func cacheSavingsForManyDaysAgreeWithOneDayAtATime() throws {
        let card = RateCard.reference
        var rng = SplitMix64(state: 5)
        let models = [("anthropic", "claude-sonnet-4-5-20250929"), ("openai", "gpt-5.4-mini"), ("openrouter", "openai/gpt-5.4"),
                      ("anthropic", "claude-mystery-9"), ("anthropic", "claude-opus-4-7")]
        for (service, model) in models {
            let days = (0..<400).map { _ in
                (day: Int32(18_000 + Int(rng.next() % 3_000)), quantity: Double(rng.next() % 5_000_000) / (rng.next() % 2 == 0 ? 1 : 8))
            }
            let batch = card.cacheSavingsNanos(service: service, modelId: model, days: days)
            let single = days.map { d in
                (try? card.cacheSavingsNanos(service: service, modelId: model, ts: Int64(d.day) * 86_400_000, quantity: d.quantity)) ?? nil
            }
            #expect(batch == single, "\(service) \(model)")
            #expect(RateCardCacheSavings(card: card).cacheSavingsNanos(service: service, modelId: model, days: days) == single)
        }
    }

    @Test func mutatingAndNonMutatingPricingAgree() throws {
        var rng = SplitMix64(state: 99)
        var card = RateCard.reference
        let services: [(String, String, String?)] = [
            ("anthropic", "cache_read_tokens", "claude-opus-4-7"), ("anthropic", "output_tokens", "claude-haiku-4-5-20251001"),
            ("openai", "reasoning_tokens", "gpt-5.4-nano"), ("openrouter", "input_tokens", "anthropic/claude-opus-4-5"),
            ("e2b", "sandbox_seconds", nil), ("trigger_dev", "task_seconds", "medium-1x"), ("anthropic", "input_tokens", "nope"),
            // More triples than the lookup cache holds, so that eviction is exercised too.
            ("openai", "input_tokens", "gpt-5.5"), ("openai", "cache_read_tokens", "openai/gpt-5.3-codex"),
            ("anthropic", "cache_creation_1h_tokens", "claude-sonnet-4-6"), ("convex", "db_bytes", nil),
        ]
        for _ in 0..<3_000 {
            let (service, unit, model) = services.randomElement(using: &rng)!
            let quantity = Double(Int.random(in: 0...1_000_000, using: &rng)) / Double(Int.random(in: 1...64, using: &rng))
            let ts = Self.ts(2026, 3, 25) + Int64.random(in: 0...(20 * CivilDate.millisecondsPerDay), using: &rng)
            var record = Self.record(service, unit, quantity, model: model, ts: ts)
            try card.price(&record)
            let direct = try card.price(service: service, unit: unit, modelId: model, ts: ts, quantity: quantity)
            #expect(record.costNanos == direct.costNanos)
            #expect(record.costSource == direct.costSource)
        }
    }
}
