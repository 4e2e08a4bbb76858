import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// A 128-bit, non-cryptographic hash of a byte stream, fed in pieces of any size: the
/// result depends on the bytes only, not on how they were split.
///
/// Four lanes each multiply-rotate every fourth 8-byte word, so the lanes' multiplies
/// overlap instead of waiting on each other (one chain over every word ran at about
/// 5 cycles per word); the lanes and the length are mixed together at the end. It tells
/// accidental repeats of a file from different files; it is not meant to resist a
/// deliberate collision.
struct ContentHasher {
    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (
        0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9, 0x27D4_EB2F_1656_67C5)
    /// Bytes of an unfinished 32-byte stride, carried to the next `update`.
    private var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var pendingCount = 0
    /// Bytes hashed so far.
    private(set) var length = 0

    private static let multiplier: UInt64 = 0xFF51_AFD7_ED55_8CCD

    @inline(__always)
    private static func round(_ h: UInt64, _ w: UInt64) -> UInt64 {
        let x = (h ^ w) &* multiplier
        return (x << 31) | (x >> 33)
    }

    /// Hashes the next bytes of the stream.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        length += bytes.count
        var i = 0
        let n = bytes.count
        // Finish a stride left open by the previous piece, a byte at a time.
        if pendingCount > 0 {
            while pendingCount < 32 && i < n {
                withUnsafeMutableBytes(of: &pending) { $0[pendingCount] = bytes[i] }
                pendingCount += 1
                i += 1
            }
            guard pendingCount == 32 else { return }
            absorb(pending)
            pending = (0, 0, 0, 0)
            pendingCount = 0
        }
        var (a, b, c, d) = lanes
        while i + 32 <= n {
            let p = base + i
            a = Self.round(a, UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)))
            b = Self.round(b, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
            c = Self.round(c, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt64.self)))
            d = Self.round(d, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
            i += 32
        }
        lanes = (a, b, c, d)
        while i < n {
            withUnsafeMutableBytes(of: &pending) { $0[pendingCount] = bytes[i] }
            pendingCount += 1
            i += 1
        }
    }

    private mutating func absorb(_ words: (UInt64, UInt64, UInt64, UInt64)) {
        lanes = (
            Self.round(lanes.0, UInt64(littleEndian: words.0)), Self.round(lanes.1, UInt64(littleEndian: words.1)),
            Self.round(lanes.2, UInt64(littleEndian: words.2)), Self.round(lanes.3, UInt64(littleEndian: words.3)))
    }

    /// The two 64-bit halves of the hash of everything passed to `update`.
    func finalize() -> (UInt64, UInt64) {
        var copy = self
        // The unfinished stride, zero-padded; the length tells padding from zero bytes.
        if pendingCount > 0 { copy.absorb(pending) }
        let (a, b, c, d) = copy.lanes
        let len = UInt64(length)
        let x = Self.finalMix(a ^ Self.finalMix(c ^ len))
        let y = Self.finalMix(b ^ Self.finalMix(d &+ len))
        return (Self.finalMix(x ^ (y >> 7) ^ 0x2545_F491_4F6C_DD1D), Self.finalMix(y ^ (x << 3) ^ len))
    }

    /// MurmurHash3's 64-bit finaliser: every input bit reaches every output bit.
    @inline(__always)
    private static func finalMix(_ v: UInt64) -> UInt64 {
        var h = v
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }
}
