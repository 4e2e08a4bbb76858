import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// Parsing of RFC 3339 / ISO-8601 timestamps into milliseconds since the epoch (UTC).
///
/// Runtimes write `2026-03-02T23:52:14.877Z`; other producers use offsets
/// (`+09:00`), more or fewer fractional digits, a space instead of `T`, or lower case.
/// Fractions beyond milliseconds are truncated (never rounded into the next second), so a
/// timestamp stays on the day it was written for.
enum RFC3339Timestamp {
    /// Milliseconds since 1970-01-01T00:00:00Z, or `nil` if `text` is not a valid timestamp.
    static func milliseconds(_ text: String) -> Int64? {
        let u = Array(text.utf8)
        guard u.count >= 20 else { return nil }
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= u.count else { return nil }
            var v = 0
            for k in from..<(from + count) {
                let b = u[k]
                guard b >= 0x30 && b <= 0x39 else { return nil }
                v = v * 10 + Int(b - 0x30)
            }
            return v
        }
        guard let year = num(0, 4), u[4] == UInt8(ascii: "-"),
              let month = num(5, 2), u[7] == UInt8(ascii: "-"),
              let day = num(8, 2),
              u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: "t") || u[10] == UInt8(ascii: " "),
              let hour = num(11, 2), u[13] == UInt8(ascii: ":"),
              let minute = num(14, 2), u[16] == UInt8(ascii: ":"),
              let second = num(17, 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysInMonth(year: year, month: month),
              hour <= 23, minute <= 59, second <= 60
        else { return nil }
        var i = 19
        var millis = 0
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < u.count, u[i] >= 0x30 && u[i] <= 0x39 {
                if digits < 3 { millis = millis * 10 + Int(u[i] - 0x30) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 3) { millis *= 10 }
        }
        guard i < u.count else { return nil }
        var offsetMinutes = 0
        switch u[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = u[i] == UInt8(ascii: "-") ? -1 : 1
            guard let oh = num(i + 1, 2), i + 3 < u.count, u[i + 3] == UInt8(ascii: ":"),
                  let om = num(i + 4, 2), oh <= 23, om <= 59
            else { return nil }
            offsetMinutes = sign * (oh * 60 + om)
            i += 6
        default:
            return nil
        }
        guard i == u.count else { return nil }
        let days = Int64(CivilDate.dayNumber(year: year, month: month, day: day))
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
        return seconds * 1000 + Int64(millis)
    }
}
