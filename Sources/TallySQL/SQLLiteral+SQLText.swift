import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing

extension SQLLiteral {
    /// The literal as SQL source: `'it''s'`, `DATE '2026-10-01'`, `-1.50`, `NULL`, ...
    package var sqlText: String {
        switch self {
        case .number(let n):
            return n.description
        case .string(let s):
            return SQLKeywords.quoted(s, with: "'")
        case .date(let day):
            return "DATE '\(CivilDate.isoString(forDayNumber: day))'"
        case .timestamp(let ms):
            let day = CivilDate.dayNumber(forMilliseconds: ms)
            let within = ms - Int64(day) * CivilDate.millisecondsPerDay
            let h = within / 3_600_000, m = within / 60_000 % 60, s = within / 1000 % 60, f = within % 1000
            func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
            var text = "\(CivilDate.isoString(forDayNumber: day)) \(two(h)):\(two(m)):\(two(s))"
            if f != 0 { text += "." + String(String(f + 1000).dropFirst()) }
            return "TIMESTAMP '\(text)'"
        case .boolean(let b):
            return b ? "TRUE" : "FALSE"
        case .null:
            return "NULL"
        }
    }
}
