import CTallyKernels
import Testing
import TallyTestSupport

/// The 64-byte mask the CSV reader skips unquoted fields with marks exactly the commas,
/// LFs and CRs, at every position, whatever the other bytes (quotes and high bytes too).
@Suite struct FieldEndMaskTests {
    @Test func marksExactlyCommasAndLineEnds() {
        var g = SeededGenerator(seed: 9)
        let alphabet: [UInt8] = [0x2C, 0x0A, 0x0D, 0x22, 0x00, 0x2B, 0x2D, 0x0B, 0x0C, 0x8C, 0xAC, 0xFF, 0x61]
        for round in 0..<2_000 {
            var bytes = [UInt8](repeating: 0, count: 64 + 16)
            for i in bytes.indices {
                bytes[i] = round % 2 == 0 ? alphabet[Int.random(in: 0..<alphabet.count, using: &g)] : UInt8.random(in: 0...255, using: &g)
            }
            let offset = Int.random(in: 0...16, using: &g)
            var expected: UInt64 = 0
            for k in 0..<64 where [0x2C, 0x0A, 0x0D].contains(bytes[offset + k]) { expected |= 1 << UInt64(k) }
            let mask = bytes.withUnsafeBufferPointer { tally_csv_field_end_mask($0.baseAddress! + offset) }
            #expect(mask == expected)
        }
    }
}
