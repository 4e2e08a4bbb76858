import TallySystem
/// Conversions between day numbers (days since 1970-01-01, UTC) and calendar dates.
///
/// Proleptic Gregorian arithmetic after Howard Hinnant's `days_from_civil`, so that
/// no Foundation calendar (and no allocation) is needed on hot paths.
public enum CivilDate {
    /// Milliseconds in one day.
    public static let millisecondsPerDay: Int64 = 86_400_000

    /// The UTC day number that contains `ms` milliseconds since the epoch (floor division).
    ///
    /// Instants beyond the day numbers an `Int32` holds (about 5.8 million years either
    /// side of 1970, reached only by unbounded query ranges such as `ts >= X`) saturate
    /// to `Int32.min` / `Int32.max`, so a range of instants always maps to a valid range
    /// of days; the division itself never overflows, even at `Int64.min`.
    @inlinable
    public static func dayNumber(forMilliseconds ms: Int64) -> Int32 {
        let q = ms / millisecondsPerDay
        let d = (ms % millisecondsPerDay != 0 && ms < 0) ? q - 1 : q
        return Int32(clamping: d)
    }

    /// The day number of a calendar date. `month` is 1...12, `day` 1...31.
    @inlinable
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int32 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int32(era * 146_097 + doe - 719_468)
    }

    /// The calendar date of a day number.
    @inlinable
    public static func civil(fromDayNumber dayNumber: Int32) -> (year: Int, month: Int, day: Int) {
        let z = Int(dayNumber) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The number of days in a month of a year.
    @inlinable
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Months since 0000-01 for the month containing a day number (a compact month key).
    @inlinable
    public static func monthKey(forDayNumber dayNumber: Int32) -> Int32 {
        let c = civil(fromDayNumber: dayNumber)
        return Int32(c.year * 12 + c.month - 1)
    }

    /// `YYYY-MM-DD` for a day number.
    public static func isoString(forDayNumber dayNumber: Int32) -> String {
        let c = civil(fromDayNumber: dayNumber)
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2)
    }

    /// Parses `YYYY-MM-DD` into a day number; `nil` if it is not a valid date.
    public static func parseISODate<S: StringProtocol>(_ text: S) -> Int32? {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        guard let y = digits(u[0..<4]), let m = digits(u[5..<7]), let d = digits(u[8..<10]) else { return nil }
        guard (1...12).contains(m), d >= 1, d <= daysInMonth(year: y, month: m) else { return nil }
        return dayNumber(year: y, month: m, day: d)
    }

    @usableFromInline
    static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var v = 0
        for b in bytes {
            guard b >= 48 && b <= 57 else { return nil }
            v = v * 10 + Int(b - 48)
        }
        return v
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
