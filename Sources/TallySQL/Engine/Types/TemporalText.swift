import TallyFormat

/// DATE and TIMESTAMP text as DuckDB reads and prints it, at microsecond precision.
package enum TemporalText {
    /// Microseconds per day.
    package static let microsPerDay: Int64 = 86_400_000_000

    /// The days a DATE may hold: those whose midnight a TIMESTAMP holds (about the years
    /// -290,308 to 294,247), so that every DATE converts to microseconds without overflow.
    /// DuckDB's DATE reaches further (to the year 5,881,580), but errors when such a date
    /// meets a TIMESTAMP; Tally refuses to make one (DATE arithmetic, Parquet's dates).
    package static let dayRange: ClosedRange<Int64> = (Int64.min / microsPerDay)...(Int64.max / microsPerDay)

    /// `YYYY-MM-DD` to a day number.
    package static func parseDate(_ text: String) -> Int32? {
        let t = text.trimmingSpaces
        if t.count > 10, let ts = parseTimestamp(t) {
            return Int32(truncatingIfNeeded: floorDiv(ts, microsPerDay))
        }
        return CivilDate.parseISODate(t)
    }

    /// `YYYY-MM-DD[( |T)HH:MM[:SS[.ffffff]]][Z|+00[:00]]` to microseconds since the epoch.
    package static func parseTimestamp(_ text: String) -> Int64? {
        parseTimestampAndZone(text)?.micros
    }

    /// `parseTimestamp`, and whether the text named its offset (`Z`, `+05:30`): a
    /// TIMESTAMP WITH TIME ZONE read from text without one is a wall time of the session's zone.
    package static func parseTimestampAndZone(_ text: String) -> (micros: Int64, hasOffset: Bool)? {
        var u = Array(text.trimmingSpaces.utf8)
        var hasOffset = false
        if u.last == UInt8(ascii: "Z") { u.removeLast(); hasOffset = true }
        // A UTC offset suffix: +HH[:MM] / -HH[:MM] after the time.
        var offsetMicros: Int64 = 0
        if u.count > 19 {
            if let signIndex = u[19...].lastIndex(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }) {
                let tail = String(decoding: u[(signIndex + 1)...], as: UTF8.self)
                let pieces = tail.split(separator: ":")
                // An offset is at most 23:59: longer digit runs would overflow (found by fuzzing).
                guard let h = Int64(pieces.first ?? ""), (0..<24).contains(h), pieces.count <= 2 else { return nil }
                let m = pieces.count == 2 ? Int64(pieces[1]) ?? 0 : 0
                guard (0..<60).contains(m) else { return nil }
                offsetMicros = (h * 3600 + m * 60) * 1_000_000 * (u[signIndex] == UInt8(ascii: "-") ? -1 : 1)
                u.removeSubrange(signIndex...)
                hasOffset = true
            }
        }
        guard u.count >= 10, let day = CivilDate.parseISODate(String(decoding: u[0..<10], as: UTF8.self)) else { return nil }
        var us = Int64(day) * microsPerDay
        if u.count == 10 { return (us - offsetMicros, hasOffset) }
        guard u[10] == UInt8(ascii: " ") || u[10] == UInt8(ascii: "T"), u.count >= 16, u[13] == UInt8(ascii: ":") else { return nil }
        func number(_ r: Range<Int>) -> Int64? {
            var v: Int64 = 0
            for b in u[r] {
                guard b >= 0x30 && b <= 0x39 else { return nil }
                v = v * 10 + Int64(b - 0x30)
            }
            return v
        }
        guard let h = number(11..<13), h < 24, let m = number(14..<16), m < 60 else { return nil }
        us += h * 3_600_000_000 + m * 60_000_000
        var i = 16
        if i < u.count {
            guard u[i] == UInt8(ascii: ":"), u.count >= 19, let s = number(17..<19), s < 60 else { return nil }
            us += s * 1_000_000
            i = 19
        }
        if i < u.count {
            // Any number of fraction digits, as DuckDB reads them; digits past the sixth are
            // dropped, so they are checked, not summed (which overflowed: found by fuzzing).
            guard u[i] == UInt8(ascii: "."), u.count > i + 1, u[(i + 1)...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            var scale: Int64 = 100_000
            for d in u[(i + 1)...] {
                us += Int64(d - 0x30) * scale
                scale /= 10
            }
        }
        return (us - offsetMicros, hasOffset)
    }

    /// Floor division.
    @inline(__always)
    package static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// A day number as `YYYY-MM-DD`.
    package static func dateText(_ day: Int32) -> String { CivilDate.isoString(forDayNumber: day) }

    /// Microseconds as `YYYY-MM-DD HH:MM:SS[.ffffff]` (trailing zeros of the fraction dropped).
    package static func timestampText(_ us: Int64) -> String {
        let day = floorDiv(us, microsPerDay)
        let rest = us - day * microsPerDay
        let h = rest / 3_600_000_000, m = rest / 60_000_000 % 60, s = rest / 1_000_000 % 60, f = rest % 1_000_000
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var text = CivilDate.isoString(forDayNumber: Int32(truncatingIfNeeded: day)) + " \(two(h)):\(two(m)):\(two(s))"
        if f != 0 {
            var frac = String(f + 1_000_000).dropFirst()
            while frac.last == "0" { frac = frac.dropLast() }
            text += "." + frac
        }
        return text
    }

    /// (year, month, day) of a day number.
    package static func civil(_ day: Int32) -> (year: Int, month: Int, day: Int) {
        // Howard Hinnant's days-to-civil algorithm.
        let z = Int(day) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// The day number of a civil date (month and day may be out of range: they carry).
    package static func dayNumber(year: Int, month: Int, day: Int) -> Int32 {
        let total = year * 12 + (month - 1)
        let y0 = total >= 0 ? total / 12 : (total - 11) / 12
        let m = total - y0 * 12 + 1
        let yy = m <= 2 ? y0 - 1 : y0
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let mp = m > 2 ? m - 3 : m + 9
        let doy = (153 * mp + 2) / 5
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int32(truncatingIfNeeded: era * 146_097 + doe - 719_468 + (day - 1))
    }

    /// Days in a month.
    package static func daysInMonth(year: Int, month: Int) -> Int {
        Int(dayNumber(year: year, month: month + 1, day: 1) - dayNumber(year: year, month: month, day: 1))
    }
}
