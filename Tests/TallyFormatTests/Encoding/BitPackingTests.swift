import Testing
@testable import TallyFormat
import TallySystem
import TallyStore
import TallyTestSupport

@Suite struct BitPackingTests {
    /// Every width (each has its own unpacking loop) and counts that end inside a word,
    /// on a word boundary and in the last rows that take the end-checked path: unpacking
    /// gives back exactly what was packed, offset by the base.
    @Test func everyWidthRoundTrips() {
        var g = SeededGenerator(seed: 11)
        for width in 0...64 {
            for count in [0, 1, 7, 63, 64, 65, 130, 1_000] {
                let base = Int64.random(in: -1_000...1_000, using: &g)
                let values: [Int64] = (0..<count).map { _ in
                    let bits = width == 64 ? UInt64.random(in: .min ... .max, using: &g)
                        : width == 0 ? 0 : UInt64.random(in: 0...((1 << UInt64(width)) - 1), using: &g)
                    return base &+ Int64(bitPattern: bits)
                }
                var w = ByteWriter()
                values.withUnsafeBufferPointer { BitPacking.pack($0, base: base, width: width, into: &w) }
                #expect(w.bytes.count == BitPacking.wordCount(count: count, width: width) * 8)
                var out = [Int64](repeating: 0, count: count)
                w.bytes.withUnsafeBytes { raw in
                    out.withUnsafeMutableBufferPointer { o in
                        guard let p = o.baseAddress else { return }
                        BitPacking.unpack(raw, count: count, width: width, base: base, into: p)
                    }
                }
                #expect(out == values, "width \(width), count \(count)")
            }
        }
    }
}
