import TallySystem
import TallyFormat
/// A price prepared for exact cost computation: nano-USD per base unit as a reduced fraction.
///
/// A row priced `p` USD per priced unit, with `d` base units per priced unit, costs
/// `p × 10^9 / d` nano-USD per base unit. With `p = s / 10^k` that is the fraction
/// `numerator / denominator = s × 10^9 / (10^k × d)`, reduced once here so that pricing a
/// record is, in the common case (`denominator == 1`, integral quantity), one checked
/// 64-bit multiplication.
///
/// ## Rounding
/// `cost_nanos = quantity × numerator / denominator` is computed exactly (a `Double` quantity
/// is an exact binary fraction `m × 2^e`) and rounded once, at the end, to the nearest
/// nano-USD, **ties to even** (banker's rounding). Ties to even keeps sums of many rounded
/// rows unbiased; ties can only occur for fractional quantities or sub-nano prices.
/// A result above `Int64.max` nano-USD is reported as `nil` (overflow), never wrapped.
package struct CompiledRate: Sendable, Hashable {
    /// Nano-USD per base unit, numerator (reduced with `denominator`).
    package let numerator: UInt128
    /// Nano-USD per base unit, denominator (>= 1).
    package let denominator: UInt128
    /// `numerator` when the rate is a whole number of nano-USD per base unit.
    package let wholeNanosPerUnit: Int64?

    /// Prepares a non-negative price quoted per `unit`.
    package init(price: ExactDecimal, unit: PriceUnit) {
        self.init(
            numerator: UInt128(price.significand.magnitude) * 1_000_000_000,
            denominator: Self.powerOfTen(price.scale) * UInt128(unit.baseUnitsPerPricedUnit))
    }

    /// Prepares the fraction `numerator / denominator` nano-USD per base unit.
    init(numerator n: UInt128, denominator d: UInt128) {
        precondition(d > 0, "a rate's denominator is a product of powers of ten and unit sizes, never zero")
        let g = n == 0 ? d : Self.gcd(n, d)
        numerator = n / g
        denominator = d / g
        wholeNanosPerUnit = denominator == 1 && numerator <= UInt128(Int64.max) ? Int64(numerator) : nil
    }

    /// The exact cost of `quantity` base units in nano-USD, rounded once, ties to even;
    /// `nil` if it exceeds `Int64.max`. `quantity` must be finite and non-negative.
    @inline(__always)
    package func nanos(for quantity: Double) -> Int64? {
        if let whole = wholeNanosPerUnit, quantity < 9_007_199_254_740_992, quantity == quantity.rounded(.towardZero) {
            let (p, o) = Int64(quantity).multipliedReportingOverflow(by: whole)
            return o ? nil : p
        }
        return generalNanos(for: quantity)
    }

    package func generalNanos(for quantity: Double) -> Int64? {
        if quantity == 0 || numerator == 0 { return 0 }
        // quantity = m × 2^e exactly, with m odd.
        var m = UInt64(quantity.significandBitPattern)
        var e: Int
        if quantity.exponentBitPattern == 0 {
            e = -1074
        } else {
            m |= UInt64(1) << 52
            e = Int(quantity.exponentBitPattern) - 1075
        }
        let tz = m.trailingZeroBitCount
        m >>= UInt64(tz)
        e += tz

        let product = WideUInt256.product(UInt128(m), numerator)
        if e >= 0 {
            // value >= 2^(bits(product)-1+e) / 2^bits(denominator): past 2^63 means overflow,
            // and below that the shifted product fits 256 bits comfortably.
            let denominatorBits = 128 - denominator.leadingZeroBitCount
            if product.bitLength - 1 + e - denominatorBits >= 63 { return nil }
            let (q, r) = product.shiftedLeft(by: e).quotientAndRemainder(dividingBy: denominator)
            let rest = denominator - r
            let up = r > rest || (r == rest && q.low & 1 == 1)
            return Self.checkedInt64(q, addingOne: up)
        } else {
            // value = (q + r/denominator) / 2^t: the floor is q >> t, and the discarded
            // fraction compares with one half through q's low t bits, then r.
            let t = -e
            let (q, r) = product.quotientAndRemainder(dividingBy: denominator)
            let floor = q.shiftedRight(by: t)
            var up = false
            if t <= 256 {
                let low = q.lowBits(t)
                let half = WideUInt256.powerOfTwo(t - 1)
                if low > half || (low == half && r > 0) {
                    up = true
                } else if low == half {
                    up = floor.low & 1 == 1
                }
            }
            return Self.checkedInt64(floor, addingOne: up)
        }
    }

    private static func checkedInt64(_ v: WideUInt256, addingOne: Bool) -> Int64? {
        guard v.high == 0, v.low <= UInt128(Int64.max) else { return nil }
        let base = Int64(v.low)
        if !addingOne { return base }
        let (s, o) = base.addingReportingOverflow(1)
        return o ? nil : s
    }

    private static func powerOfTen(_ n: Int) -> UInt128 {
        var p: UInt128 = 1
        for _ in 0..<n { p *= 10 }
        return p
    }

    private static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
