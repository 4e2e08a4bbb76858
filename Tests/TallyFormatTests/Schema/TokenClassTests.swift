import Testing
import TallyFormat

/// The one definition of a token unit: the classes, and the suffix rule the engine's
/// filter and the analytics' totals share.
@Suite struct TokenClassTests {
    @Test func everyClassIsATokenUnit() {
        for c in TokenClass.allCases { #expect(TokenClass.isTokenUnit(c.unit), "\(c)") }
    }

    @Test func theRuleIsTheSuffix() {
        #expect(TokenClass.isTokenUnit("embedding_tokens"))
        #expect(TokenClass.isTokenUnit("_tokens"))
        for unit in ["sandbox_seconds", "tokens", "input_token", "tokens_in", "", "input_tokens_total"] {
            #expect(!TokenClass.isTokenUnit(unit), "\(unit)")
        }
    }
}
