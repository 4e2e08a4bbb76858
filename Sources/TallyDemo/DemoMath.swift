import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyIngest
/// Exponential and logarithm built from IEEE basic operations only.
///
/// Platform math libraries may differ in the last bit between systems; a generated
/// token count that lands next to a rounding boundary would then differ too. These
/// versions are less precise than libm but bit-identical everywhere, which is what a
/// reproducible data set needs.
enum DemoMath {
    static let ln2 = 0.6931471805599453
    static let log2e = 1.4426950408889634

    /// e^x, relative error below 1e-12 for |x| < 700.
    @inline(__always)
    static func exp(_ x: Double) -> Double {
        let x = min(max(x, -700), 700)
        let k = (x * log2e).rounded()
        let r = x - k * ln2
        // Taylor series of e^r on |r| <= ln2 / 2, Horner form.
        var p = 1.0 / 479_001_600
        p = p * r + 1.0 / 39_916_800
        p = p * r + 1.0 / 3_628_800
        p = p * r + 1.0 / 362_880
        p = p * r + 1.0 / 40_320
        p = p * r + 1.0 / 5_040
        p = p * r + 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        return p * Double(sign: .plus, exponent: Int(k), significand: 1)
    }

    /// Natural logarithm of x > 0 (the exponent and significand are read from the bits).
    @inline(__always)
    static func log(_ x: Double) -> Double {
        guard x > 0 else { return -745 }
        var e = Double(x.exponent)
        var m = x.significand
        if m > 1.4142135623730951 {
            m *= 0.5
            e += 1
        }
        // ln m = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.172.
        let s = (m - 1) / (m + 1)
        let s2 = s * s
        var p = 1.0 / 19
        p = p * s2 + 1.0 / 17
        p = p * s2 + 1.0 / 15
        p = p * s2 + 1.0 / 13
        p = p * s2 + 1.0 / 11
        p = p * s2 + 1.0 / 9
        p = p * s2 + 1.0 / 7
        p = p * s2 + 1.0 / 5
        p = p * s2 + 1.0 / 3
        p = p * s2 + 1
        return e * ln2 + 2 * s * p
    }
}
