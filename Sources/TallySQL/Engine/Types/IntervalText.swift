/// INTERVAL units and text, as DuckDB reads them: `'30 days'`, `'1 hour 30 minutes'`,
/// `'2 days 03:00:00'`, `INTERVAL 3 MONTH`.
package enum IntervalText {
    /// Microseconds of a fixed-length unit (nil for month-based units and unknown words).
    static func unitMicros(_ unit: String) -> Int64? {
        switch unit.uppercased() {
        case "MICROSECOND", "MICROSECONDS", "US", "USEC", "USECS", "USECONDS": return 1
        case "MILLISECOND", "MILLISECONDS", "MS", "MSEC", "MSECS", "MSECOND", "MSECONDS": return 1000
        case "SECOND", "SECONDS", "S", "SEC", "SECS": return 1_000_000
        case "MINUTE", "MINUTES", "M", "MIN", "MINS": return 60_000_000
        case "HOUR", "HOURS", "H", "HR", "HRS": return 3_600_000_000
        default: return nil
        }
    }

    /// Whether `unit` counts days, weeks, months, quarters, years, decades, centuries or millennia.
    static func isMonthUnit(_ unit: String) -> Bool { calendarUnit(unit) != nil }

    /// (months, days) per unit of a calendar unit.
    static func calendarUnit(_ unit: String) -> (months: Int32, days: Int32)? {
        switch unit.uppercased() {
        case "DAY", "DAYS", "D": return (0, 1)
        case "WEEK", "WEEKS", "W": return (0, 7)
        case "MONTH", "MONTHS", "MON", "MONS": return (1, 0)
        case "QUARTER", "QUARTERS": return (3, 0)
        case "YEAR", "YEARS", "Y", "YR", "YRS": return (12, 0)
        case "DECADE", "DECADES": return (120, 0)
        case "CENTURY", "CENTURIES": return (1200, 0)
        case "MILLENNIUM", "MILLENNIA", "MILLENNIUMS": return (12000, 0)
        default: return nil
        }
    }

    /// `n` units as an interval (fractions of fixed units kept to the microsecond;
    /// fractions of calendar units truncated, as DuckDB does for `INTERVAL 1.5 MONTH`... it
    /// rounds into days: we keep whole units and push a day fraction into microseconds).
    static func interval(_ n: Double, unit: String) -> Interval? {
        if let us = unitMicros(unit) {
            let v = (n * Double(us)).rounded()
            guard abs(v) < 9.2e18 else { return nil }
            return Interval(micros: Int64(v))
        }
        guard let (m, d) = calendarUnit(unit) else { return nil }
        if m != 0 {
            let months = n * Double(m)
            guard abs(months) < 2e9 else { return nil }
            let whole = months.rounded(.towardZero)
            let days = ((months - whole) * 30).rounded(.towardZero)
            return Interval(months: Int32(whole), days: Int32(days))
        }
        let days = n * Double(d)
        guard abs(days) < 2e9 else { return nil }
        let whole = days.rounded(.towardZero)
        return Interval(days: Int32(whole), micros: Int64(((days - whole) * 86_400_000_000).rounded()))
    }

    /// Parses interval text: a sequence of `number unit` pairs and an optional `[-]HH:MM[:SS[.f]]`.
    package static func parse(_ text: String) -> Interval? {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard !words.isEmpty else { return nil }
        var result = Interval()
        var i = 0
        var ago = false
        while i < words.count {
            let w = words[i]
            if w == "ago" { ago = true; i += 1; continue }
            if w.contains(":") {
                guard let t = timeOfDay(w) else { return nil }
                result.micros &+= t
                i += 1
                continue
            }
            // "30days" or "30 days"
            var numberText = w, unit = ""
            if let idx = w.firstIndex(where: { $0.isLetter }) {
                numberText = String(w[..<idx])
                unit = String(w[idx...])
            } else {
                guard i + 1 < words.count else {
                    // A bare number is seconds in DuckDB's parser.
                    guard let n = Double(w), let x = interval(n, unit: "second") else { return nil }
                    result.micros &+= x.micros
                    i += 1
                    continue
                }
                unit = words[i + 1]
                i += 1
            }
            guard let n = Double(numberText), let x = interval(n, unit: unit) else { return nil }
            result.months &+= x.months
            result.days &+= x.days
            result.micros &+= x.micros
            i += 1
        }
        return ago ? result.negated : result
    }

    /// `[-]HH:MM[:SS[.ffffff]]` as microseconds.
    static func timeOfDay(_ text: String) -> Int64? {
        var s = Substring(text)
        var negative = false
        if s.first == "-" { negative = true; s.removeFirst() }
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let h = Int64(parts[0]), let m = Int64(parts[1]) else { return nil }
        var us = h * 3_600_000_000 + m * 60_000_000
        if parts.count == 3 {
            guard let sec = Double(parts[2]) else { return nil }
            us += Int64((sec * 1_000_000).rounded())
        }
        return negative ? -us : us
    }
}
