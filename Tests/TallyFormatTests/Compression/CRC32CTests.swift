import Testing
@testable import TallyFormat
import TallySystem
import TallyStore
import TallyTestSupport

@Suite struct CRC32CTests {
    @Test func knownVectors() {
        // RFC 3720 (iSCSI) check value and test patterns.
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum([]) == 0)
    }

    /// The hardware path (when this CPU has it) against the table, on every length and
    /// alignment up to a few words, and on long random buffers; and continuation.
    @Test func hardwareMatchesTableAndContinues() {
        var g = SeededGenerator(seed: 5)
        let data = (0..<70_000).map { _ in UInt8.random(in: 0...255, using: &g) }
        data.withUnsafeBytes { all in
            for start in 0..<9 {
                for length in 0..<80 {
                    let b = UnsafeRawBufferPointer(rebasing: all[start..<start + length])
                    #expect(CRC32C.checksum(b) == CRC32C.softwareChecksum(b))
                }
            }
            for _ in 0..<50 {
                let start = Int.random(in: 0..<1000, using: &g)
                let end = Int.random(in: start...all.count, using: &g)
                let cut = Int.random(in: start...end, using: &g)
                let whole = UnsafeRawBufferPointer(rebasing: all[start..<end])
                let expected = CRC32C.softwareChecksum(whole)
                #expect(CRC32C.checksum(whole) == expected)
                let head = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: all[start..<cut]))
                #expect(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: all[cut..<end]), continuing: head) == expected)
            }
        }
    }
}
