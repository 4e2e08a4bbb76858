import TallySystem
/// A fast 64-bit hash of a byte string, for the in-memory hash tables of the write path
/// (string interners), which look up every distinct value of every batch and part.
///
/// Eight bytes a step, multiply and shift. Not keyed: a table that hashes input chosen
/// by an adversary can be made to probe long chains. Tally's tables are per batch and per
/// partition, so the damage is bounded by their size; Swift's `Hasher` (SipHash, seeded
/// per process) was three to five times slower for the ids these tables hold.
package enum ByteHash {
    /// The hash of `b`.
    @inline(__always)
    package static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(b.count)
        guard let p = b.baseAddress else { return h }
        let n = b.count
        var i = 0
        while i &+ 8 <= n {
            h = (h ^ UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
            i &+= 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(p[i]) << shift
            shift &+= 8
            i &+= 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 32)
    }
}
