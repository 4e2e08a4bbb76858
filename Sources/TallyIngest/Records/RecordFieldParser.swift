import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// Byte-level parsers for the typed columns, shared by the CSV and JSONL readers.
///
/// They work on the raw field bytes and never build a String or go through floating
/// point where exactness matters: costs are exact decimals, timestamps exact integers.
enum RecordFieldParser {
    /// The outcome of parsing an exact decimal into nano-units.
    enum DecimalResult: Equatable {
        case value(Int64)
        case invalid
        case tooPrecise
        case outOfRange
    }

    /// Drops ASCII spaces and tabs at both ends (numbers and times only; text is kept as is).
    @inline(__always)
    static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lo = 0, hi = b.count
        while lo < hi, b[lo] == 0x20 || b[lo] == 0x09 { lo += 1 }
        while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 { hi -= 1 }
        if lo == 0 && hi == b.count { return b }
        return UnsafeBufferPointer(rebasing: b[lo..<hi])
    }

    /// A decimal integer with an optional sign, exactly, or `nil` (also on overflow).
    @inline(__always)
    static func int64(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        var negative = false
        if b.count > 0, b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
            negative = b[0] == UInt8(ascii: "-")
            i = 1
        }
        guard i < b.count else { return nil }
        var magnitude: UInt64 = 0
        if b.count - i <= 18 {
            // At most 18 digits cannot overflow: no checks but the digit test.
            while i < b.count {
                let d = b[i] &- 48
                guard d < 10 else { return nil }
                magnitude = magnitude &* 10 &+ UInt64(d)
                i += 1
            }
            return negative ? -Int64(magnitude) : Int64(magnitude)
        }
        while i < b.count {
            let d = b[i] &- 48
            guard d < 10 else { return nil }
            let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(d))
            guard !o1, !o2 else { return nil }
            magnitude = a
            i += 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// An exact decimal (`-12.5`, `0.138028950`, `1e-3`) scaled by 10^`scale` into Int64.
    ///
    /// Digits beyond the scale are accepted only when they are zeros, so no value is
    /// ever rounded silently.
    static func scaledDecimal(_ b: UnsafeBufferPointer<UInt8>, scale: Int) -> DecimalResult {
        var i = 0
        var negative = false
        if b.count > 0, b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
            negative = b[0] == UInt8(ascii: "-")
            i = 1
        }
        if let v = plainScaledDecimal(b, from: i, scale: scale) { return .value(negative ? -v : v) }
        return generalScaledDecimal(b, scale: scale)
    }

    /// `scaledDecimal` without its fast path (internal, for tests that compare the two).
    static func generalScaledDecimal(_ b: UnsafeBufferPointer<UInt8>, scale: Int) -> DecimalResult {
        var i = 0
        var negative = false
        if b.count > 0, b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
            negative = b[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var pendingZeros = 0   // trailing zeros not yet multiplied in
        var shift = scale      // power of ten to apply to `mantissa`
        var digits = 0
        var seenPoint = false
        var overflow = false
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: ".") {
                if seenPoint { return .invalid }
                seenPoint = true
            } else if c &- 48 < 10 {
                digits += 1
                if seenPoint { shift -= 1 }
                if c == 48 {
                    pendingZeros += 1
                } else {
                    for _ in 0..<pendingZeros {
                        let (m, o) = mantissa.multipliedReportingOverflow(by: 10)
                        overflow = overflow || o
                        mantissa = m
                    }
                    pendingZeros = 0
                    let (m, o1) = mantissa.multipliedReportingOverflow(by: 10)
                    let (a, o2) = m.addingReportingOverflow(UInt64(c - 48))
                    overflow = overflow || o1 || o2
                    mantissa = a
                }
            } else {
                break
            }
            i += 1
        }
        guard digits > 0 else { return .invalid }
        if i < b.count {
            guard b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") else { return .invalid }
            let exponentBytes = UnsafeBufferPointer(rebasing: b[(i + 1)...])
            guard let e = int64(exponentBytes) else {
                // Either garbage or an exponent too large to matter.
                return exponentBytes.allSatisfy({ $0 &- 48 < 10 || $0 == 0x2B || $0 == 0x2D }) && exponentBytes.contains(where: { $0 &- 48 < 10 })
                    ? (mantissa == 0 ? .value(0) : .outOfRange) : .invalid
            }
            guard abs(e) < 100_000 else { return mantissa == 0 ? .value(0) : (e > 0 ? .outOfRange : .tooPrecise) }
            shift += Int(e)
        }
        if mantissa == 0 { return overflow ? .outOfRange : .value(0) }
        if overflow { return .outOfRange }
        shift += pendingZeros
        while shift < 0 {
            guard mantissa % 10 == 0 else { return .tooPrecise }
            mantissa /= 10
            shift += 1
        }
        while shift > 0 {
            let (m, o) = mantissa.multipliedReportingOverflow(by: 10)
            guard !o else { return .outOfRange }
            mantissa = m
            shift -= 1
        }
        if negative {
            guard mantissa <= UInt64(Int64.max) + 1 else { return .outOfRange }
            return .value(mantissa == UInt64(Int64.max) + 1 ? Int64.min : -Int64(mantissa))
        }
        guard mantissa <= UInt64(Int64.max) else { return .outOfRange }
        return .value(Int64(mantissa))
    }

    /// The common case of `scaledDecimal`: digits with at most one point, no more
    /// fractional digits than `scale`, and at most 18 digits once scaled, so that no
    /// overflow is possible. `nil` sends anything else to the general path.
    @inline(__always)
    private static func plainScaledDecimal(_ b: UnsafeBufferPointer<UInt8>, from start: Int, scale: Int) -> Int64? {
        var i = start
        var mantissa: UInt64 = 0
        var integerDigits = 0
        while i < b.count, b[i] &- 48 < 10 {
            mantissa = mantissa &* 10 &+ UInt64(b[i] &- 48)
            integerDigits += 1
            i += 1
        }
        var fractionDigits = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, b[i] &- 48 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(b[i] &- 48)
                fractionDigits += 1
                i += 1
            }
        }
        guard i == b.count, integerDigits + fractionDigits > 0, fractionDigits <= scale,
              integerDigits + scale <= 18 else { return nil }
        for _ in fractionDigits..<scale { mantissa &*= 10 }
        return Int64(mantissa)
    }

    static let exactPowersOfTen: [Double] = (0...22).map { e in
        var v = 1.0
        for _ in 0..<e { v *= 10 }
        return v
    }

    /// A decimal floating-point number, correctly rounded; `nil` if it is not one.
    ///
    /// Only `[0-9+-.eE]` are accepted, so `nan`, `inf` and hex floats are rejected before
    /// they reach the general parser. Short plain decimals take the exact fast path
    /// (both operands exact, one correctly rounded division); the rest go to the
    /// standard library's correctly rounded parser.
    static func double(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !b.isEmpty else { return nil }
        var i = 0
        var negative = false
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
            negative = b[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = 0
        var seenPoint = false
        var simple = true
        while i < b.count {
            let c = b[i]
            if c &- 48 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(c - 48)
                digits += 1
                if seenPoint { fraction += 1 }
            } else if c == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                simple = false
                break
            }
            i += 1
        }
        if simple && digits > 0 && digits <= 15 {
            let v = Double(mantissa) / exactPowersOfTen[fraction]
            return negative ? -v : v
        }
        for c in b where !(c &- 48 < 10 || c == 0x2B || c == 0x2D || c == 0x2E || c == 0x45 || c == 0x65) {
            return nil
        }
        return Double(String(decoding: b, as: UTF8.self))
    }

    /// `YYYY-MM-DD` as a day number, or `nil`.
    @inline(__always)
    static func date(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = fixedDigits(b, 0, 4), let m = fixedDigits(b, 5, 2), let d = fixedDigits(b, 8, 2),
              (1...12).contains(m), d >= 1, d <= CivilDate.daysInMonth(year: y, month: m)
        else { return nil }
        return CivilDate.dayNumber(year: y, month: m, day: d)
    }

    /// A timestamp in ms: an integer (ms since the epoch), an RFC 3339 time
    /// (`T`, `t` or a space between date and time; seconds optional; any number of
    /// fractional digits, truncated to the millisecond; `Z` or `±HH:MM`, none meaning
    /// UTC), or a bare date meaning midnight UTC. Leap seconds (`:60`) are rejected.
    static func timestamp(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        if let ms = int64(b) { return ms }
        guard b.count >= 10, let day = date(UnsafeBufferPointer(rebasing: b[0..<10])) else { return nil }
        var ms = Int64(day) * CivilDate.millisecondsPerDay
        if b.count == 10 { return ms }
        guard b.count >= 16, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == 0x20,
              let hour = fixedDigits(b, 11, 2), b[13] == UInt8(ascii: ":"), let minute = fixedDigits(b, 14, 2),
              hour < 24, minute < 60
        else { return nil }
        var i = 16
        var second = 0
        var millis = 0
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard let s = fixedDigits(b, i + 1, 2), s < 60 else { return nil }
            second = s
            i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                i += 1
                var n = 0
                while i < b.count, b[i] &- 48 < 10 {
                    if n < 3 { millis = millis * 10 + Int(b[i] - 48) }
                    n += 1
                    i += 1
                }
                guard n > 0 else { return nil }
                for _ in n..<max(n, 3) { millis *= 10 }
            }
        }
        var offsetMinutes = 0
        if i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "Z") || c == UInt8(ascii: "z") {
                i += 1
            } else if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                guard let oh = fixedDigits(b, i + 1, 2), oh < 24 else { return nil }
                var j = i + 3
                if j < b.count, b[j] == UInt8(ascii: ":") { j += 1 }
                guard let om = fixedDigits(b, j, 2), om < 60 else { return nil }
                offsetMinutes = (oh * 60 + om) * (c == UInt8(ascii: "-") ? -1 : 1)
                i = j + 2
            } else {
                return nil
            }
        }
        guard i == b.count else { return nil }
        ms += Int64(((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis)
        return ms
    }

    @inline(__always)
    static func fixedDigits(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ count: Int) -> Int? {
        guard at + count <= b.count else { return nil }
        var v = 0
        for k in at..<(at + count) {
            let d = b[k] &- 48
            guard d < 10 else { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }
}
