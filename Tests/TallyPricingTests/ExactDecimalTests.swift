import Testing
@testable import TallyPricing
import Tally

@Suite struct ExactDecimalTests {
    @Test(arguments: [
        ("0.075", Int64(75), 3), ("6.25", 625, 2), ("0.000014", 14, 6), ("5", 5, 0), ("5.", 5, 0),
        (".5", 5, 1), ("3.00", 3, 0), ("10.00", 10, 0), ("-0.5", -5, 1), ("+2.5", 25, 1),
        ("0.1000000000000000000000", 1, 1), ("0.000000000000000001", 1, 18), ("0", 0, 0), ("0.000", 0, 0),
        ("9223372036854775807", Int64.max, 0), ("-9223372036854775808", Int64.min, 0),
    ])
    func parsesExactly(text: String, significand: Int64, scale: Int) {
        let d = ExactDecimal(text)
        #expect(d?.significand == significand)
        #expect(d?.scale == scale)
    }

    @Test(arguments: [
        "", "-", ".", "1e3", "1.2.3", " 1", "1 ", "1,000", "abc", "--1", "1-", "0.0000000000000000001",
        "9223372036854775808", "-9223372036854775809", "0x10",
    ])
    func rejectsNonDecimals(text: String) {
        #expect(ExactDecimal(text) == nil)
    }

    @Test func equalValuesAreEqualWhateverTheirText() {
        #expect(ExactDecimal("6.250") == ExactDecimal("6.25"))
        #expect(ExactDecimal("6.250")?.hashValue == ExactDecimal("6.25")?.hashValue)
        #expect(ExactDecimal(significand: 500, scale: 2) == ExactDecimal("5"))
    }

    @Test func descriptionRoundTrips() {
        for text in ["0.075", "6.25", "0.000014", "5", "-0.5", "123456.000001", "0.000000000000000001", "-9223372036854775808"] {
            let d = ExactDecimal(text)!
            #expect(d.description == text)
            #expect(ExactDecimal(d.description) == d)
        }
        #expect(ExactDecimal("3.00")!.description == "3")
    }

    @Test func ordersNumericallyAcrossScales() {
        let values = ["0.075", "0.5", "-1", "0.0751", "10", "9.99999999999999999", "0"].map { ExactDecimal($0)! }
        let sorted = values.sorted()
        #expect(sorted.map(\.description) == ["-1", "0", "0.075", "0.0751", "0.5", "9.99999999999999999", "10"])
    }

    @Test func subtractsExactly() {
        #expect(ExactDecimal("3")!.subtracting(ExactDecimal("0.3")!) == ExactDecimal("2.7"))
        #expect(ExactDecimal("0.075")!.subtracting(ExactDecimal("0.75")!) == ExactDecimal("-0.675"))
        #expect(ExactDecimal("9223372036854775807")!.subtracting(ExactDecimal("-1")!) == nil)
    }
}
