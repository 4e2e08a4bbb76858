import Testing
@testable import TallyFormat
import TallySystem
import TallyStore
import TallyTestSupport

/// The quantity encoder's rounding without libm must agree with `rounded()` everywhere
/// it is used (0 <= x < 9e15), halves and the doubles just below them included, and
/// the scale it picks must be the smallest at which every value is exact.
@Suite struct QuantityRoundingTests {
    @Test func roundsLikeRoundedForHalvesAndRandomValues() {
        var g = SeededGenerator(seed: 11)
        var samples: [Double] = [0, 0.5, 1.5, 2.5, 0.49999999999999994, 4503599627370495.5, 8.999999999999998e15]
        for k in 0..<60 { samples.append(Double(k) + 0.5); samples.append((Double(k) + 0.5).nextDown); samples.append((Double(k) + 0.5).nextUp) }
        for _ in 0..<100_000 {
            let magnitude = Double.random(in: 0..<15.9, using: &g)
            samples.append(Double.random(in: 0..<1, using: &g) * pow10(magnitude))
        }
        for x in samples where x < 9.0e15 {
            #expect(QuantityEncoding.roundedHalfAwayFromZero(x) == x.rounded(), "x = \(x)")
        }
    }

    @Test func scaleIsTheSmallestExactOne() {
        var g = SeededGenerator(seed: 12)
        for _ in 0..<2_000 {
            let digits = Int.random(in: 0...4, using: &g)
            let values = (0..<Int.random(in: 1...40, using: &g)).map { _ in
                Double(Int.random(in: 0...2_000_000, using: &g)) / Double([1, 10, 100, 1000, 10000][Int.random(in: 0...digits, using: &g)])
            }
            let expected = (0...9).first { k in values.allSatisfy { slowExact($0, k) } }
            #expect(values.withUnsafeBufferPointer { QuantityEncoding.scale(of: $0) } == expected, "\(values)")
        }
    }

    private func pow10(_ e: Double) -> Double {
        var r = 1.0
        for _ in 0..<Int(e) { r *= 10 }
        return r
    }

    /// The decoder's formula with libm rounding.
    private func slowExact(_ v: Double, _ k: Int) -> Bool {
        let scaled = (v * QuantityEncoding.powers[k]).rounded()
        guard scaled < 9.0e15 else { return false }
        let back = k == 0 ? Double(Int64(scaled)) : Double(Int64(scaled)) / QuantityEncoding.powers[k]
        return back.bitPattern == v.bitPattern
    }
}
