import TallySystem
import TallyFormat
/// An exact decimal number: `significand × 10^-scale`, parsed and printed without floating point.
///
/// Rate cards hold prices such as `0.075` or `0.000014` USD that a `Double` cannot represent
/// exactly; keeping them as an integer significand and a power-of-ten scale makes every cost
/// computed from them exact. Values are kept normalised (no trailing zero digits in the
/// fraction), so equal numbers compare and hash equal whatever text they were parsed from:
/// `"6.250"` and `"6.25"` are the same value.
public struct ExactDecimal: Sendable, Hashable {
    /// The largest number of fractional digits a value may carry.
    ///
    /// Eighteen digits reach below an atto-dollar, far finer than any published price, and
    /// keep `10^scale` within `Int64`.
    public static let maxScale = 18

    /// The integer digits of the value: the value is `significand / 10^scale`.
    public let significand: Int64
    /// The number of fractional digits, `0...maxScale`.
    public let scale: Int

    /// Zero.
    public static let zero = ExactDecimal(normalisedSignificand: 0, scale: 0)

    /// Creates `significand × 10^-scale`, or `nil` when `scale` is outside `0...maxScale`.
    public init?(significand: Int64, scale: Int) {
        guard (0...Self.maxScale).contains(scale) else { return nil }
        var s = significand
        var k = scale
        while k > 0 && s % 10 == 0 {
            s /= 10
            k -= 1
        }
        self.init(normalisedSignificand: s, scale: k)
    }

    private init(normalisedSignificand: Int64, scale: Int) {
        self.significand = normalisedSignificand
        self.scale = scale
    }

    /// Parses plain decimal text such as `"6.25"`, `"0.000014"`, `"-3"` or `"5."`.
    ///
    /// Exponents, spaces, thousands separators and more than ``maxScale`` significant
    /// fractional digits are rejected (`nil`) rather than rounded, because a price that
    /// silently changes on load would make every cost computed from it wrong.
    public init?<S: StringProtocol>(_ text: S) {
        var negative = false
        var sawDigit = false
        var sawPoint = false
        var magnitude: UInt64 = 0
        var scale = 0
        // Trailing fractional zeros are counted but not applied until a non-zero digit
        // follows, so "0.1000000000000000000000" parses although it has 22 digits.
        var pendingZeros = 0
        var index = 0
        for byte in text.utf8 {
            defer { index += 1 }
            switch byte {
            case UInt8(ascii: "-") where index == 0: negative = true
            case UInt8(ascii: "+") where index == 0: break
            case UInt8(ascii: ".") where !sawPoint: sawPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                let digit = UInt64(byte - UInt8(ascii: "0"))
                if sawPoint && digit == 0 {
                    pendingZeros += 1
                    continue
                }
                for _ in 0..<(pendingZeros + 1) {
                    let (m, o) = magnitude.multipliedReportingOverflow(by: 10)
                    guard !o else { return nil }
                    magnitude = m
                }
                let (sum, o) = magnitude.addingReportingOverflow(digit)
                guard !o else { return nil }
                magnitude = sum
                if sawPoint { scale += pendingZeros + 1 }
                pendingZeros = 0
            default:
                return nil
            }
        }
        guard sawDigit, scale <= Self.maxScale else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            self.init(significand: magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude), scale: scale)
        } else {
            guard magnitude <= UInt64(Int64.max) else { return nil }
            self.init(significand: Int64(magnitude), scale: scale)
        }
    }

    /// Whether the value is below zero.
    public var isNegative: Bool { significand < 0 }

    /// The value minus `other`, exactly; `nil` if the result does not fit the representation.
    public func subtracting(_ other: ExactDecimal) -> ExactDecimal? {
        let k = max(scale, other.scale)
        guard let a = Self.rescaled(significand, from: scale, to: k),
              let b = Self.rescaled(other.significand, from: other.scale, to: k)
        else { return nil }
        let (d, o) = a.subtractingReportingOverflow(b)
        return o ? nil : ExactDecimal(significand: d, scale: k)
    }

    private static func rescaled(_ s: Int64, from: Int, to: Int) -> Int64? {
        var v = s
        for _ in from..<to {
            let (m, o) = v.multipliedReportingOverflow(by: 10)
            guard !o else { return nil }
            v = m
        }
        return v
    }
}

extension ExactDecimal: Comparable {
    /// Orders values numerically, comparing exactly across different scales.
    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        // Int128 holds any significand times 10^18, so the rescaled comparison cannot overflow.
        let k = max(lhs.scale, rhs.scale)
        return Int128(lhs.significand) * pow10(k - lhs.scale) < Int128(rhs.significand) * pow10(k - rhs.scale)
    }

    private static func pow10(_ n: Int) -> Int128 {
        var p: Int128 = 1
        for _ in 0..<n { p *= 10 }
        return p
    }
}

extension ExactDecimal: LosslessStringConvertible {
    /// The shortest plain decimal text for the value, e.g. `"0.075"`, `"5"`, `"-0.5"`.
    ///
    /// `ExactDecimal(description)` gives the same value back.
    public var description: String {
        let negative = significand < 0
        var digits = String(significand.magnitude)
        if scale > 0 {
            if digits.count <= scale {
                digits = String(repeating: "0", count: scale - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return negative ? "-" + digits : digits
    }
}

extension ExactDecimal: Codable {
    /// Decodes a value from a JSON string such as `"0.075"`.
    ///
    /// JSON numbers are refused: a decoder would read them through `Double` and could change
    /// the price before Tally ever saw it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let text = try? container.decode(String.self) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected a decimal written as a JSON string, e.g. \"0.075\" (numbers lose precision)")
        }
        guard let value = ExactDecimal(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "\"\(text)\" is not a plain decimal with at most \(Self.maxScale) fractional digits, e.g. \"0.075\"")
        }
        self = value
    }

    /// Encodes the value as its ``description`` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
