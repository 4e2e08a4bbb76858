import Foundation
import Testing
@testable import TallyParquet

@Suite struct SnappyDecoderTests {
    /// Streams compressed by pyarrow's Snappy (Fixtures/snappy-cases.json).
    @Test func decodesPyarrowCompressedStreams() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixture.path("snappy-cases.json")))
        let cases = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: String]])
        #expect(cases.count >= 5)
        for c in cases {
            let raw = Fixture.hex(c["raw"]!), compressed = Fixture.hex(c["snappy"]!)
            #expect(try SnappyDecoder.decompress(compressed) == raw)
        }
    }

    /// Hand-made elements: a literal, a 1-byte-offset copy that overlaps itself (a
    /// repeated pattern), 2- and 4-byte-offset copies, a literal with a 1-byte length.
    @Test func decodesEveryElementKind() throws {
        var s: [UInt8] = [0]  // length placeholder
        s += [0x08, 0x61, 0x62, 0x63]  // literal "abc" (len-1 = 2 << 2)
        s += [0x01 | (5 << 2), 3]  // copy len 9, offset 3: "abcabcabc"
        s += [0x02 | (3 << 2), 6, 0]  // copy len 4, offset 6
        s += [0x03 | (1 << 2), 2, 0, 0, 0]  // copy len 2, offset 2
        s += [60 << 2, 69] + [UInt8](repeating: 0x7A, count: 70)  // literal of 70 'z'
        let expected = Array("abc".utf8) + Array("abcabcabc".utf8) + Array("abca".utf8) + Array("ca".utf8) + [UInt8](repeating: 0x7A, count: 70)
        s[0] = UInt8(expected.count)
        #expect(try SnappyDecoder.decompress(s) == expected)
    }

    @Test func corruptStreamsThrow() {
        let bad: [[UInt8]] = [
            [],  // no length
            [5, 0x08, 0x61],  // literal cut off
            [5, 0x01 | (1 << 2), 1],  // copy before any output
            [3, 0x08, 0x61, 0x62, 0x63, 0x01, 9],  // copy beyond the declared length / offset too far
            [10, 0x08, 0x61, 0x62, 0x63],  // shorter than declared
            [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],  // length header too long
        ]
        for b in bad {
            #expect(throws: ParquetError.self) { _ = try SnappyDecoder.decompress(b) }
        }
    }
}
