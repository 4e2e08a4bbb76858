import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// One lexical token of a query, with its place in the source.
struct SQLToken: Sendable {
    /// What a token is; words are keywords or identifiers depending on where the parser meets them.
    enum Kind: Sendable {
        /// An unquoted word: `text` as written and `upper` for keyword comparisons.
        case word(text: String, upper: String)
        /// A double-quoted identifier, unescaped.
        case quotedIdentifier(String)
        /// A single-quoted string literal, unescaped.
        case string(String)
        /// An unsigned numeric literal as written: digits with at most one decimal point.
        case number(String)
        /// Punctuation or an operator: `(`, `<=`, `::`, ...
        case symbol(String)
        /// A lexical error; the parser throws it when it reaches this token, so errors come in
        /// source order whichever stage finds them.
        case error(SQLError)
        /// The end of the input.
        case end
    }

    var kind: Kind
    var range: SourceRange
    /// The token's exact source text, for messages.
    var text: String

    /// Whether this is the word `keyword` (given in upper case), in any letter case.
    func isWord(_ keyword: String) -> Bool {
        if case .word(_, let upper) = kind { return upper == keyword }
        return false
    }

    /// Whether this is the symbol `symbol`.
    func isSymbol(_ symbol: String) -> Bool {
        if case .symbol(let s) = kind { return s == symbol }
        return false
    }

    /// The upper-cased word, if this is an unquoted word.
    var upperWord: String? {
        if case .word(_, let upper) = kind { return upper }
        return nil
    }

    var isEnd: Bool {
        if case .end = kind { return true }
        return false
    }

    /// How a message names this token: `"FROM"`, `"("`, or `the end of the query`.
    var quotedForMessage: String {
        if isEnd { return "the end of the query" }
        let shown = text.unicodeScalars.count > 24 ? String(text.unicodeScalars.prefix(21)) + "..." : text
        return "\"\(shown)\""
    }
}
