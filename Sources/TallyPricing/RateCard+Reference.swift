import TallySystem
import TallyFormat
// The reference card, embedded so the library prices usage without any data file.
// Data/rate-card.json is this table written by `RateCard.reference.jsonBytes()`; a test
// keeps the two equal. Sources and assumptions are listed in Data/README.md.
extension RateCard {
    /// The version of the reference rows below. Raise it, and the `version` of every row
    /// whose price changes, when the table is updated, so that ``syncMissing(from:)``
    /// refreshes cards still holding the old default.
    public static let referenceVersion = 1

    /// The day the reference prices take effect: 2024-01-01 (back-dated so that historical usage is priced; the table itself was published in April 2026).
    public static let referenceEffectiveFrom: Int32 = CivilDate.dayNumber(year: 2024, month: 1, day: 1)

    /// The card Tally ships: ``referenceRows``.
    public static let reference = RateCard(rows: referenceRows)

    /// Tally's default rate rows: the platform's published token prices (April 2026) and
    /// per-unit prices for sandbox, job and database services.
    public static let referenceRows: [RateRow] = {
        var rows: [RateRow] = []
        func add(_ service: String, _ rateType: String, _ model: String?, _ unit: PriceUnit, _ price: String, version: Int = 1) {
            guard let cost = ExactDecimal(price) else {
                preconditionFailure("reference price \(price) of \(service)/\(rateType) is not a decimal")
            }
            rows.append(RateRow(
                service: service, rateType: rateType, modelOrTier: model, priceUnit: unit, costPerUnit: cost,
                isActive: true, effectiveFrom: referenceEffectiveFrom, origin: .default(version: version)))
        }

        // Anthropic, USD per 1M tokens: input, cache write 5m, cache write 1h, cache read, output.
        let anthropic: [(String, String, String, String, String, String)] = [
            ("claude-opus-4-7", "5.00", "6.25", "10.00", "0.50", "25.00"),
            ("claude-opus-4-5", "5.00", "6.25", "10.00", "0.50", "25.00"),
            ("claude-sonnet-4-6", "3.00", "3.75", "6.00", "0.30", "15.00"),
            ("claude-sonnet-4-5", "3.00", "3.75", "6.00", "0.30", "15.00"),
            ("claude-haiku-4-5", "1.00", "1.25", "2.00", "0.10", "5.00"),
        ]
        for (model, input, write5m, write1h, read, output) in anthropic {
            add("anthropic", "input_tokens", model, .per1MTokens, input)
            add("anthropic", "cache_creation_5m_tokens", model, .per1MTokens, write5m)
            add("anthropic", "cache_creation_1h_tokens", model, .per1MTokens, write1h)
            add("anthropic", "cache_read_tokens", model, .per1MTokens, read)
            add("anthropic", "output_tokens", model, .per1MTokens, output)
        }

        // OpenAI, USD per 1M tokens: input, cached input, output. Reasoning has no row of
        // its own: it falls back to the output row.
        let openai: [(String, String, String, String)] = [
            ("gpt-5.5", "5.00", "0.50", "30.00"),
            ("gpt-5.4", "2.50", "0.25", "15.00"),
            ("gpt-5.4-mini", "0.75", "0.075", "4.50"),
            ("gpt-5.4-nano", "0.20", "0.02", "1.25"),
            ("gpt-5.3-codex", "1.75", "0.175", "14.00"),
        ]
        for (model, input, cached, output) in openai {
            add("openai", "input_tokens", model, .per1MTokens, input)
            add("openai", "cache_read_tokens", model, .per1MTokens, cached)
            add("openai", "output_tokens", model, .per1MTokens, output)
        }

        // Per-unit services. ASSUMED list prices, to be replaced by the real contract prices
        // (see Data/README.md). Tier rows match records whose modelId is the tier name.
        add("e2b", "sandbox_seconds", nil, .perSecond, "0.000028")
        add("trigger_dev", "task_seconds", nil, .perSecond, "0.0000338")
        for (tier, price) in [
            ("micro", "0.0000169"), ("small-1x", "0.0000338"), ("small-2x", "0.0000675"),
            ("medium-1x", "0.000085"), ("medium-2x", "0.00017"), ("large-1x", "0.00034"), ("large-2x", "0.00068"),
        ] {
            add("trigger_dev", "task_seconds", tier, .perSecond, price)
        }
        add("convex", "db_bytes", nil, .perGBMonth, "0.20")
        return rows
    }()
}
