#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Query-wide ids for strings (1, 2, ...; 0 is null), shared by the workers of one
/// query so that their group keys mean the same thing and merge without remapping.
///
/// Called once per dictionary entry per part, never per row, but a group-by over run
/// ids interns every run of the store on every query, so it is an open-addressing
/// table over the strings' UTF-8 bytes with a cheap multiplicative hash (Swift's
/// `Dictionary<String, _>` hashes with SipHash and took 40% of such a query).
final class StringInterner: Sendable {
    private struct State {
        /// Open addressing: id - 1 per slot, -1 = empty; load at most one half.
        var slots = [Int32](repeating: -1, count: 1024)
        var hashes: [UInt64] = []
        /// The UTF-8 bytes of every string, back to back; id i spans ends[i-1]..<ends[i].
        var bytes: [UInt8] = []
        var ends: [Int] = []
        var strings: [String] = []

        mutating func intern(_ original: String) -> UInt64 {
            var value = original
            return value.withUTF8 { utf8 in
                let h = StringInterner.hash(utf8)
                let mask = slots.count - 1
                var i = Int(truncatingIfNeeded: h) & mask
                while true {
                    let slot = slots[i]
                    if slot < 0 { break }
                    let s = Int(slot)
                    if hashes[s] == h {
                        let start = s == 0 ? 0 : ends[s - 1]
                        if ends[s] - start == utf8.count && bytes.withUnsafeBufferPointer({ b in
                            utf8.isEmpty || memcmp(b.baseAddress! + start, utf8.baseAddress!, utf8.count) == 0
                        }) {
                            return UInt64(s + 1)
                        }
                    }
                    i = (i + 1) & mask
                }
                slots[i] = Int32(strings.count)
                hashes.append(h)
                bytes.append(contentsOf: utf8)
                ends.append(bytes.count)
                strings.append(original)
                if strings.count * 2 > slots.count { grow() }
                return UInt64(strings.count)
            }
        }

        mutating func grow() {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            let mask = slots.count - 1
            for (s, h) in hashes.enumerated() {
                var i = Int(truncatingIfNeeded: h) & mask
                while slots[i] >= 0 { i = (i + 1) & mask }
                slots[i] = Int32(s)
            }
        }
    }
    private let state = Mutex(State())

    /// The ids of many strings at once (one lock).
    func ids(_ values: [String]) -> [UInt64] {
        state.withLock { s in values.map { s.intern($0) } }
    }

    /// All strings by id - 1.
    func snapshot() -> [String] { state.withLock { $0.strings } }

    /// A 64-bit hash of bytes: eight at a time, multiply and fold (not for adversarial
    /// input; ids are data, and a collision only costs a byte comparison).
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h: UInt64 = UInt64(bytes.count) &* k
        guard let base = bytes.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= bytes.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* k
        h ^= h >> 32
        return h &* k ^ (h >> 29)
    }
}
