import Testing
import TallyTestSupport
@testable import TallySQL

/// LIKE's two matchers: patterns of literal runs and `%` match on UTF-8 bytes
/// (`matchesBytes`), others by Unicode scalar (`matchesScalars`, the reference). Random
/// patterns and texts over an alphabet with multi-byte characters, escapes and the
/// wildcards must get the same answer from both.
@Suite struct LikeMatcherTests {
    static let alphabet: [Character] = ["a", "b", "a", "b", "-", "é", "€", "😀", "%", "%", "_", "\\"]

    static func text(_ g: inout SeededGenerator, maxLength: Int) -> String {
        String((0..<Int.random(in: 0...maxLength, using: &g)).map { _ in alphabet.randomElement(using: &g)! })
    }

    @Test func bytesMatchAsCharactersDo() {
        var g = SeededGenerator(seed: 71)
        var viaBytes = 0
        for _ in 0..<20_000 {
            let pattern = Self.text(&g, maxLength: 6)
            let escape: Unicode.Scalar? = Bool.random(using: &g) ? "\\" : nil
            let matcher = LikeMatcher(pattern, escape: escape, caseInsensitive: false)
            if matcher.runs != nil { viaBytes += 1 }
            // Texts made from the pattern's own pieces match more often than random ones.
            let subject = Bool.random(using: &g)
                ? Self.text(&g, maxLength: 8)
                : pattern.replacingOccurrences(of: "%", with: Self.text(&g, maxLength: 3)).replacingOccurrences(of: "_", with: "é")
            #expect(matcher.matches(subject) == matcher.matchesScalars(subject),
                    "'\(subject)' LIKE '\(pattern)' ESCAPE \(escape.map { "'\($0)'" } ?? "none")")
        }
        #expect(viaBytes > 5_000, "patterns matched on bytes: \(viaBytes)")
    }

    @Test func knownAnswers() {
        let cases: [(String, String, Bool)] = [
            ("user-12", "user-1%", true), ("user-2", "user-1%", false), ("user-1", "user-1%", true),
            ("abc", "%b%", true), ("abc", "%d%", false), ("ab", "ab%b", false), ("abb", "ab%b", true),
            ("", "%", true), ("", "", true), ("a", "", false), ("café", "caf_", true), ("café", "caf%é", true),
            ("ab", "%ab%ab%", false), ("abab", "%ab%ab%", true), ("aba", "%ab%ba", false), ("abba", "%ab%ba", true),
            ("x%y", "x\\%y", true), ("xzy", "x\\%y", false), ("€€", "%€", true), ("a€b", "a_b", true),
        ]
        for (text, pattern, expected) in cases {
            #expect(LikeMatcher(pattern, escape: "\\", caseInsensitive: false).matches(text) == expected, "'\(text)' LIKE '\(pattern)'")
        }
    }
}
