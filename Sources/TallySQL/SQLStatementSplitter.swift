import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// The scanner behind ``SQLParser/splitStatements(_:)``: it knows just enough of the lexical
/// rules (quotes, comments) to find the semicolons that end statements.
enum SQLStatementSplitter {
    static func split(_ text: String) -> (complete: [String], remainder: String) {
        let bytes = Array(text.utf8)
        var complete: [String] = []
        var start = 0
        var hasContent = false
        var i = 0
        let semicolon = UInt8(ascii: ";"), newline = UInt8(ascii: "\n")
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") {
                hasContent = true
                i += 1
                while i < bytes.count {
                    if bytes[i] == b {
                        // A doubled quote is an escaped quote, and the literal goes on.
                        if i + 1 < bytes.count, bytes[i + 1] == b {
                            i += 2
                            continue
                        }
                        break
                    }
                    i += 1
                }
                if i >= bytes.count { break }
                i += 1
            } else if b == UInt8(ascii: "-"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "-") {
                while i < bytes.count, bytes[i] != newline { i += 1 }
            } else if b == UInt8(ascii: "/"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "*") {
                i += 2
                while i < bytes.count, !(bytes[i] == UInt8(ascii: "*") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "/")) {
                    i += 1
                }
                if i >= bytes.count {
                    // An open comment keeps the rest unfinished, even if it looks empty.
                    hasContent = true
                    break
                }
                i += 2
            } else if b == semicolon {
                if hasContent {
                    complete.append(trimmed(bytes[start..<i]))
                }
                i += 1
                start = i
                hasContent = false
            } else {
                if !(b == 0x20 || (b >= 0x09 && b <= 0x0D)) { hasContent = true }
                i += 1
            }
        }
        let rest = bytes[start...]
        return (complete, hasContent ? leadingTrimmed(rest) : "")
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    private static func trimmed(_ slice: ArraySlice<UInt8>) -> String {
        var s = slice.startIndex, e = slice.endIndex
        while s < e, isSpace(slice[s]) { s += 1 }
        while e > s, isSpace(slice[e - 1]) { e -= 1 }
        return String(decoding: slice[s..<e], as: UTF8.self)
    }

    private static func leadingTrimmed(_ slice: ArraySlice<UInt8>) -> String {
        var s = slice.startIndex
        while s < slice.endIndex, isSpace(slice[s]) { s += 1 }
        return String(decoding: slice[s...], as: UTF8.self)
    }
}
