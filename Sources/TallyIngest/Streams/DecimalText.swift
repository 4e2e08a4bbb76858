import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// Exact conversion of JSON number text to scaled integers.
///
/// Costs arrive as JSON numbers such as `0.13802895` or `6e-06`; going through `Double`
/// would turn them into binary approximations before they become nano-USD. This works on
/// the decimal digits instead: `value × 10^scale`, rounded half-to-even when digits beyond
/// the scale are dropped (and `exact` tells whether any non-zero digit was dropped).
enum DecimalText {
    /// The exponent is clamped to this magnitude; anything larger overflows or rounds to 0 anyway.
    private static let exponentLimit = 10_000

    /// `text × 10^scale` as an `Int64`, or `nil` if `text` is not a JSON number or the
    /// result does not fit in 64 bits.
    static func scaled(_ text: String, scale: Int) -> (value: Int64, exact: Bool)? {
        var utf8 = Array(text.utf8)[...]
        guard !utf8.isEmpty else { return nil }
        var negative = false
        if utf8.first == UInt8(ascii: "-") {
            negative = true
            utf8 = utf8.dropFirst()
        } else if utf8.first == UInt8(ascii: "+") {
            utf8 = utf8.dropFirst()
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var sawDigit = false
        var sawPoint = false
        var exponent = 0
        var i = utf8.startIndex
        while i < utf8.endIndex {
            let b = utf8[i]
            if b >= 0x30 && b <= 0x39 {
                sawDigit = true
                // Leading zeros carry no value; dropping them keeps `digits` short.
                if !(digits.isEmpty && b == 0x30) { digits.append(b - 0x30) }
                if sawPoint { fractionDigits += 1 }
            } else if b == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                guard let e = parseExponent(utf8[(i + 1)...]) else { return nil }
                exponent = e
                break
            } else {
                return nil
            }
            i += 1
        }
        guard sawDigit else { return nil }
        // value = int(digits) × 10^shift
        let shift = exponent - fractionDigits + scale
        var result: Int64 = 0
        var exact = true
        if shift >= 0 {
            for d in digits {
                guard let next = mulAdd(result, 10, Int64(d)) else { return nil }
                result = next
            }
            if result != 0 {
                for _ in 0..<min(shift, 40) {
                    guard let next = mulAdd(result, 10, 0) else { return nil }
                    result = next
                }
                if shift > 40 { return nil }
            }
        } else {
            let keep = digits.count + shift  // may be ≤ 0
            if keep > 0 {
                for d in digits[0..<keep] {
                    guard let next = mulAdd(result, 10, Int64(d)) else { return nil }
                    result = next
                }
            }
            let dropped = keep >= 0 ? Array(digits[keep...]) : digits
            let leadingDroppedZeros = keep < 0 ? -keep : 0
            if dropped.contains(where: { $0 != 0 }) {
                exact = false
                // Half-to-even on the first dropped digit (which is 0 when the value is
                // smaller than one unit by more than a digit).
                let first = leadingDroppedZeros > 0 ? 0 : dropped[0]
                let rest = leadingDroppedZeros > 0 ? dropped.contains { $0 != 0 } : dropped.dropFirst().contains { $0 != 0 }
                if first > 5 || (first == 5 && (rest || result % 2 == 1)) {
                    guard let next = mulAdd(result, 1, 1) else { return nil }
                    result = next
                }
            }
        }
        return (negative ? -result : result, exact)
    }

    /// `text` as an exact non-negative integer count, or `nil` if it is negative,
    /// fractional, or does not fit.
    static func count(_ text: String) -> Int64? {
        guard let (value, exact) = scaled(text, scale: 0), exact, value >= 0 else { return nil }
        return value
    }

    private static func parseExponent(_ bytes: ArraySlice<UInt8>) -> Int? {
        var rest = bytes
        var negative = false
        if let s = rest.first, s == UInt8(ascii: "-") || s == UInt8(ascii: "+") {
            negative = s == UInt8(ascii: "-")
            rest = rest.dropFirst()
        }
        guard !rest.isEmpty else { return nil }
        var v = 0
        for b in rest {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            v = min(v * 10 + Int(b - 0x30), exponentLimit)
        }
        return negative ? -v : v
    }

    private static func mulAdd(_ a: Int64, _ m: Int64, _ d: Int64) -> Int64? {
        let (p, o1) = a.multipliedReportingOverflow(by: m)
        guard !o1 else { return nil }
        let (s, o2) = p.addingReportingOverflow(d)
        return o2 ? nil : s
    }
}
