import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing

/// One cell of a query result, or an intermediate value while evaluating expressions over
/// aggregated groups.
///
/// Money stays exact: `.money` holds nano-USD, so sums of `cost_usd` are never rounded.
package enum SQLValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// A boolean (comparisons in HAVING).
    case bool(Bool)
    /// An exact integer (counts, integer columns, sums of durations).
    case int(Int128)
    /// An exact amount of money in nano-USD (`cost_usd` and its sums, minima, maxima).
    case money(Int128)
    /// A floating-point number (quantities, averages, quantiles).
    case double(Double)
    /// Text.
    case string(String)
    /// A UTC calendar day (days since 1970-01-01).
    case date(Int32)
    /// A UTC instant in milliseconds since the epoch.
    case timestamp(Int64)

    /// Whether this is NULL.
    package var isNull: Bool { self == .null }

    /// The value as a Double, for numeric values (money in USD).
    package var numericDouble: Double? {
        switch self {
        case .int(let v): return Double(v)
        case .money(let v): return Double(v) / 1e9
        case .double(let v): return v
        default: return nil
        }
    }

    /// Money in nano-USD for exact numeric values (integers count as whole dollars).
    var exactNanos: Int128? {
        switch self {
        case .int(let v): return v.multipliedReportingOverflow(by: 1_000_000_000).overflow ? nil : v * 1_000_000_000
        case .money(let v): return v
        default: return nil
        }
    }

    /// The value as plain text without thousands separators: money with 9 decimals, dates
    /// as `YYYY-MM-DD`, timestamps as `YYYY-MM-DD HH:MM:SS[.fff]`, NULL as `""`.
    package var plainText: String {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let v): return String(v)
        case .money(let v): return SQLValue.moneyText(v, decimals: 9)
        case .double(let v): return SQLValue.doubleText(v)
        case .string(let s): return s
        case .date(let d): return CivilDate.isoString(forDayNumber: d)
        case .timestamp(let ms): return SQLValue.timestampText(ms)
        }
    }

    /// A Double as the shortest text that reads back the same, without exponent for
    /// ordinary magnitudes (`3.0`, `0.25`), the way DuckDB prints doubles.
    static func doubleText(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        return v.description
    }

    /// Nano-USD as a decimal with `decimals` fractional digits (0...9), rounded half away
    /// from zero when digits are dropped.
    static func moneyText(_ nanos: Int128, decimals: Int, grouping: Bool = false) -> String {
        let negative = nanos < 0
        var magnitude = negative ? (0 - nanos) : nanos
        let drop = 9 - decimals
        var scale: Int128 = 1
        for _ in 0..<drop { scale *= 10 }
        if drop > 0 { magnitude = (magnitude + scale / 2) / scale }
        var unit: Int128 = 1
        for _ in 0..<decimals { unit *= 10 }
        let whole = magnitude / unit
        let fraction = magnitude % unit
        var text = grouping ? groupedDigits(String(whole)) : String(whole)
        if decimals > 0 {
            let f = String(fraction)
            text += "." + String(repeating: "0", count: decimals - f.count) + f
        }
        return (negative && magnitude != 0 ? "-" : "") + text
    }

    /// `1234567` as `1,234,567`.
    static func groupedDigits(_ digits: String) -> String {
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// Milliseconds since the epoch as `YYYY-MM-DD HH:MM:SS`, with `.fff` only if non-zero.
    static func timestampText(_ ms: Int64) -> String {
        let day = CivilDate.dayNumber(forMilliseconds: ms)
        let rest = ms - Int64(day) * CivilDate.millisecondsPerDay
        let h = rest / 3_600_000, m = rest / 60_000 % 60, s = rest / 1000 % 60, f = rest % 1000
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var text = CivilDate.isoString(forDayNumber: day) + " \(two(h)):\(two(m)):\(two(s))"
        if f != 0 { text += "." + String(String(f + 1000).dropFirst()) }
        return text
    }
}
