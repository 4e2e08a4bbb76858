import Testing
@testable import TallyFormat
import TallySystem
import TallyStore
import TallyTestSupport

/// The dictionaries' sort (radix on an eight-byte prefix, then the next eight bytes and
/// the length, then full comparison within equal prefixes) against a plain comparison sort by UTF-8 bytes, on strings chosen to
/// collide in their prefixes: shared prefixes, prefixes of each other, NUL bytes,
/// multi-byte characters, and the empty string.
@Suite struct StringDictionaryTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func sortedOrderMatchesComparisonSort(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        let stems = ["", "a", "abcdefgh", "abcdefg", "abcdefgh\u{0}", "run-0000", "run-0000-", "é", "éé", "\u{0}", "z",
                     "run-00001234567", "run-000012345678", "run-0000123456789", "run-00001234567\u{0}", "run-0000\u{0}\u{0}",
                     "run-000012345678é", "sandbox-aaaaaaaaaaaaaaaa"]
        for count in [0, 1, 2, 3, 50, 700] {
            var values = [String]()
            for _ in 0..<count {
                var s = stems.randomElement(using: &g)!
                for _ in 0..<Int.random(in: 0...3, using: &g) {
                    s += ["0", "1", "é", "\u{0}", "~"].randomElement(using: &g)!
                }
                values.append(s)
            }
            let want = values.indices.sorted {
                let c = StringDictionary.compareUTF8(values[$0], values[$1])
                return c != 0 ? c < 0 : $0 < $1
            }
            #expect(StringDictionary.sortedOrder(of: values) == want, "count \(count)")
        }
    }

    @Test func prefixKeysOrderAsBytes() {
        #expect(StringDictionary.prefixKey("") == 0)
        #expect(StringDictionary.prefixKey("a") == 0x61 << 56)
        #expect(StringDictionary.prefixKey("abcdefghij") == StringDictionary.prefixKey("abcdefgh"))
        #expect(StringDictionary.prefixKey("ab") < StringDictionary.prefixKey("ac"))
    }
}
