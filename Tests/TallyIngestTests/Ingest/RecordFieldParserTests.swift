import TallyTestSupport
import Testing
@testable import TallyIngest
import Tally

@Suite struct RecordFieldParserTests {
    func parse<T>(_ s: String, _ f: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        Array(s.utf8).withUnsafeBufferPointer { f($0) }
    }

    /// The exact decimal parser agrees with integer arithmetic on random values.
    @Test func scaledDecimalDifferential() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<20_000 {
            let nanos = Int64.random(in: .min ... .max, using: &rng) >> Int64.random(in: 0...63, using: &rng)
            var out: [UInt8] = []
            RecordFormatter.appendCost(nanos, to: &out)
            // Trailing zeros dropped, or extra zeros added: same value.
            var text = String(decoding: out, as: UTF8.self)
            if Bool.random(using: &rng) { while text.hasSuffix("0") { text.removeLast() } } else { text += "000" }
            #expect(parse(text) { RecordFieldParser.scaledDecimal($0, scale: 9) } == .value(nanos), "\(text)")
        }
        #expect(parse("9223372036.854775808") { RecordFieldParser.scaledDecimal($0, scale: 9) } == .outOfRange)
        #expect(parse("1e30") { RecordFieldParser.scaledDecimal($0, scale: 9) } == .outOfRange)
        #expect(parse("0e99999999999") { RecordFieldParser.scaledDecimal($0, scale: 9) } == .value(0))
        #expect(parse("1.2.3") { RecordFieldParser.scaledDecimal($0, scale: 9) } == .invalid)
        #expect(parse("-") { RecordFieldParser.scaledDecimal($0, scale: 9) } == .invalid)
        #expect(parse("1e") { RecordFieldParser.scaledDecimal($0, scale: 9) } == .invalid)
    }

    /// The fast Double path agrees with the standard library's correctly rounded parser.
    /// Random digit strings around the fast paths' limits (18 digits, 9 fractional
    /// digits, signs, stray points): the fast path must agree with the general parser,
    /// and integers with the standard library's.
    @Test func fastPathsAgreeWithTheGeneralParsers() {
        var rng = SplitMix64(seed: 11)
        let pieces = ["0", "1", "9", "5", "00", "99999", ".", "-", "+", "e", "x"]
        for _ in 0..<40_000 {
            var text = ""
            let length = Int(rng.next() % 24)
            for _ in 0..<length {
                text += rng.next() % 8 == 0 ? pieces.randomElement(using: &rng)! : String(rng.next() % 10)
            }
            #expect(parse(text) { RecordFieldParser.scaledDecimal($0, scale: 9) }
                        == parse(text) { RecordFieldParser.generalScaledDecimal($0, scale: 9) }, "\(text)")
            #expect(parse(text) { RecordFieldParser.int64($0) } == Int64(text), "\(text)")
        }
        for text in ["999999999", "-999999999.999999999", "123456789012345678", "1234567890123456789", "-9223372036854775808",
                     "9223372036854775807", "9223372036854775808", "000000000000000000001", "1.", ".5", "-.5", "+0.000000001"] {
            #expect(parse(text) { RecordFieldParser.scaledDecimal($0, scale: 9) }
                        == parse(text) { RecordFieldParser.generalScaledDecimal($0, scale: 9) }, "\(text)")
            #expect(parse(text) { RecordFieldParser.int64($0) } == Int64(text), "\(text)")
        }
    }

    @Test func doubleDifferential() {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...17, using: &rng)
            var s = ""
            for _ in 0..<digits { s.append(Character(Unicode.Scalar(UInt8.random(in: 48...57, using: &rng)))) }
            let point = Int.random(in: 0...digits, using: &rng)
            s.insert(".", at: s.index(s.startIndex, offsetBy: point))
            if s == "." { continue }
            #expect(parse(s) { RecordFieldParser.double($0) } == Double(s), "\(s)")
        }
        #expect(parse("nan") { RecordFieldParser.double($0) } == nil)
        #expect(parse("infinity") { RecordFieldParser.double($0) } == nil)
        #expect(parse("0x1p3") { RecordFieldParser.double($0) } == nil)
    }

    /// RFC 3339 parsing agrees with composing the parts by hand.
    @Test func timestampDifferential() {
        var rng = SplitMix64(seed: 13)
        for _ in 0..<5_000 {
            let ms = Int64.random(in: 0..<253_402_300_800_000, using: &rng)
            var date: [UInt8] = []
            RecordFormatter.appendDate(ofMilliseconds: ms, to: &date)
            let msOfDay = Int(ms % 86_400_000)
            func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
            let frac = String(1000 + msOfDay % 1000).dropFirst()
            let text = String(decoding: date, as: UTF8.self) + "T" + two(msOfDay / 3_600_000) + ":" + two(msOfDay / 60_000 % 60) + ":" + two(msOfDay / 1000 % 60) + "." + frac + "Z"
            #expect(parse(text) { RecordFieldParser.timestamp($0) } == ms, "\(text)")
        }
    }
}
