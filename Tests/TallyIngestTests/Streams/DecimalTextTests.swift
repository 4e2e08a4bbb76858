import TallyTestSupport
import Testing
@testable import TallyIngest
import Tally

@Suite struct DecimalTextTests {
    @Test func convertsCostsToNanosExactly() {
        #expect(DecimalText.scaled("0.13802895", scale: 9)?.value == 138_028_950)
        #expect(DecimalText.scaled("6e-06", scale: 9)?.value == 6_000)
        #expect(DecimalText.scaled("0.0029616", scale: 9)?.value == 2_961_600)
        #expect(DecimalText.scaled("0.0", scale: 9)?.value == 0)
        #expect(DecimalText.scaled("0", scale: 9)?.value == 0)
        #expect(DecimalText.scaled("-0.1", scale: 9)?.value == -100_000_000)
        #expect(DecimalText.scaled("12.5E2", scale: 9)?.value == 1_250_000_000_000)
        #expect(DecimalText.scaled("1e400", scale: 9) == nil)
        #expect(DecimalText.scaled("1e-400", scale: 9).map { $0.value == 0 && !$0.exact } == true)
        #expect(DecimalText.scaled("abc", scale: 9) == nil)
        #expect(DecimalText.scaled("", scale: 9) == nil)
    }

    @Test func roundsHalfToEvenBeyondTheScale() {
        #expect(DecimalText.scaled("0.0000000025", scale: 9).map { [$0.value] } == [2])
        #expect(DecimalText.scaled("0.0000000035", scale: 9)?.value == 4)
        #expect(DecimalText.scaled("0.00000000250001", scale: 9)?.value == 3)
        #expect(DecimalText.scaled("0.0000000004", scale: 9)?.value == 0)
        #expect(DecimalText.scaled("0.0000000006", scale: 9)?.value == 1)
        #expect(DecimalText.scaled("0.00000000006", scale: 9)?.value == 0)
        #expect(DecimalText.scaled("0.0000000025", scale: 9)?.exact == false)
    }

    @Test func countsMustBeWholeAndNonNegative() {
        #expect(DecimalText.count("241") == 241)
        #expect(DecimalText.count("12.0") == 12)
        #expect(DecimalText.count("1e3") == 1000)
        #expect(DecimalText.count("1.5") == nil)
        #expect(DecimalText.count("-1") == nil)
        #expect(DecimalText.count("99999999999999999999999") == nil)
        #expect(DecimalText.count("9223372036854775807") == Int64.max)
    }

    /// Property: any Int64 printed with a decimal point anywhere parses back to itself.
    @Test func roundTripsRandomValues() {
        var rng = StreamRobustnessTests.SplitMix64(state: 42)
        for _ in 0..<2000 {
            let n = Int64.random(in: -1_000_000_000_000_000...1_000_000_000_000_000, using: &rng)
            let k = Int.random(in: 0...9, using: &rng)
            var digits = String(n.magnitude)
            while digits.count <= k { digits = "0" + digits }
            let text = (n < 0 ? "-" : "") + digits.prefix(digits.count - k) + (k > 0 ? "." + digits.suffix(k) : "")
            let parsed = DecimalText.scaled(text, scale: k)
            #expect(parsed?.value == n && parsed?.exact == true, "\(text) at scale \(k)")
        }
    }
}
