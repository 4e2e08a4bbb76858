#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet

/// A content fingerprint of an imported file, recorded with the batch so that importing
/// the same bytes again is recognised and skipped: `file2:<length>:<a>:<b>`, the length
/// and 128 bits of `ContentHasher` over the bytes.
///
/// Stores written before session 7 hold identities of the earlier kind,
/// `file:<length>:<crc32c>:<hash>` (`FileIdentity.legacy`): two serial hash chains over
/// every byte, a tenth of a one-core CSV import. The importer computes a legacy identity
/// only when the store holds one for a file of the same length, so a file imported by an
/// older build is still recognised.
package enum FileIdentity {
    /// The fingerprint of the file at `path`, read through `fileSystem`.
    package static func of(path: String, fileSystem: FileSystem = FileSystem()) throws(ImportError) -> String {
        var hasher = ContentHasher()
        try forEachBlock(ofFileAt: path, fileSystem: fileSystem) { hasher.update($0) }
        return identity(hasher)
    }

    /// The fingerprint of bytes already in memory (the same as of a file holding them).
    package static func of(bytes: [UInt8]) -> String {
        var hasher = ContentHasher()
        bytes.withUnsafeBytes { hasher.update($0) }
        return identity(hasher)
    }

    /// The length of the file an identity of either kind describes.
    package static func length(of identity: String) -> Int? {
        let fields = identity.split(separator: ":")
        guard fields.count == 4, fields[0] == "file" || fields[0] == "file2" else { return nil }
        return Int(fields[1])
    }

    /// The identity of the bytes `hasher` has seen.
    static func identity(_ hasher: ContentHasher) -> String {
        let (a, b) = hasher.finalize()
        return "file2:\(hasher.length):\(String(a, radix: 16)):\(String(b, radix: 16))"
    }

    /// The identity an older build gave the file at `path` (read through `fileSystem`): its
    /// length, CRC-32C, and a 64-bit multiply-rotate hash chained over 1 MiB blocks.
    package static func legacy(path: String, fileSystem: FileSystem = FileSystem()) throws(ImportError) -> String {
        var crc: UInt32 = 0
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
        var length = 0
        try forEachBlock(ofFileAt: path, fileSystem: fileSystem) { block in
            crc = CRC32C.checksum(block, continuing: crc)
            hash = legacyMix(block, into: hash)
            length += block.count
        }
        return "file:\(length):\(String(crc, radix: 16)):\(String(hash, radix: 16))"
    }

    /// The identity an older build gave these bytes when read from standard input.
    package static func legacy(bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { raw in
            "file:\(bytes.count):\(String(CRC32C.checksum(raw), radix: 16)):\(String(legacyMix(raw, into: 0x9E37_79B9_7F4A_7C15), radix: 16))"
        }
    }

    /// Calls `body` with the file's bytes in blocks of 1 MiB (the last one shorter), read
    /// into one buffer: constant memory whatever the file's size. (A read-only mapping
    /// saved the kernel's copy, about 2% of a one-core import, but a file truncated
    /// while it is hashed would kill the process with SIGBUS instead of an error.)
    static func forEachBlock(ofFileAt path: String, fileSystem fs: FileSystem,
                             _ body: (UnsafeRawBufferPointer) -> Void) throws(ImportError) {
        do throws(StorageError) {
            let fd = try fs.open(path, flags: O_RDONLY)
            defer { fs.close(fd) }
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let n = try buffer.withMutableBytes { (b) throws(StorageError) in try fs.readSome(fd, path: path, into: b) }
                if n == 0 { break }
                buffer.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            }
        } catch {
            throw .cannotRead(error, name: path)
        }
    }

    static func legacyMix(_ bytes: UnsafeRawBufferPointer, into seed: UInt64) -> UInt64 {
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
