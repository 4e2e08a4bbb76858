#if canImport(Glibc)
import Glibc
#endif
import TallySystem
import TallyFormat
import TallyStore

/// One worker's ids for strings (1, 2, ...; 0 is null). Each worker of a query owns
/// one, so interning takes no lock; `QueryEngine` maps a worker's ids into the first
/// worker's once per distinct string when it merges their groups.
///
/// Called once per dictionary entry per part, never per row, but a group-by over run
/// ids interns every run of the store on every query, so it is an open-addressing
/// table over the strings' UTF-8 bytes with a cheap multiplicative hash (Swift's
/// `Dictionary<String, _>` hashes with SipHash and took 40% of such a query; a table
/// shared by both workers behind a lock spent a quarter of the query waiting on it).
struct StringInterner {
    /// Open addressing: id - 1 per slot, -1 = empty; load at most one half.
    private var slots = [Int32](repeating: -1, count: 1024)
    private var hashes: [UInt64] = []
    /// The UTF-8 bytes of every string, back to back; id i spans ends[i-1]..<ends[i].
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    /// How many strings have ids (the largest id).
    var count: Int { ends.count }

    /// The ids of `values`, interning those not seen yet.
    mutating func ids(_ values: [String]) -> [UInt64] {
        values.map { intern($0) }
    }

    /// The id of `value`, interning it if not seen yet.
    mutating func intern(_ value: String) -> UInt64 {
        // Native strings lend their bytes without a copy (and without the retain of
        // `withUTF8` on a `var` copy); bridged or foreign ones go the long way.
        if let id = value.utf8.withContiguousStorageIfAvailable({ intern($0) }) { return id }
        var copy = value
        return copy.withUTF8 { intern($0) }
    }

    /// For every string of `other` (by its id - 1), its id here, interning as needed.
    mutating func ids(of other: StringInterner) -> [UInt64] {
        other.bytes.withUnsafeBufferPointer { b in
            (0..<other.count).map { i in
                let start = i == 0 ? 0 : other.ends[i - 1]
                return intern(UnsafeBufferPointer(rebasing: b[start..<other.ends[i]]))
            }
        }
    }

    /// The string with id `id` (1-based).
    func string(_ id: UInt64) -> String {
        let i = Int(id) - 1
        let start = i == 0 ? 0 : ends[i - 1]
        return String(decoding: bytes[start..<ends[i]], as: UTF8.self)
    }

    /// The id of the string whose UTF-8 bytes are `utf8`, interning it if not seen yet.
    mutating func intern(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let h = StringInterner.hash(utf8)
        let found: Int? = slots.withUnsafeBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                ends.withUnsafeBufferPointer { ends in
                    bytes.withUnsafeBufferPointer { b in
                        let mask = slots.count - 1
                        var i = Int(truncatingIfNeeded: h) & mask
                        while true {
                            let slot = slots[i]
                            if slot < 0 { return nil }
                            let s = Int(slot)
                            if hashes[s] == h {
                                let start = s == 0 ? 0 : ends[s - 1]
                                if ends[s] - start == utf8.count
                                    && (utf8.isEmpty || memcmp(b.baseAddress! + start, utf8.baseAddress!, utf8.count) == 0) {
                                    return s
                                }
                            }
                            i = (i + 1) & mask
                        }
                    }
                }
            }
        }
        if let found { return UInt64(found + 1) }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = Int32(ends.count)
        hashes.append(h)
        bytes.append(contentsOf: utf8)
        ends.append(bytes.count)
        if ends.count * 2 > slots.count { grow() }
        return UInt64(ends.count)
    }

    /// Makes room for `strings` strings in all without growing again.
    mutating func reserve(_ strings: Int) {
        var c = slots.count
        while c < strings * 2 { c <<= 1 }
        if c > slots.count { rehash(slotCount: c) }
    }

    private mutating func grow() {
        rehash(slotCount: slots.count * 2)
    }

    private mutating func rehash(slotCount: Int) {
        slots = [Int32](repeating: -1, count: slotCount)
        let mask = slots.count - 1
        for (s, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(s)
        }
    }

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
