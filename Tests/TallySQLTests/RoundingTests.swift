@testable import TallySQL
import Testing

/// round(x, digits) of doubles by multiplication (`ExactRounding.quickRound`) against the
/// exact decimal expansion (`ExactRounding.round`): identical bits on values of every
/// magnitude, on ties and near-ties of the decimal grid, positive and negative.
@Suite struct RoundingTests {
    @Test func quickRoundingEqualsTheExactExpansion() {
        var g = SeededGenerator(seed: 61)
        var checked = 0
        for _ in 0..<200_000 {
            let digits = Int.random(in: -3...12, using: &g)
            let d: Double
            switch Int.random(in: 0..<4, using: &g) {
            case 0: d = Double.random(in: -1000...1000, using: &g)
            case 1: d = Double(Int.random(in: -1_000_000...1_000_000, using: &g)) / 1000 + 0.0005  // ties of 3 decimals
            case 2: d = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &g))
            default: d = Double(Int.random(in: -99_999...99_999, using: &g)) / 100  // two decimals, ties at 1
            }
            guard d.isFinite else { continue }
            let quick = ExactRounding.quickRound(d, digits: digits)
            let exact = digits == 0 ? d.rounded(.toNearestOrAwayFromZero) : ExactRounding.round(d, digits: digits)
            #expect(quick.bitPattern == exact.bitPattern, "round(\(d), \(digits)): \(quick) against \(exact)")
            checked += 1
        }
        #expect(checked > 150_000)
    }
}
