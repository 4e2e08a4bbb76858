@testable import TallySQL
import Testing
import TallyTestSupport

/// `Int128.nearestDouble` against the standard library's `Double(_:)` it stands in for:
/// on both sides of Int64's limits (where it changes path), at powers of two and ten, and
/// on random values of every magnitude.
@Suite struct NearestDoubleTests {
    @Test func equalsTheStandardConversion() {
        var edges: [Int128] = [0, 1, -1, Int128(Int64.max), Int128(Int64.min), Int128(Int64.max) + 1, Int128(Int64.min) - 1,
                               Int128.max, Int128.min, Int128.max - 1, Int128.min + 1]
        for k in 0..<127 {
            let p = Int128(1) << k
            edges += [p, p - 1, p + 1, -p, -p + 1, -p - 1]
        }
        var ten: Int128 = 1
        for _ in 0..<38 {
            edges += [ten, ten - 1, -ten, ten * 9 + 7]
            ten *= 10
        }
        var g = SeededGenerator(seed: 21)
        for bits in 1...127 {
            for _ in 0..<50 {
                let magnitude = Int128(truncatingIfNeeded: UInt128.random(in: 0...UInt128.max, using: &g) >> (128 - bits))
                edges.append(Bool.random(using: &g) ? magnitude : -magnitude)
            }
        }
        for x in edges {
            #expect(x.nearestDouble.bitPattern == Double(x).bitPattern, "\(x)")
        }
    }

    /// The average of a DECIMAL, which divides through it: exact to the double nearest the
    /// quotient for sums near Int64's limits too.
    @Test func averageOfDecimalDividesExactly() {
        #expect(SumExactState.divide(Int128(Int64.max) * 3, 3, scale: 0) == Double(Int64.max))
        #expect(SumExactState.divide(-1_500_000_000, 1, scale: 9) == -1.5)
        #expect(SumExactState.divide(7, 2, scale: 0) == 3.5)
        #expect(SumExactState.divide(Int128.max, 1, scale: 0) == Double(Int128.max))
    }
}
