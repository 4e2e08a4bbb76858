import Testing
import TallySQL

@Suite struct SQLNumberTests {
    func number(_ text: String) throws -> SQLNumber {
        guard case .literal(.number(let n), _) = try SQLParser.parseExpression(text) else {
            throw SQLError(.syntax, "not a number", at: SourceRange(offset: 0, length: 0, line: 1, column: 1))
        }
        return n
    }

    @Test func keepsDigitsAndScale() throws {
        let n = try number("012.50")
        #expect(n.digits == "1250" && n.scale == 2 && !n.isInteger && !n.isNegative)
        #expect(n.description == "12.50")
        let m = try number("-0.000000001")
        #expect(m.isNegative && m.digits == "1" && m.scale == 9)
        #expect(m.scaledInteger(scale: 9) == -1)
        #expect(try number("-0").isNegative == false)
        #expect(try number("-0.0").description == "0.0")
    }

    @Test func scalesExactly() throws {
        #expect(try number("1.5").scaledInteger(scale: 9) == 1_500_000_000)
        #expect(try number("1.5").scaledInteger(scale: 0) == nil)
        #expect(try number("2.00").int64Value == 2)
        #expect(try number("0.0000000001").scaledInteger(scale: 9) == nil)
        #expect(try number("0.0000000000").scaledInteger(scale: 9) == 0)
        #expect(try number("9223372036854775807").int64Value == Int64.max)
        #expect(try number("-9223372036854775808").int64Value == Int64.min)
        #expect(try number("9223372036854775808").int64Value == nil)
        #expect(try number("-9223372036854775809").int64Value == nil)
        #expect(try number("1").scaledInteger(scale: 18) == 1_000_000_000_000_000_000)
        #expect(try number("10").scaledInteger(scale: 18) == nil)
        #expect(try number("0").scaledInteger(scale: 40) == 0)
        #expect(try number("1").scaledInteger(scale: -1) == nil)
    }

    @Test func doubles() throws {
        #expect(try number("0.25").doubleValue == 0.25)
        #expect(try number("-3").doubleValue == -3)
        #expect(try number("7.").doubleValue == 7)
    }

    @Test func propertyScaledIntegerMatchesArithmetic() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<2000 {
            let value = Int64.random(in: -9_000_000_000...9_000_000_000, using: &rng)
            let scale = Int.random(in: 0...9, using: &rng)
            var magnitude = String(value.magnitude)
            if magnitude.count <= scale { magnitude = String(repeating: "0", count: scale - magnitude.count + 1) + magnitude }
            let text = (value < 0 ? "-" : "") + (scale == 0 ? magnitude : magnitude.dropLast(scale) + "." + magnitude.suffix(scale))
            let n = SQLNumber(isNegative: value < 0, digits: String(value.magnitude), scale: scale, isInteger: scale == 0)
            #expect(n.description == text)
            var factor: Int64 = 1
            for _ in 0..<(9 - scale) { factor *= 10 }
            #expect(n.scaledInteger(scale: 9) == value * factor)
        }
    }
}
