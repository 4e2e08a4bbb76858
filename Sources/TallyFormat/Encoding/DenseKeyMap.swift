import TallySystem
/// Numbers 64-bit keys densely (0, 1, 2, ... in order of first appearance).
///
/// Encoders group rows by small composite keys (a unit code; service x unit x model;
/// an hour and five codes), and consecutive rows mostly repeat a handful of keys. An
/// open-addressing table of plain memory answers a repeat with one multiply and one
/// compare, and a new key with a few more: the hourly rollup numbers a new cell every
/// few rows, and a `Dictionary` behind a small cache made each of those a hash and
/// an insertion (1.7% of an append's instructions, callgrind).
final class DenseKeyMap {
    private var keys: UnsafeMutablePointer<UInt64>
    /// Per slot, the key's id, or -1 for an empty slot.
    private var ids: UnsafeMutablePointer<Int32>
    private var shift: UInt64
    private var capacity: Int
    /// Keys numbered so far.
    private(set) var count = 0

    init() {
        capacity = 256
        shift = 64 - 8
        keys = .allocate(capacity: capacity)
        ids = .allocate(capacity: capacity)
        ids.initialize(repeating: -1, count: capacity)
    }

    deinit {
        keys.deallocate()
        ids.deallocate()
    }

    /// The dense id of `key`, numbering it if it is new.
    @inline(__always)
    func id(for key: UInt64) -> Int {
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let id = ids[slot]
            if id < 0 { return insert(key, slot: slot) }
            if keys[slot] == key { return Int(id) }
            slot = (slot &+ 1) & (capacity &- 1)
        }
    }

    @inline(never)
    private func insert(_ key: UInt64, slot: Int) -> Int {
        let id = count
        keys[slot] = key
        ids[slot] = Int32(id)
        count += 1
        if count * 2 > capacity { grow() }
        return id
    }

    private func grow() {
        let oldKeys = keys, oldIds = ids, oldCapacity = capacity
        capacity *= 2
        shift -= 1
        keys = .allocate(capacity: capacity)
        ids = .allocate(capacity: capacity)
        ids.initialize(repeating: -1, count: capacity)
        for s in 0..<oldCapacity where oldIds[s] >= 0 {
            var slot = Int(truncatingIfNeeded: (oldKeys[s] &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while ids[slot] >= 0 { slot = (slot &+ 1) & (capacity &- 1) }
            keys[slot] = oldKeys[s]
            ids[slot] = oldIds[s]
        }
        oldKeys.deallocate()
        oldIds.deallocate()
    }
}
