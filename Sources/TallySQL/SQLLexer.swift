import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// Splits a query into tokens.
///
/// Works on UTF-8 bytes; all tokens are ASCII except inside quotes, so a multi-byte scalar
/// outside quotes is reported as an unexpected character. Line and column are tracked
/// incrementally (a cursor that only moves forward) so that lexing stays linear even for
/// a megabyte on one line.
struct SQLLexer {
    private let bytes: [UInt8]
    private var position = 0
    private var cursorOffset = 0
    private var cursorLine = 1
    private var cursorColumn = 1

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// All tokens up to and including `.end`, or up to and including the first `.error`.
    static func tokenize(_ text: String) -> [SQLToken] {
        var lexer = SQLLexer(text)
        var tokens: [SQLToken] = []
        var lastEnd = 0
        while true {
            let token = lexer.next()
            switch token.kind {
            case .end:
                // The end points just past the last real token, so "expected X" lands next to it.
                tokens.append(SQLToken(kind: .end, range: lexer.range(lastEnd, 0), text: ""))
                return tokens
            case .error:
                tokens.append(token)
                return tokens
            default:
                tokens.append(token)
                lastEnd = token.range.end
            }
        }
    }

    /// A range for `length` bytes at `offset`; offsets must be requested in non-decreasing order.
    private mutating func range(_ offset: Int, _ length: Int) -> SourceRange {
        if offset < cursorOffset {
            // Only the end token can step back (to the end of the last token); recount its line.
            cursorOffset = 0
            cursorLine = 1
            cursorColumn = 1
        }
        while cursorOffset < offset {
            let b = bytes[cursorOffset]
            if b == UInt8(ascii: "\n") {
                cursorLine += 1
                cursorColumn = 1
            } else if b & 0xC0 != 0x80 {
                cursorColumn += 1
            }
            cursorOffset += 1
        }
        return SourceRange(offset: offset, length: length, line: cursorLine, column: cursorColumn)
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private func byte(at i: Int) -> UInt8? {
        i < bytes.count ? bytes[i] : nil
    }

    private static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_")
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private static func isIdentifierPart(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) }

    private mutating func token(_ kind: SQLToken.Kind, _ start: Int, _ end: Int) -> SQLToken {
        SQLToken(kind: kind, range: range(start, end - start), text: text(start, end))
    }

    private mutating func error(
        _ kind: SQLError.Kind, _ message: String, _ start: Int, _ end: Int, hint: String? = nil
    ) -> SQLToken {
        let r = range(start, end - start)
        return SQLToken(kind: .error(SQLError(kind, message, at: r, hint: hint)), range: r, text: text(start, end))
    }

    /// The next token, skipping whitespace and comments.
    mutating func next() -> SQLToken {
        if let failure = skipTrivia() { return failure }
        guard position < bytes.count else {
            return SQLToken(kind: .end, range: range(bytes.count, 0), text: "")
        }
        let start = position
        let b = bytes[start]
        if Self.isIdentifierStart(b) {
            while let c = byte(at: position), Self.isIdentifierPart(c) { position += 1 }
            let word = text(start, position)
            return token(.word(text: word, upper: word.uppercased()), start, position)
        }
        if Self.isDigit(b) || (b == UInt8(ascii: ".") && byte(at: start + 1).map(Self.isDigit) == true) {
            return number(from: start)
        }
        switch b {
        case UInt8(ascii: "'"):
            return quoted(from: start, quote: b)
        case UInt8(ascii: "\""):
            return quoted(from: start, quote: b)
        default:
            break
        }
        if let next = byte(at: start + 1) {
            let pair = String(decoding: [b, next], as: UTF8.self)
            if ["<=", ">=", "<>", "!=", "==", "||", "::", "->", "=>", "**", "//", "<<", ">>"].contains(pair) {
                position += 2
                return token(.symbol(pair), start, position)
            }
        }
        if b >= 0x21 && b < 0x7F {
            position += 1
            return token(.symbol(String(UnicodeScalar(b))), start, position)
        }
        // A control character or a multi-byte scalar: report the whole scalar.
        var end = start + 1
        while let c = byte(at: end), c & 0xC0 == 0x80 { end += 1 }
        position = end
        let scalar = text(start, end).unicodeScalars.first.map { $0 } ?? "?"
        let shown = scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{FFFD}"
            ? "U+" + String(scalar.value, radix: 16, uppercase: true)
            : "'\(scalar)'"
        return error(
            .unexpectedCharacter, "unexpected character \(shown)", start, end,
            hint: "identifiers with such characters must be double-quoted, text must be in single quotes"
        )
    }

    /// Skips whitespace and comments; returns an error token for an unterminated block comment.
    private mutating func skipTrivia() -> SQLToken? {
        while position < bytes.count {
            let b = bytes[position]
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                position += 1
            } else if b == UInt8(ascii: "-"), byte(at: position + 1) == UInt8(ascii: "-") {
                while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
            } else if b == UInt8(ascii: "/"), byte(at: position + 1) == UInt8(ascii: "*") {
                let start = position
                position += 2
                while true {
                    guard position < bytes.count else {
                        return error(.unterminated, "unterminated /* comment", start, start + 2, hint: "close it with */")
                    }
                    if bytes[position] == UInt8(ascii: "*"), byte(at: position + 1) == UInt8(ascii: "/") {
                        position += 2
                        break
                    }
                    position += 1
                }
            } else {
                return nil
            }
        }
        return nil
    }

    /// `digits[.digits]` or `.digits`; a letter, digit or second point glued on is an error.
    private mutating func number(from start: Int) -> SQLToken {
        while let c = byte(at: position), Self.isDigit(c) { position += 1 }
        if byte(at: position) == UInt8(ascii: ".") {
            position += 1
            while let c = byte(at: position), Self.isDigit(c) { position += 1 }
        }
        // An exponent: e or E, an optional sign, digits.
        if let e = byte(at: position), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var end = position + 1
            if let s = byte(at: end), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { end += 1 }
            if let d = byte(at: end), Self.isDigit(d) {
                while let d = byte(at: end), Self.isDigit(d) { end += 1 }
                if !(byte(at: end).map { Self.isIdentifierPart($0) || $0 == UInt8(ascii: ".") } ?? false) {
                    position = end
                    return token(.number(text(start, position)), start, position)
                }
            }
        }
        if let c = byte(at: position), Self.isIdentifierPart(c) || c == UInt8(ascii: ".") {
            var end = position
            while let c = byte(at: end), Self.isIdentifierPart(c) || c == UInt8(ascii: ".") { end += 1 }
            let written = text(start, end)
            let isExponent = c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
            position = end
            return error(
                .invalidNumber, "invalid number \(written)", start, end,
                hint: isExponent
                    ? "exponent notation is not supported; write the number out in full"
                    : "a number is digits with at most one decimal point"
            )
        }
        return token(.number(text(start, position)), start, position)
    }

    /// A `'string'` or `"identifier"`; the quote doubled inside stands for itself.
    private mutating func quoted(from start: Int, quote: UInt8) -> SQLToken {
        var content: [UInt8] = []
        position = start + 1
        while true {
            guard position < bytes.count else {
                let isString = quote == UInt8(ascii: "'")
                return error(
                    .unterminated,
                    isString ? "unterminated string literal" : "unterminated quoted identifier",
                    start, start + 1,
                    hint: isString
                        ? "close the string with ' (write '' for a quote inside it)"
                        : "close the identifier with \" (write \"\" for a quote inside it)"
                )
            }
            let c = bytes[position]
            if c == quote {
                if byte(at: position + 1) == quote {
                    content.append(quote)
                    position += 2
                    continue
                }
                position += 1
                break
            }
            content.append(c)
            position += 1
        }
        let value = String(decoding: content, as: UTF8.self)
        if quote == UInt8(ascii: "'") {
            return token(.string(value), start, position)
        }
        if value.isEmpty {
            return error(.syntax, "empty quoted identifier", start, position, hint: "an identifier needs at least one character")
        }
        return token(.quotedIdentifier(value), start, position)
    }
}
