import TallySystem
import TallyFormat
/// A 256-bit unsigned integer with just the operations exact pricing needs.
///
/// A fractional quantity times a price can exceed 128 bits before the final division
/// (a 53-bit significand times a 93-bit price numerator, shifted by the binary exponent);
/// two `UInt128` halves hold every such product without approximation.
struct WideUInt256: Hashable, Comparable {
    var high: UInt128
    var low: UInt128

    init(high: UInt128 = 0, low: UInt128) {
        self.high = high
        self.low = low
    }

    /// The full product of two 128-bit values.
    static func product(_ a: UInt128, _ b: UInt128) -> WideUInt256 {
        let (h, l) = a.multipliedFullWidth(by: b)
        return WideUInt256(high: h, low: l)
    }

    /// The number of significant bits (0 for zero).
    var bitLength: Int {
        high != 0 ? 256 - high.leadingZeroBitCount : 128 - low.leadingZeroBitCount
    }

    /// `self << n` for `n < 256`; bits shifted past bit 255 are lost, so callers check
    /// `bitLength + n <= 256` first.
    func shiftedLeft(by n: Int) -> WideUInt256 {
        if n == 0 { return self }
        if n >= 128 { return WideUInt256(high: low << UInt128(n - 128), low: 0) }
        return WideUInt256(high: (high << UInt128(n)) | (low >> UInt128(128 - n)), low: low << UInt128(n))
    }

    /// `self >> n` (zero for `n >= 256`).
    func shiftedRight(by n: Int) -> WideUInt256 {
        if n == 0 { return self }
        if n >= 256 { return WideUInt256(low: 0) }
        if n >= 128 { return WideUInt256(high: 0, low: high >> UInt128(n - 128)) }
        return WideUInt256(high: high >> UInt128(n), low: (low >> UInt128(n)) | (high << UInt128(128 - n)))
    }

    /// `self mod 2^n`.
    func lowBits(_ n: Int) -> WideUInt256 {
        if n >= 256 { return self }
        if n >= 128 {
            let k = n - 128
            return WideUInt256(high: k == 0 ? 0 : high & (UInt128.max >> UInt128(128 - k)), low: low)
        }
        return WideUInt256(high: 0, low: n == 0 ? 0 : low & (UInt128.max >> UInt128(128 - n)))
    }

    /// `2^n` for `n < 256`.
    static func powerOfTwo(_ n: Int) -> WideUInt256 {
        WideUInt256(low: 1).shiftedLeft(by: n)
    }

    /// Quotient and remainder of division by a non-zero 128-bit divisor.
    func quotientAndRemainder(dividingBy divisor: UInt128) -> (quotient: WideUInt256, remainder: UInt128) {
        let (qh, rh) = high.quotientAndRemainder(dividingBy: divisor)
        // rh < divisor, so the 256-bit (rh, low) / divisor quotient fits 128 bits.
        let (ql, r) = divisor.dividingFullWidth((high: rh, low: low))
        return (WideUInt256(high: qh, low: ql), r)
    }

    static func < (a: WideUInt256, b: WideUInt256) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }
}
