import Foundation
import Testing
@testable import TallyIngest
import Tally

@Suite struct JSONReaderTests {
    /// Converts Foundation's parse into a `JSONValue` shape for a differential comparison
    /// (numbers compared by value, since Foundation keeps no text).
    static func equivalent(_ mine: JSONValue, _ theirs: Any) -> Bool {
        switch mine {
        case .null: return theirs is NSNull
        case .bool(let b):
            guard let n = theirs as? NSNumber else { return false }
            return n.boolValue == b
        case .number(let text):
            guard let n = theirs as? NSNumber, let d = Double(text) else { return false }
            return n.doubleValue == d
        case .string(let s): return (theirs as? String) == s
        case .array(let items):
            guard let other = theirs as? [Any], other.count == items.count else { return false }
            return zip(items, other).allSatisfy { equivalent($0, $1) }
        case .object(let members):
            guard let other = theirs as? [String: Any], other.count == members.count else { return false }
            return members.allSatisfy { key, value in other[key].map { equivalent(value, $0) } ?? false }
        }
    }

    @Test(arguments: StreamFormat.allCases)
    func agreesWithJSONSerializationOnFixtureLines(format: StreamFormat) throws {
        let bytes = try StreamFixtures.bytes(for: format)
        for line in bytes.split(separator: 0x0A) {
            let data = Data(line)
            let theirs = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            let mine = try? JSONReader.parse(Array(line))
            #expect((theirs == nil) == (mine == nil))
            if let theirs, let mine { #expect(Self.equivalent(mine, theirs)) }
        }
    }

    @Test func decodesEscapes() throws {
        let v = try JSONReader.parse(Array(#"{"a":"x\"\\\/\n\t\u00e9\ud83d\ude00","b":[true,false,null,-0.5e+2]}"#.utf8))
        #expect(v["a"]?.string == "x\"\\/\n\té😀")
        #expect(v["b"] == .array([.bool(true), .bool(false), .null, .number("-0.5e+2")]))
    }

    @Test func rejectsInvalidJSON() {
        for text in ["{", "{\"a\"}", "{\"a\":1,}", "[1 2]", "01", "1.", "-", "\"\u{1}\"", "{\"a\":1} x", "tru", "\"\\x\""] {
            #expect((try? JSONReader.parse(Array(text.utf8))) == nil, "\(text)")
        }
    }
}
