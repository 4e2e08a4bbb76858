#if canImport(Glibc)
import Glibc
#endif

/// A content fingerprint of an imported file, recorded with the batch so that importing
/// the same bytes again is recognised and skipped: its length, CRC-32C, and a 64-bit
/// multiply-rotate hash of the same bytes (about 96 bits in all).
public enum FileIdentity {
    /// The fingerprint of the file at `path`, hashed in 1 MiB blocks.
    public static func of(path: String) throws -> String {
        try of(path: path, mapping: true)
    }

    /// `mapping: false` reads the file even when it could be mapped (tests compare the two).
    static func of(path: String, mapping: Bool) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ImportError.cannotOpen(path: path, errno: errno) }
        defer { close(fd) }
        // A regular file is hashed through a read-only mapping: the same bytes without
        // copying them into a buffer first (the copy was a third of the fingerprint's
        // time on a one-core import, perf).
        var info = stat()
        if mapping && fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_size > 0,
           let mapped = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED {
            defer { munmap(mapped, Int(info.st_size)) }
            _ = madvise(mapped, Int(info.st_size), MADV_SEQUENTIAL)
            let bytes = UnsafeRawBufferPointer(start: mapped, count: Int(info.st_size))
            // In the 1 MiB blocks the read loop below hashes (the mix is chained block
            // by block, so the blocks are part of the identity), each block hashed by
            // both functions while it is in cache.
            var crc: UInt32 = 0
            var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
            var offset = 0
            while offset < bytes.count {
                let block = UnsafeRawBufferPointer(rebasing: bytes[offset..<min(offset + (1 << 20), bytes.count)])
                crc = CRC32C.checksum(block, continuing: crc)
                hash = mix(block, into: hash)
                offset += block.count
            }
            return "file:\(bytes.count):\(String(crc, radix: 16)):\(String(hash, radix: 16))"
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var crc: UInt32 = 0
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
        var length = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ImportError.cannotOpen(path: path, errno: errno)
            }
            if n == 0 { break }
            buffer.withUnsafeBytes { raw in
                let chunk = UnsafeRawBufferPointer(rebasing: raw[0..<n])
                crc = CRC32C.checksum(chunk, continuing: crc)
                hash = mix(chunk, into: hash)
            }
            length += n
        }
        return "file:\(length):\(String(crc, radix: 16)):\(String(hash, radix: 16))"
    }

    /// The fingerprint of bytes already in memory.
    public static func of(bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { raw in
            "file:\(bytes.count):\(String(CRC32C.checksum(raw), radix: 16)):\(String(mix(raw, into: 0x9E37_79B9_7F4A_7C15), radix: 16))"
        }
    }

    static func mix(_ bytes: UnsafeRawBufferPointer, into seed: UInt64) -> UInt64 {
        var h = seed
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            let w = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            h = (h << 31) | (h >> 33)
            i += 8
        }
        while i < n {
            h = (h ^ UInt64(bytes[i])) &* 0xC4CE_B9FE_1A85_EC53
            i += 1
        }
        return h ^ (h >> 29)
    }
}
