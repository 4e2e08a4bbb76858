import CTallyKernels
import TallySystem

/// CRC-32C (Castagnoli), the checksum on every chunk, footer and manifest, and the
/// fingerprint of imported files.
///
/// On x86-64 with SSE 4.2 the CPU's crc32 instruction computes it (a small C file, since
/// Swift cannot name the instruction); elsewhere a slicing-by-8 table does, which is
/// also the reference the tests compare the hardware with. Callgrind, fingerprinting a
/// 47 MB CSV before import (file reading included): 320M instructions with the table,
/// 93M with the instruction.
package enum CRC32C {
    /// Whether the hardware path is used.
    package static let usesHardware = tally_crc32c_hardware_available() != 0

    /// The CRC-32C of `bytes`, continuing from `crc` (0 to start).
    package static func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        guard usesHardware, let p = bytes.baseAddress else { return softwareChecksum(bytes, continuing: crc) }
        return ~tally_crc32c_hardware_update(~crc, p, bytes.count)
    }

    static let tables: [[UInt32]] = {
        var t = [[UInt32]](repeating: [UInt32](repeating: 0, count: 256), count: 8)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
            t[0][i] = c
        }
        for i in 0..<256 {
            for k in 1..<8 { t[k][i] = (t[k - 1][i] >> 8) ^ t[0][Int(t[k - 1][i] & 0xFF)] }
        }
        return t
    }()

    /// The table-driven CRC-32C of `bytes`, continuing from `crc` (0 to start).
    package static func softwareChecksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        var c = ~crc
        var i = 0
        let n = bytes.count
        guard n > 0, let p = bytes.baseAddress else { return crc }
        let t = tables
        t[0].withUnsafeBufferPointer { t0 in
        t[1].withUnsafeBufferPointer { t1 in
        t[2].withUnsafeBufferPointer { t2 in
        t[3].withUnsafeBufferPointer { t3 in
        t[4].withUnsafeBufferPointer { t4 in
        t[5].withUnsafeBufferPointer { t5 in
        t[6].withUnsafeBufferPointer { t6 in
        t[7].withUnsafeBufferPointer { t7 in
            while n - i >= 8 {
                let w = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let lo = UInt32(truncatingIfNeeded: w) ^ c
                let hi = UInt32(truncatingIfNeeded: w >> 32)
                c = t7[Int(lo & 0xFF)] ^ t6[Int((lo >> 8) & 0xFF)] ^ t5[Int((lo >> 16) & 0xFF)] ^ t4[Int(lo >> 24)]
                    ^ t3[Int(hi & 0xFF)] ^ t2[Int((hi >> 8) & 0xFF)] ^ t1[Int((hi >> 16) & 0xFF)] ^ t0[Int(hi >> 24)]
                i += 8
            }
            while i < n {
                c = t0[Int((c ^ UInt32(p.load(fromByteOffset: i, as: UInt8.self))) & 0xFF)] ^ (c >> 8)
                i += 1
            }
        }}}}}}}}
        return ~c
    }

    /// The CRC-32C of a byte array.
    package static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }
}
