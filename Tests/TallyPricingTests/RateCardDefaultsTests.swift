import Testing
import Tally

@Suite struct RateCardDefaultsTests {
    static let haikuInput = RateRow.Identity(
        service: "anthropic", rateType: "input_tokens", modelOrTier: "claude-haiku-4-5", effectiveFrom: RateCard.referenceEffectiveFrom)

    @Test func seedInstallsTheReferenceCard() {
        var card = RateCard()
        card.upsert(RateRow(service: "x", rateType: "y", priceUnit: .perSecond, costPerUnit: .zero, effectiveFrom: 0))
        card.seedDefaults()
        #expect(card == RateCard.reference)
        #expect(card.rows.allSatisfy { $0.origin == .default(version: RateCard.referenceVersion) })
        #expect(card.rows.count == 5 * 5 + 5 * 3 + 2 + 7 + 1)
    }

    @Test func syncAddsMissingRefreshesOldDefaultsAndKeepsCustomisedRows() throws {
        var card = RateCard.reference
        // 1. A missing default: removed from the card.
        let removed = card.rows.removeFirst()
        // 2. An older default: same identity, older version, older price.
        let staleIndex = card.rows.firstIndex { $0.identity == Self.haikuInput }!
        card.rows[staleIndex].origin = .default(version: 0)
        card.rows[staleIndex].costPerUnit = ExactDecimal("0.80")!
        // 3. A customised row: the user's own price for sonnet 4.6 output.
        var custom = card.rows.first { $0.modelOrTier == "claude-sonnet-4-6" && $0.rateType == "output_tokens" }!
        custom.costPerUnit = ExactDecimal("14.25")!
        card.upsert(custom)
        // 4. A user row the defaults know nothing of.
        let extra = RateRow(service: "modal", rateType: "sandbox_seconds", priceUnit: .perHour,
                            costPerUnit: ExactDecimal("0.12")!, effectiveFrom: 0)
        card.upsert(extra)

        let report = card.syncMissing()
        #expect(report == SyncReport(added: 1, refreshed: 1, keptCustomised: 1, unchanged: RateCard.referenceRows.count - 3))
        #expect(card.rows.contains(removed))
        let refreshed = card.rows.first { $0.identity == Self.haikuInput }!
        #expect(refreshed.costPerUnit == ExactDecimal("1.00"))
        #expect(refreshed.origin == .default(version: RateCard.referenceVersion))
        let kept = card.rows.first { $0.identity == custom.identity }!
        #expect(kept.costPerUnit == ExactDecimal("14.25"))
        #expect(kept.origin == .custom)
        #expect(card.rows.contains { $0.service == "modal" })
        #expect(card.rows.count == RateCard.referenceRows.count + 1)

        // The index follows: pricing uses the kept and refreshed rows.
        let ts = Int64(RateCard.referenceEffectiveFrom) * CivilDate.millisecondsPerDay
        #expect(try card.price(service: "anthropic", unit: "output_tokens", modelId: "claude-sonnet-4-6", ts: ts, quantity: 1_000_000).costNanos == 14_250_000_000)
        #expect(try card.price(service: "anthropic", unit: "input_tokens", modelId: "claude-haiku-4-5", ts: ts, quantity: 1_000_000).costNanos == 1_000_000_000)

        // Syncing again changes nothing.
        let again = card.syncMissing()
        #expect(again == SyncReport(added: 0, refreshed: 0, keptCustomised: 1, unchanged: RateCard.referenceRows.count - 1))
    }

    @Test func syncWithANewerDefaultsVersion() {
        var card = RateCard.reference
        var customised = card.rows[0]
        customised.costPerUnit = ExactDecimal("4.50")!
        card.upsert(customised)
        // Version 2 changes every price and adds a row dated later.
        var v2 = RateCard.referenceRows.map { row -> RateRow in
            var row = row
            row.costPerUnit = ExactDecimal(significand: row.costPerUnit.significand * 2, scale: row.costPerUnit.scale)!
            row.origin = .default(version: 2)
            return row
        }
        var later = v2[1]
        later.effectiveFrom += 30
        v2.append(later)
        let report = card.syncMissing(from: v2)
        #expect(report == SyncReport(added: 1, refreshed: RateCard.referenceRows.count - 1, keptCustomised: 1, unchanged: 0))
        #expect(card.rows[0].costPerUnit == ExactDecimal("4.50"))
        #expect(card.rows[1] == v2[1])
        // A card already past the defaults' version is not downgraded.
        let newer = card
        #expect(card.syncMissing() == SyncReport(added: 0, refreshed: 0, keptCustomised: 1, unchanged: RateCard.referenceRows.count - 1))
        #expect(card == newer)
    }

    @Test func upsertReplacesByIdentityAndMarksCustom() {
        var card = RateCard.reference
        var row = card.rows[3]
        row.costPerUnit = ExactDecimal("1")!
        card.upsert(row)
        #expect(card.rows.count == RateCard.referenceRows.count)
        #expect(card.rows[3].origin == .custom)
        #expect(card.rows[3].costPerUnit == ExactDecimal("1"))
    }
}
