/// Splits CSV text into rows of fields (RFC 4180 as DuckDB reads it): fields separated by
/// one delimiter byte, optionally quoted (a quote inside a quoted field is doubled, or
/// preceded by the escape byte), rows ended by LF, CRLF or CR; a quoted field may span
/// lines. Blank lines are skipped. An empty field, quoted or not, is NULL (nil).
struct CSVParser {
    /// The field separator.
    var delimiter: UInt8
    /// The quote byte.
    var quote: UInt8 = UInt8(ascii: "\"")
    /// The byte that escapes a quote inside a quoted field (the quote itself by default).
    var escape: UInt8 = UInt8(ascii: "\"")

    /// The parsed rows: fields flat, row `r` is `fields[rowStarts[r]..<rowStarts[r + 1]]`.
    struct Rows {
        /// Every field, row after row (nil: empty).
        var fields: [String?] = []
        /// Where each row's fields start, then the end.
        var rowStarts: [Int] = [0]
        /// The file line each row starts on (1-based).
        var lines: [Int] = []

        /// The number of rows.
        var count: Int { lines.count }
        /// The number of fields of row `r`.
        func width(_ r: Int) -> Int { rowStarts[r + 1] - rowStarts[r] }
        /// Field `c` of row `r`.
        func field(_ r: Int, _ c: Int) -> String? { fields[rowStarts[r] + c] }
    }

    /// What went wrong, at which line: the caller adds the file's name.
    struct Failure: Error {
        var line: Int
        var reason: String
    }

    /// The rows of `bytes`, at most `limit` of them.
    func parse(_ bytes: [UInt8], limit: Int = .max) throws(Failure) -> Rows {
        var rows = Rows()
        let n = bytes.count
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0  // a UTF-8 byte order mark
        var line = 1
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var field: [UInt8] = []
        while i < n && rows.count < limit {
            // A blank line is no row.
            if bytes[i] == lf { i += 1; line += 1; continue }
            if bytes[i] == cr { i += (i + 1 < n && bytes[i + 1] == lf) ? 2 : 1; line += 1; continue }
            rows.lines.append(line)
            while true {
                field.removeAll(keepingCapacity: true)
                if i < n && bytes[i] == quote {
                    let openedOn = line
                    i += 1
                    while true {
                        guard i < n else { throw Failure(line: openedOn, reason: "a quoted field is never closed") }
                        let b = bytes[i]
                        if b == escape && i + 1 < n && (bytes[i + 1] == quote || (escape != quote && bytes[i + 1] == escape)) {
                            field.append(bytes[i + 1])
                            i += 2
                        } else if b == quote {
                            i += 1
                            break
                        } else {
                            if b == lf || (b == cr && !(i + 1 < n && bytes[i + 1] == lf)) { line += 1 }
                            field.append(b)
                            i += 1
                        }
                    }
                    if i < n && bytes[i] != delimiter && bytes[i] != lf && bytes[i] != cr {
                        throw Failure(line: line, reason: "unexpected character after a closing quote (a quote inside a quoted field is written twice: \"\")")
                    }
                } else {
                    while i < n && bytes[i] != delimiter && bytes[i] != lf && bytes[i] != cr {
                        field.append(bytes[i])
                        i += 1
                    }
                }
                rows.fields.append(field.isEmpty ? nil : String(decoding: field, as: UTF8.self))
                if i < n && bytes[i] == delimiter {
                    i += 1
                    continue
                }
                // The end of the row.
                if i < n {
                    i += (bytes[i] == cr && i + 1 < n && bytes[i + 1] == lf) ? 2 : 1
                    line += 1
                }
                break
            }
            rows.rowStarts.append(rows.fields.count)
        }
        return rows
    }

    /// The candidates DuckDB's sniffer tries, in its order of preference.
    static let candidateDelimiters: [UInt8] = [",", "|", ";", "\t"].map { UInt8(ascii: $0) }

    /// The delimiter that splits the first rows into the most columns, the same number in
    /// every row (a comma when none splits them).
    static func sniffDelimiter(_ bytes: [UInt8], quote: UInt8, escape: UInt8) -> UInt8 {
        var best = candidateDelimiters[0], bestWidth = 1
        for d in candidateDelimiters {
            guard let rows = try? CSVParser(delimiter: d, quote: quote, escape: escape).parse(bytes, limit: 64), rows.count > 0 else { continue }
            let width = rows.width(0)
            guard width > bestWidth, (0..<rows.count).allSatisfy({ rows.width($0) == width }) else { continue }
            best = d
            bestWidth = width
        }
        return best
    }
}
