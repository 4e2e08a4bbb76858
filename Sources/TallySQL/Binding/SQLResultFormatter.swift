import Foundation
import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing

/// Prints ``SQLResultTable``s in each ``SQLOutputFormat``.
package enum SQLResultFormatter {
    /// The whole output for `table`, ending in a newline.
    package static func format(_ table: SQLResultTable, as format: SQLOutputFormat) -> String {
        switch format {
        case .table: return aligned(table)
        case .csv: return csv(table)
        case .json: return json(table)
        case .jsonl: return jsonLines(table)
        case .markdown: return markdown(table)
        }
    }

    /// A value as shown in a table for people; text is escaped for the terminal
    /// (`TerminalText`), so that a stored string can neither drive the terminal nor
    /// break a row over two lines.
    package static func display(_ v: SQLValue) -> String {
        switch v {
        case .string(let s): return TerminalText.escaped(s)
        case .null: return "NULL"
        case .int(let x): return (x < 0 ? "-" : "") + SQLValue.groupedDigits(String(x.magnitude))
        case .money(let x): return SQLValue.moneyText(x, decimals: 2, grouping: true)
        case .double(let x):
            guard x.isFinite else { return SQLValue.doubleText(x) }
            if x == x.rounded(), abs(x) < 1e15 { return (x < 0 ? "-" : "") + SQLValue.groupedDigits(String(Int64(abs(x)))) }
            if abs(x) >= 1 {
                let text = String(format: "%.2f", abs(x))
                let parts = text.split(separator: ".")
                return (x < 0 ? "-" : "") + SQLValue.groupedDigits(String(parts[0])) + "." + parts[1]
            }
            return String(format: "%.4g", x)
        default: return v.plainText
        }
    }

    static func aligned(_ table: SQLResultTable) -> String {
        let headers = table.columns.map { TerminalText.escaped($0.name) }
        let cells = table.rows.map { $0.map(display) }
        var widths = headers.map(\.count)
        for row in cells { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ values: [String]) -> String {
            values.enumerated().map { i, v in
                let pad = String(repeating: " ", count: widths[i] - v.count)
                return table.columns[i].type.isNumeric ? pad + v : v + pad
            }.joined(separator: " │ ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = line(headers) + "\n"
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─") + "\n"
        for row in cells { out += line(row) + "\n" }
        out += "(\(table.rows.count) \(table.rows.count == 1 ? "row" : "rows"))\n"
        return out
    }

    /// `s` as one RFC 4180 CSV field: quoted when it holds a comma, quote or line break.
    package static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func csv(_ table: SQLResultTable) -> String {
        var out = table.columns.map { csvField($0.name) }.joined(separator: ",") + "\n"
        for row in table.rows { out += row.map { csvField($0.plainText) }.joined(separator: ",") + "\n" }
        return out
    }

    static func jsonString(_ s: String) -> String { JSONText.quoted(s) }

    static func jsonValue(_ v: SQLValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int, .money: return v.plainText
        case .double(let x): return x.isFinite ? SQLValue.doubleText(x) : "null"
        case .string, .date, .timestamp: return jsonString(v.plainText)
        }
    }

    static func jsonObject(_ table: SQLResultTable, _ row: [SQLValue]) -> String {
        "{" + zip(table.columns, row).map { jsonString($0.name) + ":" + jsonValue($1) }.joined(separator: ",") + "}"
    }

    static func json(_ table: SQLResultTable) -> String {
        if table.rows.isEmpty { return "[]\n" }
        return "[\n" + table.rows.map { "  " + jsonObject(table, $0) }.joined(separator: ",\n") + "\n]\n"
    }

    static func jsonLines(_ table: SQLResultTable) -> String {
        table.rows.map { jsonObject(table, $0) + "\n" }.joined()
    }

    static func markdown(_ table: SQLResultTable) -> String {
        func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var out = "| " + table.columns.map { escape(TerminalText.escaped($0.name)) }.joined(separator: " | ") + " |\n"
        out += "|" + table.columns.map { $0.type.isNumeric ? "---:" : "---" }.joined(separator: "|") + "|\n"
        for row in table.rows { out += "| " + row.map { escape(display($0)) }.joined(separator: " | ") + " |\n" }
        return out
    }
}
