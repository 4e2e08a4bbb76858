import TallySystem
import TallyFormat
import TallyStore
/// An open-addressing hash table from fixed-width keys (`width` UInt64 words) to dense
/// group indexes 0, 1, 2, ... in insertion order.
///
/// Keys live back to back in one flat array (group g's key at `g * width`), so a
/// lookup allocates nothing and the table can be walked in group order when merging.
struct GroupTable {
    let width: Int
    private(set) var keys: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(width: Int, capacity: Int = 64) {
        self.width = width
        var c = 16
        while c < capacity * 2 { c <<= 1 }
        slots = [Int32](repeating: -1, count: c)
        mask = c - 1
    }

    @inline(__always)
    static func hash(_ key: UnsafePointer<UInt64>, _ width: Int) -> Int {
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        for i in 0..<width {
            h = (h ^ key[i]) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
        }
        return Int(truncatingIfNeeded: h)
    }

    /// The group of `key`, inserting it if new.
    @inline(__always)
    mutating func findOrInsert(_ key: UnsafePointer<UInt64>) -> (group: Int32, inserted: Bool) {
        var i = GroupTable.hash(key, width) & mask
        let w = width
        while true {
            let g = slots[i]
            if g < 0 { break }
            var equal = true
            keys.withUnsafeBufferPointer { k in
                let base = Int(g) * w
                for j in 0..<w where k[base + j] != key[j] { equal = false; break }
            }
            if equal { return (g, false) }
            i = (i + 1) & mask
        }
        let g = Int32(count)
        slots[i] = g
        for j in 0..<w { keys.append(key[j]) }
        count += 1
        if count * 2 > slots.count { grow() }
        return (g, true)
    }

    /// Makes room for `groups` groups in all without growing again.
    mutating func reserve(_ groups: Int) {
        var c = slots.count
        while c < groups * 2 { c <<= 1 }
        keys.reserveCapacity(groups * width)
        if c > slots.count { rehash(slotCount: c) }
    }

    private mutating func grow() {
        rehash(slotCount: slots.count * 2)
    }

    private mutating func rehash(slotCount c: Int) {
        slots = [Int32](repeating: -1, count: c)
        mask = c - 1
        keys.withUnsafeBufferPointer { k in
            for g in 0..<count {
                var i = GroupTable.hash(k.baseAddress! + g * width, width) & mask
                while slots[i] >= 0 { i = (i + 1) & mask }
                slots[i] = Int32(g)
            }
        }
    }
}
