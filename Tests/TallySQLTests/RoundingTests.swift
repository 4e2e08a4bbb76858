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

/// round of a DECIMAL of at most 18 digits to `k` places (`MathFunctions.roundKernel`, one
/// loop per power of ten) against rounding half away from zero written out in Int128.
@Suite struct DecimalRoundingTests {
    @Test func decimalsRoundHalfAwayFromZero() throws {
        var g = SeededGenerator(seed: 53)
        let type = LogicalType.decimal(width: 18, scale: 9)
        let kernel = MathFunctions.roundKernel(type) { _, _ in
            Issue.record("the row-by-row kernel ran")
            return .constant(.null, type: type, count: 0)
        }
        for places in -8...8 {
            let n = 2_000
            let grid = Int64(LogicalType.powerOfTen(Swift.max(0, 9 - places)))
            let limit: Int64 = 999_999_999_999_999_999
            var xs: [Int64] = []
            for i in 0..<n {
                // Ties of the grid, and any value below 10^18.
                let wide = Int128(Int64.random(in: -1_000_000...1_000_000, using: &g)) * Int128(grid) + Int128(grid / 2)
                let tie = Int64(Swift.max(Int128(-limit), Swift.min(Int128(limit), wide)))
                let any: Int64 = Int64.random(in: -limit...limit, using: &g)
                let v: Int64 = i % 3 == 0 ? (i % 2 == 0 ? tie : -tie) : any
                xs.append(Swift.max(-limit, Swift.min(limit, v)))
            }
            let x = ColumnVector(type: type, storage: .int64(xs), count: n)
            let out = try kernel([x, .constant(.int(Int128(places)), type: .integer, count: n)], n)
            let drop = 9 - places
            let p = Int128(LogicalType.powerOfTen(Swift.max(drop, 0)))
            var wrong: [Int] = []
            for i in 0..<n {
                let v = Int128(xs[i])
                var expected = v
                if drop > 0 {
                    let away = Int128((v.magnitude + UInt128(p / 2)) / UInt128(p) * UInt128(p))
                    expected = v < 0 ? -away : away
                }
                if out.value(i) != .int(expected) { wrong.append(i) }
            }
            #expect(wrong.isEmpty, "round to \(places) places: \(wrong.count) rows, first \(wrong.first.map { xs[$0] } ?? 0)")
        }
    }
}
