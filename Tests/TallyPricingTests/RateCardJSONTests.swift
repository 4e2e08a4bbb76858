import Foundation
import Testing
import Tally

@Suite struct RateCardJSONTests {
    /// `Data/rate-card.json` at the package root, found from this file's path.
    static let shippedCardPath: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Data/rate-card.json").path
    }()

    @Test func shippedFileEqualsTheEmbeddedReference() throws {
        let expected = RateCard.reference.jsonBytes()
        if ProcessInfo.processInfo.environment["TALLY_REGENERATE_RATE_CARD"] == "1" {
            try Data(expected).write(to: URL(fileURLWithPath: Self.shippedCardPath))
        }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.shippedCardPath)))
        #expect(try RateCard(jsonBytes: bytes) == RateCard.reference,
                "Data/rate-card.json differs from RateCard.reference; regenerate it with TALLY_REGENERATE_RATE_CARD=1 swift test --filter RateCardJSONTests")
        #expect(bytes == expected, "Data/rate-card.json is not in canonical form; regenerate it (see above)")
    }

    @Test func roundTripsByteForByte() throws {
        var card = RateCard.reference
        card.upsert(RateRow(
            service: "we\"ird\\", rateType: "line\nbreak\u{1}", modelOrTier: "ünïcode-模型", priceUnit: .perGBMonth,
            costPerUnit: ExactDecimal("0.000000000000000001")!, isActive: false, effectiveFrom: -5))
        let bytes = card.jsonBytes()
        let back = try RateCard(jsonBytes: bytes)
        #expect(back == card)
        #expect(back.jsonBytes() == bytes)
        #expect(try RateCard(jsonBytes: RateCard().jsonBytes()) == RateCard())
    }

    @Test func aHandWrittenRowNeedsOnlyThePriceFields() throws {
        let text = """
            {"format": "tally-rate-card", "format_version": 1, "rates": [
              {"service": "e2b", "rate_type": "sandbox_seconds", "price_unit": "per_hour", "cost_per_unit": "0.1008", "effective_from": "2026-05-01"}
            ]}
            """
        let card = try RateCard(jsonBytes: Array(text.utf8))
        #expect(card.rows == [RateRow(
            service: "e2b", rateType: "sandbox_seconds", priceUnit: .perHour, costPerUnit: ExactDecimal("0.1008")!,
            isActive: true, effectiveFrom: CivilDate.dayNumber(year: 2026, month: 5, day: 1), origin: .custom)])
    }

    static func row(_ fields: String) -> [UInt8] {
        Array("""
            {"format": "tally-rate-card", "format_version": 1, "rates": [
              {"service": "openai", "rate_type": "input_tokens", "price_unit": "per_1M_tokens", "cost_per_unit": "1", "effective_from": "2026-04-01"},
              {\(fields)}
            ]}
            """.utf8)
    }

    static let base = #""service": "openai", "rate_type": "input_tokens", "price_unit": "per_1M_tokens", "effective_from": "2026-04-01""#

    @Test(arguments: [
        (#""cost_per_unit": 0.075"#, "rates[1].cost_per_unit", "JSON string"),
        (#""cost_per_unit": "7.5e-2""#, "rates[1].cost_per_unit", "plain decimal"),
        (#""cost_per_unit": "-1""#, "rates[1].cost_per_unit", "negative"),
        (#""cost_per_unit": "1", "origin": "default""#, "rates[1].default_version", "default_version"),
        (#""cost_per_unit": "1", "origin": "mine""#, "rates[1].origin", "\"default\" or \"custom\""),
    ])
    func badValuesAreNamedWithTheirPath(extra: String, path: String, hint: String) {
        do {
            _ = try RateCard(jsonBytes: Self.row(Self.base + ", " + extra))
            Issue.record("accepted \(extra)")
        } catch let RateCardError.invalidJSON(gotPath, reason) {
            #expect(gotPath == path)
            #expect(reason.contains(hint), "\(reason)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func badUnitsDatesAndMissingKeys() {
        let cases: [(String, String)] = [
            (#""service": "a", "rate_type": "b", "price_unit": "per_minute", "cost_per_unit": "1", "effective_from": "2026-04-01""#, "rates[1].price_unit"),
            (#""service": "a", "rate_type": "b", "price_unit": "per_second", "cost_per_unit": "1", "effective_from": "2026-02-30""#, "rates[1].effective_from"),
            (#""service": "a", "price_unit": "per_second", "cost_per_unit": "1", "effective_from": "2026-04-01""#, "rates[1].rate_type"),
        ]
        for (fields, path) in cases {
            guard case let .invalidJSON(gotPath, _)? = Self.error(fields) else {
                Issue.record("expected invalidJSON for \(fields)")
                continue
            }
            #expect(gotPath == path)
        }
    }

    static func error(_ fields: String) -> RateCardError? {
        do {
            _ = try RateCard(jsonBytes: row(fields))
            return nil
        } catch {
            return error
        }
    }

    @Test func otherFilesAreRefused() {
        #expect(throws: RateCardError.unsupportedFormat(found: "other version 1")) {
            try RateCard(jsonBytes: Array(#"{"format": "other", "format_version": 1, "rates": []}"#.utf8))
        }
        #expect(throws: RateCardError.unsupportedFormat(found: "tally-rate-card version 2")) {
            try RateCard(jsonBytes: Array(#"{"format": "tally-rate-card", "format_version": 2, "rates": []}"#.utf8))
        }
        #expect(throws: RateCardError.self) { try RateCard(jsonBytes: Array("not json".utf8)) }
        #expect(throws: RateCardError.invalidJSON(path: "rates", reason: "the \"rates\" array is missing")) {
            try RateCard(jsonBytes: Array(#"{"format": "tally-rate-card", "format_version": 1}"#.utf8))
        }
    }

    @Test func errorsExplainWhatToDo() {
        let e = RateCardError.invalidJSON(path: "rates[3].cost_per_unit", reason: "bad")
        #expect(e.description.contains("rates[3].cost_per_unit"))
        #expect(e.description.contains("Data/README.md"))
    }
}
