/// A set of (group, value id) pairs packed in 64-bit words: the memory of
/// `agg(DISTINCT x)`, one flat open-addressing table for all groups instead of a Swift
/// `Set` per group (whose per-insert hashing and copy-on-write checks made
/// `count(DISTINCT sandbox_id) ... GROUP BY project_id` take seconds at 10M rows).
struct PairSet {
    private static let empty = UInt64.max
    private var slots: [UInt64]
    private var mask: Int
    /// Pairs held.
    private(set) var count = 0

    init() {
        slots = [UInt64](repeating: PairSet.empty, count: 1024)
        mask = 1023
    }

    @inline(__always)
    static func pack(group: Int32, id: Int32) -> UInt64 { UInt64(UInt32(bitPattern: group)) << 32 | UInt64(UInt32(bitPattern: id)) }

    @inline(__always)
    static func unpack(_ w: UInt64) -> (group: Int32, id: Int32) {
        (Int32(bitPattern: UInt32(truncatingIfNeeded: w >> 32)), Int32(bitPattern: UInt32(truncatingIfNeeded: w)))
    }

    @inline(__always)
    static func slot(_ w: UInt64, _ mask: Int) -> Int {
        var h = w &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        return Int(truncatingIfNeeded: h) & mask
    }

    /// Adds a pair (no effect if present).
    @inline(__always)
    mutating func insert(_ w: UInt64) {
        var i = PairSet.slot(w, mask)
        let inserted: Bool = slots.withUnsafeMutableBufferPointer { s in
            while true {
                let cur = s[i]
                if cur == w { return false }
                if cur == PairSet.empty { s[i] = w; return true }
                i = (i + 1) & mask
            }
        }
        if inserted {
            count += 1
            if count * 2 > slots.count { grow() }
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: PairSet.empty, count: old.count * 2)
        mask = slots.count - 1
        count = 0
        for w in old where w != PairSet.empty { insert(w) }
    }

    /// Every pair, in no order.
    func forEach(_ body: (UInt64) -> Void) {
        for w in slots where w != PairSet.empty { body(w) }
    }
}
