/// Calendar fields of instants (microseconds) and days, as DuckDB's date_part names them.
package enum DatePart {
    /// Monday = 1 ... Sunday = 7.
    static func isoDayOfWeek(_ day: Int32) -> Int {
        let r = (Int(day) + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    /// (ISO year, ISO week).
    static func isoWeek(_ day: Int32) -> (year: Int, week: Int) {
        let thursday = Int32(Int(day) - isoDayOfWeek(day) + 4)
        let y = TemporalText.civil(thursday).year
        let jan1 = TemporalText.dayNumber(year: y, month: 1, day: 1)
        return (y, Int(thursday - jan1) / 7 + 1)
    }

    /// The field `part` of the instant `us`; nil for an unknown part.
    static func extract(_ part: String, _ us: Int64) -> ScalarValue? {
        let day = Int32(truncatingIfNeeded: TemporalText.floorDiv(us, TemporalText.microsPerDay))
        let tod = us - Int64(day) * TemporalText.microsPerDay
        let c = TemporalText.civil(day)
        func int(_ v: Int) -> ScalarValue { .int(Int128(v)) }
        switch part {
        case "year", "years", "y", "yr", "yrs": return int(c.year)
        case "month", "months", "mon", "mons": return int(c.month)
        case "day", "days", "d", "dayofmonth": return int(c.day)
        case "hour", "hours", "h", "hr", "hrs": return int(Int(tod / 3_600_000_000))
        case "minute", "minutes", "m", "min", "mins": return int(Int(tod / 60_000_000 % 60))
        case "second", "seconds", "s", "sec", "secs": return int(Int(tod / 1_000_000 % 60))
        case "millisecond", "milliseconds", "ms", "msec", "msecs": return int(Int(tod / 1000 % 60_000))
        case "microsecond", "microseconds", "us", "usec", "usecs": return int(Int(tod % 60_000_000))
        case "epoch": return .double(Double(us) / 1_000_000)
        case "dow", "dayofweek", "weekday": return int(isoDayOfWeek(day) % 7)
        case "isodow": return int(isoDayOfWeek(day))
        case "doy", "dayofyear": return int(Int(day - TemporalText.dayNumber(year: c.year, month: 1, day: 1)) + 1)
        case "week", "weeks", "w", "weekofyear": return int(isoWeek(day).week)
        case "isoyear": return int(isoWeek(day).year)
        case "yearweek":
            let w = isoWeek(day)
            return int(w.year * 100 + w.week)
        case "quarter", "quarters": return int((c.month - 1) / 3 + 1)
        case "decade", "decades": return int(c.year >= 0 ? c.year / 10 : (c.year - 9) / 10)
        case "century", "centuries": return int(c.year > 0 ? (c.year - 1) / 100 + 1 : c.year / 100 - 1)
        case "millennium", "millennia", "millenniums": return int(c.year > 0 ? (c.year - 1) / 1000 + 1 : c.year / 1000 - 1)
        case "era": return int(c.year > 0 ? 1 : 0)
        case "julian": return .double(Double(day) + 2_440_588)
        default: return nil
        }
    }

    /// Whether `part` is known to `extract`.
    static func isKnown(_ part: String) -> Bool { extract(part, 0) != nil }

    /// `us` truncated to the start of its `unit`; nil for an unknown unit.
    static func truncate(_ unit: String, _ us: Int64) -> Int64? {
        let day = Int32(truncatingIfNeeded: TemporalText.floorDiv(us, TemporalText.microsPerDay))
        let dayStart = Int64(day) * TemporalText.microsPerDay
        let c = TemporalText.civil(day)
        func start(_ y: Int, _ m: Int, _ d: Int) -> Int64 { Int64(TemporalText.dayNumber(year: y, month: m, day: d)) * TemporalText.microsPerDay }
        switch unit {
        case "microsecond", "microseconds", "us": return us
        case "millisecond", "milliseconds", "ms": return TemporalText.floorDiv(us, 1000) * 1000
        case "second", "seconds", "s": return TemporalText.floorDiv(us, 1_000_000) * 1_000_000
        case "minute", "minutes", "m": return TemporalText.floorDiv(us, 60_000_000) * 60_000_000
        case "hour", "hours", "h": return TemporalText.floorDiv(us, 3_600_000_000) * 3_600_000_000
        case "day", "days", "d", "dayofmonth", "dow", "isodow", "doy", "dayofyear": return dayStart
        case "week", "weeks", "w", "weekofyear", "yearweek": return dayStart - Int64(isoDayOfWeek(day) - 1) * TemporalText.microsPerDay
        case "month", "months", "mon": return start(c.year, c.month, 1)
        case "quarter", "quarters": return start(c.year, (c.month - 1) / 3 * 3 + 1, 1)
        case "year", "years", "y", "yr": return start(c.year, 1, 1)
        case "isoyear":
            let y = isoWeek(day).year
            let jan4 = TemporalText.dayNumber(year: y, month: 1, day: 4)
            return Int64(jan4 - Int32(isoDayOfWeek(jan4) - 1)) * TemporalText.microsPerDay
        case "decade", "decades": return start(c.year >= 0 ? c.year / 10 * 10 : (c.year - 9) / 10 * 10, 1, 1)
        case "century", "centuries": return start(c.year > 0 ? (c.year - 1) / 100 * 100 + 1 : c.year / 100 * 100 - 99, 1, 1)
        case "millennium", "millennia": return start(c.year > 0 ? (c.year - 1) / 1000 * 1000 + 1 : c.year / 1000 * 1000 - 999, 1, 1)
        default: return nil
        }
    }
}
