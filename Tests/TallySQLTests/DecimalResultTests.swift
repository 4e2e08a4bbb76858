@testable import TallySQL
import Testing

/// Decimals reach the result layer as nanos in 128 bits (DECIMAL(38,9)). One too large
/// for that once scaled to 9 places (found by fuzzing: `SELECT 444444444444444444444444444444.444`
/// trapped on the multiplication) is given as the nearest double, like decimals with more
/// than 9 places; smaller ones stay exact.
@Suite struct DecimalResultTests {
    @Test func aDecimalPastTheNanosRangeIsTheNearestDouble() {
        let v = Int128("444444444444444444444444444444444")!
        guard case .double(let d) = ScalarValue.int(v).resultValue(.decimal(width: 33, scale: 3)) else {
            Issue.record("expected a double")
            return
        }
        #expect(d == 444444444444444444444444444444.444)
    }

    @Test func aDecimalInsideTheRangeStaysExact() {
        #expect(ScalarValue.int(12_345).resultValue(.decimal(width: 18, scale: 3)) == .money(12_345_000_000))
    }
}
