import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyIngest
/// Random identifier strings for runs, sandboxes, chains and users.
///
/// Built byte by byte into a preallocated string: an identifier is made once per run
/// (or per project) and then shared by every row of it, so its cost is off the per-row path.
enum DemoIdentifiers {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
    private static let base36Digits: [UInt8] = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)

    /// A version-4 UUID in lower-case 8-4-4-4-12 form (36 characters).
    static func uuid(_ rng: inout DemoRandom) -> String {
        // Version nibble (4) and RFC 4122 variant bits (10xx), as real UUIDs carry them.
        let a = (rng.next() & ~(UInt64(0xF) << 12)) | (UInt64(0x4) << 12)
        let b = (rng.next() & ~(UInt64(0xC) << 60)) | (UInt64(0x8) << 60)
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var out = 0
            for i in 0..<32 {
                if i == 8 || i == 12 || i == 16 || i == 20 {
                    buffer[out] = UInt8(ascii: "-")
                    out += 1
                }
                let word = i < 16 ? a : b
                let nibble = Int((word >> UInt64(60 - 4 * (i & 15))) & 0xF)
                buffer[out] = hexDigits[nibble]
                out += 1
            }
            return out
        }
    }

    /// `prefix` followed by `count` random lower-case base-36 characters.
    static func base36(_ rng: inout DemoRandom, prefix: String, count: Int) -> String {
        let head = Array(prefix.utf8)
        return String(unsafeUninitializedCapacity: head.count + count) { buffer in
            for (i, byte) in head.enumerated() { buffer[i] = byte }
            for i in 0..<count { buffer[head.count + i] = base36Digits[rng.below(36)] }
            return head.count + count
        }
    }
}
