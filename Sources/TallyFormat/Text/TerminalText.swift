import TallySystem
/// Text from data made safe to print on a terminal: the one place that decides what a
/// terminal may see of a project id, model id, file name or value.
///
/// A string taken from imported data can hold bytes a terminal obeys rather than shows:
/// `ESC ] 0 ; ... BEL` retitles the window, `ESC [ 2 J` clears it, a newline or carriage
/// return breaks a table's layout, a bidi override (U+202E) reverses what follows. Every
/// place the CLI prints data-derived text for people runs it through ``escaped(_:)``;
/// CSV, JSON and the other machine formats keep the exact characters (they are data,
/// quoted by their own rules).
package enum TerminalText {
    /// `s` with every character a terminal would act on spelled out visibly, the way
    /// `ls -b` and DuckDB's shell do: `\n`, `\r`, `\t`, `\0`, other C0 controls, DEL
    /// and ESC as `\xHH` (`\x1b`), C1 controls and the invisible direction and line
    /// controls as `\u{HHHH}` (`\u{9b}`, `\u{202e}`). Everything else (letters of any
    /// script, emoji, the backslash) is kept as is, so escaping is idempotent: a message
    /// that holds an escaped value can be escaped again when printed, unchanged.
    package static func escaped(_ s: String) -> String {
        // The common case, plain printable text, is returned without a copy.
        guard s.unicodeScalars.contains(where: needsEscape) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for scalar in s.unicodeScalars {
            guard needsEscape(scalar) else { out.unicodeScalars.append(scalar); continue }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\0": out += "\\0"
            case _ where scalar.value < 0x80:
                let hex = String(scalar.value, radix: 16)
                out += "\\x" + (hex.count < 2 ? "0" : "") + hex
            default: out += "\\u{" + String(scalar.value, radix: 16) + "}"
            }
        }
        return out
    }

    /// `text` escaped line by line: its own line breaks kept (a message of several lines,
    /// such as a SQL error with its caret line), every other control spelled out.
    package static func escapedLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { escaped(String($0)) }.joined(separator: "\n")
    }

    /// Whether a terminal would act on `scalar`.
    package static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true  // C0, DEL, C1
        case 0x061C, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2069, 0xFEFF: return true  // bidi, zero-width, line separators
        default: return false
        }
    }
}
