import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
extension SQLError {
    /// A multi-line report for a terminal: the message, the query line the error is on, a caret
    /// (`^~~~`) under the offending token, and the hint if there is one.
    ///
    /// `query` must be the text that was parsed; the rendering degrades gracefully (no caret line)
    /// when the range does not fit it, so it never traps.
    public func rendered(query: String) -> String {
        var lines = ["Error: \(description)"]
        if let (text, caret) = Self.caretLines(query: query, range: range) {
            lines.append(text)
            lines.append(caret)
        }
        if let hint {
            lines.append("Hint: \(hint)")
        }
        return lines.joined(separator: "\n")
    }

    /// The source line containing `range.offset` and a caret line under the range (clipped to
    /// that line). Tabs before the token are copied so that the caret lines up under them.
    static func caretLines(query: String, range: SourceRange) -> (String, String)? {
        let bytes = Array(query.utf8)
        guard range.offset >= 0, range.offset <= bytes.count else { return nil }
        var lineStart = range.offset
        while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        var lineEnd = range.offset
        while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        var visibleEnd = lineEnd
        if visibleEnd > lineStart, bytes[visibleEnd - 1] == UInt8(ascii: "\r") { visibleEnd -= 1 }
        // A range may start inside a multi-byte scalar only if the caller passed a foreign one.
        var pad = ""
        var i = lineStart
        while i < min(range.offset, visibleEnd) {
            if bytes[i] == UInt8(ascii: "\t") {
                pad.append("\t")
            } else if bytes[i] & 0xC0 != 0x80 {
                pad.append(" ")
            }
            i += 1
        }
        var width = 0
        i = range.offset
        while i < min(range.end, visibleEnd) {
            if bytes[i] & 0xC0 != 0x80 { width += 1 }
            i += 1
        }
        let caret = pad + "^" + String(repeating: "~", count: max(width, 1) - 1)
        let text = String(decoding: bytes[lineStart..<visibleEnd], as: UTF8.self)
        return (text, caret)
    }
}
