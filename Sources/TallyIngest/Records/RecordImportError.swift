import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// A record file that could not be read, with where and why.
///
/// `description` reads like a compiler diagnostic, e.g.
/// `usage.csv:1042: field 'quantity': value '-3' is negative; quantities must be >= 0`.
public struct RecordImportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is, for callers that react differently to each.
    public enum Kind: Sendable, Hashable {
        /// The file is empty or has no header row (CSV).
        case missingHeader
        /// The header lacks a required column.
        case missingRequiredColumn
        /// A header column or JSON key is not in the schema.
        case unknownColumn
        /// A column or JSON key appears twice.
        case duplicateColumn
        /// A record has no value for a required field.
        case missingRequiredField
        /// A quantity below zero.
        case negativeQuantity
        /// A quantity that is NaN or infinite.
        case nonFiniteQuantity
        /// A number that does not parse, or does not fit its type.
        case invalidNumber
        /// A cost with more than 9 significant fractional digits.
        case tooManyFractionDigits
        /// A `ts` that is neither milliseconds nor an RFC 3339 time.
        case invalidTimestamp
        /// A `date` that is not a valid `YYYY-MM-DD`.
        case invalidDate
        /// `ts` and `date` name different days.
        case timestampDateMismatch
        /// A CSV record with more or fewer fields than the header.
        case wrongFieldCount
        /// A quoted CSV field still open at the end of the file.
        case unterminatedQuote
        /// A character right after a closing quote that is neither `,` nor a line end.
        case malformedQuote
        /// Bytes that are not valid UTF-8.
        case invalidUTF8
        /// A NUL character inside a text field.
        case nulCharacter
        /// A JSONL line that is not a JSON object of strings, numbers and nulls.
        case invalidJSON
        /// A record longer than `RecordImportOptions.maxRecordBytes`.
        case recordTooLong
        /// The operating system failed to open or read the file (`errno`).
        case io(errno: Int32)
    }

    /// The file name as given to the reader (`<stdin>` for standard input).
    public var file: String
    /// The 1-based physical line where the record starts (0 for whole-file problems).
    public var line: Int
    /// The column (field name) at fault, if one is.
    public var column: String?
    /// The offending value, control characters escaped, truncated to about 60 bytes.
    public var value: String?
    /// What went wrong.
    public var kind: Kind
    /// What is wrong and what to do, phrased to follow the value.
    public var message: String

    /// Creates an error; `value` is truncated to keep messages readable.
    public init(file: String, line: Int, column: String? = nil, value: String? = nil, kind: Kind, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.value = value.map(Self.truncated)
        self.kind = kind
        self.message = message
    }

    /// `file:line: field 'column': value 'value' message`.
    public var description: String {
        var s = line > 0 ? "\(file):\(line)" : file
        if let column { s += ": field '\(column)'" }
        if let value { s += ": value '\(value)' " } else { s += ": " }
        return s + message
    }

    static let maxValueBytes = 60

    /// Control characters spelled out (`\n`, `\x1b`, see `TerminalText`) so that a
    /// message stays on one line and cannot drive the terminal it is printed on, and long
    /// values cut to about `maxValueBytes`.
    static func truncated(_ raw: String) -> String {
        let value = TerminalText.escaped(raw)
        guard value.utf8.count > maxValueBytes else { return value }
        var out = ""
        for ch in value {
            if out.utf8.count + ch.utf8.count > maxValueBytes { break }
            out.append(ch)
        }
        return out + "…"
    }

    /// A printable rendition of raw field bytes (invalid UTF-8 shown as U+FFFD).
    static func display(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let n = Swift.min(bytes.count, maxValueBytes + 4)
        let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<n]), as: UTF8.self)
        return n < bytes.count ? truncated(s + "……") : s
    }
}
