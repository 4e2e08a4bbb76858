import TallyTestSupport
import Testing
@testable import TallyIngest
import Tally

/// The batch interner against a dictionary: codes in order of first sight, found again
/// by bytes, across table, entry and byte-arena growth and across resets.
@Suite struct BatchTextInternerTests {
    @Test func agreesWithADictionaryAcrossBatches() {
        var rng = SplitMix64(seed: 5)
        var interner = BatchTextInterner()
        for batch in 0..<6 {
            var reference: [[UInt8]: UInt32] = [:]
            var values: [String] = []
            // Lengths 0...40 cover every comparison branch (bytes, 4-byte and 8-byte
            // words with overlapping tails); small alphabets make near-misses common.
            let distinct = batch == 3 ? 5_000 : 300
            for _ in 0..<20_000 {
                let n = Int(rng.next() % 41)
                let key = (0..<n).map { _ in UInt8(97 + rng.next() % 3) }
                let k = Int(rng.next() % UInt64(distinct))
                let bytes = k % 7 == 0 ? key : Array("v\(k)-".utf8) + key.prefix(k % 5)
                let found = bytes.withUnsafeBufferPointer { interner.code(of: $0) }
                if let expected = reference[bytes] {
                    #expect(found == expected)
                } else {
                    #expect(found == 0)
                    let value = String(decoding: bytes, as: UTF8.self)
                    let code = bytes.withUnsafeBufferPointer { interner.insert($0, value: value) }
                    values.append(value)
                    #expect(code == UInt32(values.count))
                    reference[bytes] = code
                }
            }
            var moved: [String] = ["stale"]
            interner.moveValues(into: &moved)
            #expect(moved == values)
            interner.reset()
        }
    }
}
