import TallyTestSupport
import Testing
@testable import TallyPricing
import Tally

@Suite struct CompiledRateTests {
    private func rate(_ price: String, _ unit: PriceUnit) -> CompiledRate {
        CompiledRate(price: ExactDecimal(price)!, unit: unit)
    }

    /// Reference: `numerator / denominator` rounded half to even, by plain 128-bit division.
    private func roundHalfEven(_ numerator: UInt128, _ denominator: UInt128) -> UInt128 {
        let (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
        if 2 * r > denominator || (2 * r == denominator && q % 2 == 1) { return q + 1 }
        return q
    }

    @Test func wholeNanoRatesReduceToOneMultiplication() {
        #expect(rate("3.00", .per1MTokens).wholeNanosPerUnit == 3_000)
        #expect(rate("0.075", .per1MTokens).wholeNanosPerUnit == 75)
        #expect(rate("0.000028", .perSecond).wholeNanosPerUnit == 28_000)
        #expect(rate("0.10", .perHour).wholeNanosPerUnit == nil)
        #expect(rate("0.10", .perHour).numerator == 250_000)
        #expect(rate("0.10", .perHour).denominator == 9)
    }

    @Test(arguments: [
        // One nano-USD per second: the quantity's fraction is the rounding fraction.
        (Double(0.5), Int64(0)), (1.5, 2), (2.5, 2), (3.5, 4), (0.25, 0), (0.75, 1),
        (0.5000000000000001, 1), (0.49999999999999994, 0), (2.5000000000000004, 3),
        (4_503_599_627_370_495.5, 4_503_599_627_370_496), (4_503_599_627_370_494.5, 4_503_599_627_370_494),
        (Double.leastNonzeroMagnitude, Int64(0)), (4_611_686_018_427_387_904, 4_611_686_018_427_387_904),
    ])
    func fractionalQuantitiesRoundHalfToEven(quantity: Double, expected: Int64) {
        #expect(rate("0.000000001", .perSecond).nanos(for: quantity) == expected)
    }

    @Test(arguments: [(1.0, Int64(0)), (3, 2), (5, 2), (7, 4), (2, 1), (1_000_001, 500_000)])
    func subNanoPricesRoundHalfToEvenForIntegralQuantities(quantity: Double, expected: Int64) {
        // Half a nano-USD per second or per token, and a thousandth of that per 1,000 tokens.
        #expect(rate("0.0000000005", .perSecond).nanos(for: quantity) == expected)
        #expect(rate("0.0005", .per1MTokens).nanos(for: quantity) == expected)
        #expect(rate("0.0000005", .per1MTokens).nanos(for: quantity * 1_000) == expected)
    }

    @Test func perHourAndPerGBMonthConvertExactly() {
        let hourly = rate("0.10", .perHour)
        #expect(hourly.nanos(for: 3_600) == 100_000_000)
        #expect(hourly.nanos(for: 1) == 27_778)  // 27_777.7...
        #expect(hourly.nanos(for: 18) == 500_000)
        #expect(hourly.nanos(for: 0.5) == 13_889)  // 13_888.8...
        #expect(rate("0.20", .perGBMonth).nanos(for: 2_500_000_000) == 500_000_000)
        #expect(rate("0.20", .perGBMonth).nanos(for: 2.5) == 0)  // 0.5 nano-USD, ties to even
        #expect(rate("0.20", .perGBMonth).nanos(for: 7.5) == 2)  // 1.5 nano-USD
    }

    @Test func fractionalSandboxSeconds() {
        #expect(rate("0.000028", .perSecond).nanos(for: 12.5) == 350_000)
        #expect(rate("0.000014", .perSecond).nanos(for: 0.1) == 1_400)  // 0.1 is 0.1000000000000000055...
    }

    @Test func overflowIsReportedNotWrapped() {
        let nano = rate("0.000000001", .perSecond)
        #expect(nano.nanos(for: 9_223_372_036_854_775_808) == nil)  // 2^63
        #expect(nano.nanos(for: 1e300) == nil)
        #expect(nano.nanos(for: .greatestFiniteMagnitude) == nil)
        let million = rate("1000000", .perSecond)
        #expect(million.nanos(for: 10_000_000) == nil)  // fast integral path
        #expect(million.nanos(for: 10_000_000.5) == nil)  // general path
        #expect(million.nanos(for: 9_223.25) == 9_223_250_000_000_000_000)
        #expect(rate("0", .perSecond).nanos(for: 1e300) == 0)
    }

    @Test func generalPathAgreesWithTheIntegralFastPath() {
        var rng = SplitMix64(state: 7)
        for _ in 0..<2_000 {
            let r = CompiledRate(
                price: ExactDecimal(significand: Int64.random(in: 0...50_000_000, using: &rng), scale: Int.random(in: 0...9, using: &rng))!,
                unit: PriceUnit.allCases.randomElement(using: &rng)!)
            let q = Double(UInt64.random(in: 0...(1 << 40), using: &rng))
            #expect(r.generalNanos(for: q) == r.nanos(for: q))
        }
    }

    /// Property: for random prices, units and dyadic quantities `a / 2^j`, each row's cost is
    /// the exact rational `a × s × 10^9 / (2^j × 10^k × d)` rounded half to even, and so the
    /// sum of row costs is the sum of those individually rounded exact values.
    @Test func costsEqualTheExactRationalRoundedPerRow() {
        var rng = SplitMix64(state: 2026)
        var sum: UInt128 = 0
        var expectedSum: UInt128 = 0
        for _ in 0..<20_000 {
            let s = Int64.random(in: 0..<(1 << 40), using: &rng)
            let k = Int.random(in: 0...12, using: &rng)
            let unit = PriceUnit.allCases.randomElement(using: &rng)!
            let a = UInt64.random(in: 0..<(1 << 32), using: &rng)
            let j = Int.random(in: 0...12, using: &rng)
            let quantity = Double(a) / Double(1 << j)
            var tenK: UInt128 = 1
            for _ in 0..<k { tenK *= 10 }
            let numerator = UInt128(a) * UInt128(s) * 1_000_000_000
            let denominator = (UInt128(1) << UInt128(j)) * tenK * UInt128(unit.baseUnitsPerPricedUnit)
            let exact = roundHalfEven(numerator, denominator)
            guard exact <= UInt128(Int64.max) else { continue }
            let got = CompiledRate(price: ExactDecimal(significand: s, scale: k)!, unit: unit).nanos(for: quantity)
            #expect(got == Int64(exact), "s=\(s) k=\(k) unit=\(unit) a=\(a) j=\(j)")
            sum += UInt128(got ?? 0)
            expectedSum += exact
        }
        #expect(sum == expectedSum)
    }
}
