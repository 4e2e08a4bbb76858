import Testing
import Tally

@Suite struct PricingModelIDTests {
    @Test(arguments: [
        ("claude-sonnet-4-5-20250929", "claude-sonnet-4-5"),
        ("claude-haiku-4-5-20251001", "claude-haiku-4-5"),
        ("gpt-4o-2024-08-06", "gpt-4o"),
        ("claude-sonnet-4-5@20250929", "claude-sonnet-4-5"),
        ("openai/gpt-5.4", "gpt-5.4"),
        ("anthropic/claude-sonnet-4-6", "claude-sonnet-4-6"),
        ("openrouter/anthropic/claude-opus-4-5-20251101", "claude-opus-4-5"),
        ("gpt-5.4-mini", "gpt-5.4-mini"),
        ("gpt-5.3-codex", "gpt-5.3-codex"),
        ("small-1x", "small-1x"),
        ("model-12345678", "model-12345678"),  // eight digits, but not a date
        ("build-20251399", "build-20251399"),  // month 13
        ("20250929", "20250929"),               // nothing would remain
        ("", ""),
    ])
    func normalises(raw: String, expected: String) {
        #expect(PricingModelID.normalised(raw) == expected)
    }

    @Test func providerIsThePrefix() {
        #expect(PricingModelID.provider("anthropic/claude-sonnet-4-6") == "anthropic")
        #expect(PricingModelID.provider("openrouter/openai/gpt-5.4") == "openai")
        #expect(PricingModelID.provider("gpt-5.4") == nil)
        #expect(PricingModelID.provider("/gpt-5.4") == nil)
    }
}
