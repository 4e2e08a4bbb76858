import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// A strict, allocation-light JSON reader for one line of a stream.
///
/// Written instead of `JSONSerialization` because the parsers need number *text* (exact
/// money), must never trap on hostile input (nesting is bounded, every index is checked),
/// and want a failure reason with a byte offset for the problem report.
struct JSONReader {
    /// Deeper nesting than this is rejected, so that a line of `[[[[…` cannot exhaust the stack.
    static let maxDepth = 200

    /// Why a line is not valid JSON. `offset` is the byte offset within the line.
    enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case unexpectedEnd
        case unexpectedByte(UInt8, offset: Int)
        case invalidNumber(offset: Int)
        case invalidEscape(offset: Int)
        case controlCharacterInString(offset: Int)
        case tooDeep(offset: Int)
        case trailingData(offset: Int)

        var description: String {
            switch self {
            case .unexpectedEnd: return "the JSON text ends early"
            case .unexpectedByte(let b, let o): return "unexpected byte 0x\(String(b, radix: 16)) at offset \(o)"
            case .invalidNumber(let o): return "invalid number at offset \(o)"
            case .invalidEscape(let o): return "invalid string escape at offset \(o)"
            case .controlCharacterInString(let o): return "unescaped control character in a string at offset \(o)"
            case .tooDeep(let o): return "nesting deeper than \(JSONReader.maxDepth) levels at offset \(o)"
            case .trailingData(let o): return "extra data after the JSON value at offset \(o)"
            }
        }
    }

    private let bytes: [UInt8]
    private var index: Int
    private let start: Int
    private let end: Int

    private init(_ bytes: [UInt8], _ range: Range<Int>) {
        self.bytes = bytes
        self.index = range.lowerBound
        self.start = range.lowerBound
        self.end = range.upperBound
    }

    /// Parses exactly one JSON value filling `range` of `bytes` (surrounding whitespace allowed).
    static func parse(_ bytes: [UInt8], range: Range<Int>) throws(Failure) -> JSONValue {
        var reader = JSONReader(bytes, range.clamped(to: 0..<bytes.count))
        reader.skipWhitespace()
        let value = try reader.parseValue(depth: 0)
        reader.skipWhitespace()
        if reader.index < reader.end { throw .trailingData(offset: reader.offset) }
        return value
    }

    /// Parses a whole buffer as one JSON value.
    static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        try parse(bytes, range: 0..<bytes.count)
    }

    private var offset: Int { index - start }

    private mutating func skipWhitespace() {
        while index < end {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func peek() throws(Failure) -> UInt8 {
        guard index < end else { throw .unexpectedEnd }
        return bytes[index]
    }

    private mutating func parseValue(depth: Int) throws(Failure) -> JSONValue {
        guard depth < JSONReader.maxDepth else { throw .tooDeep(offset: offset) }
        let b = try peek()
        switch b {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw .unexpectedByte(b, offset: offset)
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(Failure) {
        let text = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for expected in text {
            let b = try peek()
            guard b == expected else { throw .unexpectedByte(b, offset: offset) }
            index += 1
        }
    }

    private mutating func parseObject(depth: Int) throws(Failure) -> JSONValue {
        index += 1  // "{"
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            let b = try peek()
            guard b == UInt8(ascii: "\"") else { throw .unexpectedByte(b, offset: offset) }
            let key = try parseString()
            skipWhitespace()
            let colon = try peek()
            guard colon == UInt8(ascii: ":") else { throw .unexpectedByte(colon, offset: offset) }
            index += 1
            skipWhitespace()
            // A repeated key keeps the last value, as JavaScript's JSON.parse does.
            members[key] = try parseValue(depth: depth + 1)
            skipWhitespace()
            let next = try peek()
            index += 1
            if next == UInt8(ascii: "}") { return .object(members) }
            guard next == UInt8(ascii: ",") else { throw .unexpectedByte(next, offset: offset - 1) }
        }
    }

    private mutating func parseArray(depth: Int) throws(Failure) -> JSONValue {
        index += 1  // "["
        var elements: [JSONValue] = []
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") { index += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            let next = try peek()
            index += 1
            if next == UInt8(ascii: "]") { return .array(elements) }
            guard next == UInt8(ascii: ",") else { throw .unexpectedByte(next, offset: offset - 1) }
        }
    }

    private mutating func parseNumber() throws(Failure) -> String {
        let begin = index
        let numberOffset = offset
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < end else { throw .invalidNumber(offset: numberOffset) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if isDigit(bytes[index]) {
            while index < end, isDigit(bytes[index]) { index += 1 }
        } else {
            throw .invalidNumber(offset: numberOffset)
        }
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < end, isDigit(bytes[index]) else { throw .invalidNumber(offset: numberOffset) }
            while index < end, isDigit(bytes[index]) { index += 1 }
        }
        if index < end, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < end, isDigit(bytes[index]) else { throw .invalidNumber(offset: numberOffset) }
            while index < end, isDigit(bytes[index]) { index += 1 }
        }
        return String(decoding: bytes[begin..<index], as: UTF8.self)
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private mutating func parseString() throws(Failure) -> String {
        index += 1  // opening quote
        let begin = index
        // Fast path: no escapes, so the bytes between the quotes are the string.
        while index < end {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: bytes[begin..<index], as: UTF8.self)
                index += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw .controlCharacterInString(offset: offset) }
            index += 1
        }
        guard index < end else { throw .unexpectedEnd }
        var buffer = Array(bytes[begin..<index])
        while index < end {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if b < 0x20 { throw .controlCharacterInString(offset: offset) }
            if b != UInt8(ascii: "\\") {
                buffer.append(b)
                index += 1
                continue
            }
            let escapeOffset = offset
            index += 1
            guard index < end else { throw .unexpectedEnd }
            let e = bytes[index]
            index += 1
            switch e {
            case UInt8(ascii: "\""): buffer.append(0x22)
            case UInt8(ascii: "\\"): buffer.append(0x5C)
            case UInt8(ascii: "/"): buffer.append(0x2F)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try parseHex4(escapeOffset)
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate must be followed by an escaped low surrogate; a lone
                    // one becomes U+FFFD, as lenient JSON producers sometimes emit them.
                    if index + 1 < end, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        index += 2
                        let low = try parseHex4(escapeOffset)
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            appendScalar(0xFFFD, to: &buffer)
                            scalar = low
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                }
                if (0xD800...0xDFFF).contains(scalar) { scalar = 0xFFFD }
                appendScalar(scalar, to: &buffer)
            default:
                throw .invalidEscape(offset: escapeOffset)
            }
        }
        throw .unexpectedEnd
    }

    private mutating func parseHex4(_ escapeOffset: Int) throws(Failure) -> UInt32 {
        guard end - index >= 4 else { throw .unexpectedEnd }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw .invalidEscape(offset: escapeOffset)
            }
            v = v << 4 | d
            index += 1
        }
        return v
    }

    private func appendScalar(_ value: UInt32, to buffer: inout [UInt8]) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
    }
}
