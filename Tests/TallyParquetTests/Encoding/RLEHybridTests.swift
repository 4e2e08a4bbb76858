import Testing
import TallyTestSupport
@testable import TallyParquet

@Suite struct RLEHybridTests {
    /// The spec's example: 0...7 with bit width 3 packs to 10001000 11000110 11111010.
    @Test func bitPackingMatchesTheSpecExample() throws {
        let encoded = RLEHybridEncoder.encode(Array(0...7), bitWidth: 3)
        #expect(encoded == [0x03, 0b1000_1000, 0b1100_0110, 0b1111_1010])
        #expect(try RLEHybridDecoder.decode(encoded, bitWidth: 3, count: 8) == Array(0...7))
    }

    @Test func runsBecomeRLE() {
        #expect(RLEHybridEncoder.encode([UInt32](repeating: 1, count: 100), bitWidth: 1) == [0xC8, 0x01, 1])  // varint(100 << 1), value 1
        #expect(RLEHybridEncoder.encode([UInt32](repeating: 300, count: 8), bitWidth: 9) == [16, 0x2C, 0x01])
    }

    @Test func randomSequencesRoundTrip() throws {
        var g = SeededGenerator(seed: 42)
        for trial in 0..<400 {
            let width = trial % 33
            let maxValue: UInt64 = width == 0 ? 0 : (1 << UInt64(width)) - 1
            var values = [UInt32]()
            let n = Int.random(in: 0..<300, using: &g)
            while values.count < n {
                let v = UInt32(UInt64.random(in: 0...maxValue, using: &g))
                let run = Bool.random(using: &g) ? Int.random(in: 1..<40, using: &g) : 1
                values.append(contentsOf: repeatElement(v, count: min(run, n - values.count)))
            }
            let encoded = RLEHybridEncoder.encode(values, bitWidth: width)
            #expect(try RLEHybridDecoder.decode(encoded, bitWidth: width, count: values.count) == values, "width \(width)")
        }
    }

    @Test func shortDataThrows() {
        let encoded = RLEHybridEncoder.encode([1, 2, 3, 1, 2, 3, 1, 2, 3], bitWidth: 2)
        #expect(throws: ParquetError.self) { _ = try RLEHybridDecoder.decode(encoded, bitWidth: 2, count: 17) }
        #expect(throws: ParquetError.self) { _ = try RLEHybridDecoder.decode(Array(encoded.prefix(2)), bitWidth: 2, count: 9) }
        #expect(throws: ParquetError.self) { _ = try RLEHybridDecoder.decode([0x00], bitWidth: 2, count: 1) }
    }
}
