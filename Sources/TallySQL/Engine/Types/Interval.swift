/// An INTERVAL as DuckDB keeps one: months, days and microseconds, each signed, never
/// normalised into each other (a month is not a fixed number of days).
package struct Interval: Sendable, Hashable, Comparable, CustomStringConvertible, BitwiseCopyable {
    /// Whole months.
    package var months: Int32
    /// Whole days.
    package var days: Int32
    /// Microseconds.
    package var micros: Int64

    /// Creates an interval.
    package init(months: Int32 = 0, days: Int32 = 0, micros: Int64 = 0) {
        self.months = months
        self.days = days
        self.micros = micros
    }

    /// Microseconds per day, for comparisons (DuckDB compares intervals after normalising
    /// with 30-day months and 24-hour days).
    static let microsPerDay: Int64 = 86_400_000_000

    /// The interval normalised to (months, days, micros) with days < 30 and micros < 1 day,
    /// the key DuckDB orders and compares intervals by.
    var normalizedKey: (Int64, Int64, Int64) {
        var micros = self.micros
        var days = Int64(self.days) + micros / Interval.microsPerDay
        micros %= Interval.microsPerDay
        let months = Int64(self.months) + days / 30
        days %= 30
        return (months, days, micros)
    }

    package static func < (a: Interval, b: Interval) -> Bool { a.normalizedKey < b.normalizedKey }

    package static func == (a: Interval, b: Interval) -> Bool { a.normalizedKey == b.normalizedKey }

    package func hash(into hasher: inout Hasher) {
        let k = normalizedKey
        hasher.combine(k.0)
        hasher.combine(k.1)
        hasher.combine(k.2)
    }

    /// The interval negated.
    package var negated: Interval { Interval(months: 0 &- months, days: 0 &- days, micros: 0 &- micros) }

    /// DuckDB's text: `1 year 2 months 3 days 04:05:06.789`, `00:00:00` for zero.
    package var description: String {
        var parts: [String] = []
        let years = months / 12, restMonths = months % 12
        if years != 0 { parts.append("\(years) year\(abs(years) == 1 ? "" : "s")") }
        if restMonths != 0 { parts.append("\(restMonths) month\(abs(restMonths) == 1 ? "" : "s")") }
        if days != 0 { parts.append("\(days) day\(abs(days) == 1 ? "" : "s")") }
        if micros != 0 || parts.isEmpty {
            var m = micros
            var sign = ""
            if m < 0 { sign = "-"; m = 0 - m }
            let h = m / 3_600_000_000, mi = m / 60_000_000 % 60, s = m / 1_000_000 % 60, f = m % 1_000_000
            func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
            var text = "\(sign)\(two(h)):\(two(mi)):\(two(s))"
            if f != 0 {
                var frac = String(f + 1_000_000).dropFirst()
                while frac.last == "0" { frac = frac.dropLast() }
                text += "." + frac
            }
            parts.append(text)
        }
        return parts.joined(separator: " ")
    }
}
