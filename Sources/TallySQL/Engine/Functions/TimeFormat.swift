/// strftime / strptime format codes as DuckDB documents them.
enum TimeFormat {
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                             "November", "December"]

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(abs(v))
        return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// Whether `format` names days alone (no hour, minute, second, fraction, zone or
    /// unknown code): every instant of a day then formats the same.
    static func isDayOnly(_ format: String) -> Bool {
        let dayCodes: Set<Character> = ["Y", "y", "m", "d", "e", "a", "A", "w", "u", "b", "h", "B", "j", "V", "G", "U", "W", "%"]
        var chars = format.makeIterator()
        while let ch = chars.next() {
            guard ch == "%" else { continue }
            guard var code = chars.next() else { return false }
            if code == "-" { guard let next = chars.next() else { return false }; code = next }
            if !dayCodes.contains(code) { return false }
        }
        return true
    }

    /// `us` formatted by `format`.
    static func format(_ us: Int64, _ format: String, at range: SourceRange) throws(SQLError) -> String {
        let day = Int32(truncatingIfNeeded: TemporalText.floorDiv(us, TemporalText.microsPerDay))
        let tod = us - Int64(day) * TemporalText.microsPerDay
        let c = TemporalText.civil(day)
        let h = Int(tod / 3_600_000_000), mi = Int(tod / 60_000_000 % 60), s = Int(tod / 1_000_000 % 60), f = Int(tod % 1_000_000)
        let dow = DatePart.isoDayOfWeek(day) % 7
        var out = ""
        var chars = Array(format)
        var i = 0
        chars.append("\0")
        while i < chars.count - 1 {
            let ch = chars[i]
            guard ch == "%" else { out.append(ch); i += 1; continue }
            var code = chars[i + 1]
            var noPad = false
            if code == "-" { noPad = true; code = chars[i + 2]; i += 1 }
            i += 2
            func p(_ v: Int, _ w: Int) -> String { noPad ? String(v) : pad(v, w) }
            switch code {
            case "Y": out += String(c.year)
            case "y": out += p(c.year % 100, 2)
            case "m": out += p(c.month, 2)
            case "d": out += p(c.day, 2)
            case "e": out += noPad ? String(c.day) : (c.day < 10 ? " " : "") + String(c.day)
            case "H": out += p(h, 2)
            case "I": out += p(h % 12 == 0 ? 12 : h % 12, 2)
            case "M": out += p(mi, 2)
            case "S": out += p(s, 2)
            case "f": out += pad(f, 6)
            case "g": out += pad(f / 1000, 3)
            case "n": out += pad(f * 1000, 9)
            case "p": out += h < 12 ? "AM" : "PM"
            case "a": out += String(dayNames[dow].prefix(3))
            case "A": out += dayNames[dow]
            case "w": out += String(dow)
            case "u": out += String(DatePart.isoDayOfWeek(day))
            case "b", "h": out += String(monthNames[c.month - 1].prefix(3))
            case "B": out += monthNames[c.month - 1]
            case "j": out += p(Int(day - TemporalText.dayNumber(year: c.year, month: 1, day: 1)) + 1, 3)
            case "V": out += p(DatePart.isoWeek(day).week, 2)
            case "G": out += String(DatePart.isoWeek(day).year)
            case "U":
                let doy = Int(day - TemporalText.dayNumber(year: c.year, month: 1, day: 1))
                out += p((doy + 7 - dow) / 7, 2)
            case "W":
                let doy = Int(day - TemporalText.dayNumber(year: c.year, month: 1, day: 1))
                out += p((doy + 7 - (dow + 6) % 7) / 7, 2)
            case "z": out += "+00"
            case "Z": out += ""
            case "%": out += "%"
            case "c": out += TemporalText.timestampText(us - Int64(f))
            case "x": out += TemporalText.dateText(day)
            case "X": out += pad(h, 2) + ":" + pad(mi, 2) + ":" + pad(s, 2)
            default:
                throw SQLError(.invalidArgument, "strftime: unknown format code %\(code)", at: range)
            }
        }
        return out
    }

    /// Parses `text` with `format`; nil if it does not match.
    static func parse(_ text: String, _ format: String) -> Int64? {
        let s = Array(text.utf8), f = Array(format.utf8)
        var i = 0, j = 0
        var year = 1900, month = 1, day = 1, hour = 0, minute = 0, second = 0, micros = 0
        var pm: Bool? = nil
        func number(maxDigits: Int) -> Int? {
            var v = 0, n = 0
            var negative = false
            if i < s.count, s[i] == UInt8(ascii: "-"), maxDigits > 4 { negative = true; i += 1 }
            while i < s.count, n < maxDigits, s[i] >= 0x30, s[i] <= 0x39 { v = v * 10 + Int(s[i] - 0x30); i += 1; n += 1 }
            return n == 0 ? nil : (negative ? -v : v)
        }
        func name(_ names: [String], abbreviated: Bool) -> Int? {
            for (k, n) in names.enumerated() {
                let candidate = Array((abbreviated ? String(n.prefix(3)) : n).lowercased().utf8)
                if i + candidate.count <= s.count, Array(s[i..<(i + candidate.count)]).map({ $0 | 0x20 }) == candidate {
                    i += candidate.count
                    return k
                }
            }
            return nil
        }
        while j < f.count {
            if f[j] != UInt8(ascii: "%") {
                guard i < s.count, s[i] == f[j] else { return nil }
                i += 1; j += 1
                continue
            }
            guard j + 1 < f.count else { return nil }
            var code = f[j + 1]
            if code == UInt8(ascii: "-"), j + 2 < f.count { code = f[j + 2]; j += 1 }
            j += 2
            switch UnicodeScalar(code) {
            case "Y": guard let v = number(maxDigits: 6) else { return nil }; year = v
            case "y": guard let v = number(maxDigits: 2) else { return nil }; year = v < 69 ? 2000 + v : 1900 + v
            case "m": guard let v = number(maxDigits: 2) else { return nil }; month = v
            case "d", "e": guard let v = number(maxDigits: 2) else { return nil }; day = v
            case "H", "I": guard let v = number(maxDigits: 2) else { return nil }; hour = v
            case "M": guard let v = number(maxDigits: 2) else { return nil }; minute = v
            case "S": guard let v = number(maxDigits: 2) else { return nil }; second = v
            case "f", "g", "n":
                let start = i
                guard var v = number(maxDigits: 9) else { return nil }
                var digits = i - start
                while digits < 6 { v *= 10; digits += 1 }
                while digits > 6 { v /= 10; digits -= 1 }
                micros = v
            case "p":
                guard i + 1 < s.count else { return nil }
                let w = String(decoding: s[i..<(i + 2)], as: UTF8.self).uppercased()
                guard w == "AM" || w == "PM" else { return nil }
                pm = w == "PM"
                i += 2
            case "b", "h": guard let k = name(monthNames, abbreviated: true) else { return nil }; month = k + 1
            case "B": guard let k = name(monthNames, abbreviated: false) else { return nil }; month = k + 1
            case "a": guard name(dayNames, abbreviated: true) != nil else { return nil }
            case "A": guard name(dayNames, abbreviated: false) != nil else { return nil }
            case "z":
                guard i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") || s[i] == UInt8(ascii: "Z") else { return nil }
                if s[i] == UInt8(ascii: "Z") { i += 1; break }
                i += 1
                _ = number(maxDigits: 2)
                if i < s.count, s[i] == UInt8(ascii: ":") { i += 1 }
                _ = number(maxDigits: 2)
            case "%": guard i < s.count, s[i] == UInt8(ascii: "%") else { return nil }; i += 1
            default: return nil
            }
        }
        guard i == s.count else { return nil }
        if let pm { hour = hour % 12 + (pm ? 12 : 0) }
        guard (1...12).contains(month), day >= 1, day <= TemporalText.daysInMonth(year: year, month: month), hour < 24, minute < 60, second < 61 else { return nil }
        let d = Int64(TemporalText.dayNumber(year: year, month: month, day: day))
        return d * TemporalText.microsPerDay + Int64(hour) * 3_600_000_000 + Int64(minute) * 60_000_000 + Int64(second) * 1_000_000 + Int64(micros)
    }
}
