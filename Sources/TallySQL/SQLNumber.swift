import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// An exact numeric literal, kept as decimal digits and a scale rather than a `Double`,
/// so that `cost_usd = 0.000000001` compares exactly against nano-USD.
///
/// The value is `(isNegative ? -1 : 1) * digits * 10^-scale`. `12.50` has digits `1250`
/// and scale 2; the scale as written is kept (it is the literal's type, as in DuckDB).
package struct SQLNumber: Sendable, Hashable, CustomStringConvertible {
    /// Whether the value is below zero (never true for zero).
    package var isNegative: Bool
    /// The significand's decimal digits, without leading zeros (`"0"` for zero).
    package var digits: String
    /// How many of `digits` (padded with leading zeros if needed) follow the decimal point.
    package var scale: Int
    /// Whether the literal was written without a decimal point.
    package var isInteger: Bool

    /// Creates a number from its parts; `digits` must be ASCII decimal digits.
    package init(isNegative: Bool, digits: String, scale: Int, isInteger: Bool) {
        let trimmed = digits.drop { $0 == "0" }
        self.digits = trimmed.isEmpty ? "0" : String(trimmed)
        self.isNegative = isNegative && self.digits != "0"
        self.scale = max(scale, 0)
        self.isInteger = isInteger && scale == 0
    }

    /// Parses an unsigned literal as the lexer produces it: `123`, `1.50`, `.5`, `7.`.
    init?(literal: String) {
        let parts = literal.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty),
              (whole + fraction).allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        self.init(isNegative: false, digits: String(whole + fraction), scale: fraction.count, isInteger: parts.count == 1)
    }

    /// The same magnitude with the opposite sign.
    package var negated: SQLNumber {
        var copy = self
        copy.isNegative = !isNegative && digits != "0"
        return copy
    }

    /// The value times `10^targetScale` as an `Int64`, or `nil` if that is not an integer
    /// (digits would be lost) or does not fit. `scaledInteger(scale: 9)` gives nano-units.
    package func scaledInteger(scale targetScale: Int) -> Int64? {
        guard targetScale >= 0 else { return nil }
        var significand = Array(digits.utf8)
        if targetScale >= scale {
            let extra = targetScale - scale
            guard extra <= 19 else { return digits == "0" ? 0 : nil }
            significand.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: extra))
        } else {
            let dropped = scale - targetScale
            if significand.count < dropped {
                guard significand.allSatisfy({ $0 == UInt8(ascii: "0") }) else { return nil }
                return 0
            }
            guard significand.suffix(dropped).allSatisfy({ $0 == UInt8(ascii: "0") }) else { return nil }
            significand.removeLast(dropped)
        }
        var magnitude: UInt64 = 0
        for d in significand {
            let (m1, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (m2, o2) = m1.addingReportingOverflow(UInt64(d - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            magnitude = m2
        }
        if isNegative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// The value as an `Int64` if it is a whole number that fits (`2.00` counts), else `nil`.
    package var int64Value: Int64? { scaledInteger(scale: 0) }

    /// The nearest `Double` (for comparisons with `quantity`, which is a double).
    package var doubleValue: Double { Double(description) ?? (isNegative ? -.infinity : .infinity) }

    /// The literal in normalised form: `-12.50`, `0.5`, `7` (and `7.` for a scale-0 decimal).
    package var description: String {
        var s = isNegative ? "-" : ""
        if scale == 0 {
            s += digits
            if !isInteger { s += "." }
            return s
        }
        let padded = digits.count <= scale ? String(repeating: "0", count: scale - digits.count + 1) + digits : digits
        s += padded.prefix(padded.count - scale) + "." + padded.suffix(scale)
        return s
    }
}
