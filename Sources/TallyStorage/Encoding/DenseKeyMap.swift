/// Numbers 64-bit keys densely (0, 1, 2, ... in order of first appearance).
///
/// Encoders group rows by small composite keys (a unit code; service x unit x model),
/// and consecutive rows mostly repeat a handful of keys. A direct-mapped table in front
/// of a dictionary answers those repeats with one multiply and one compare, so only
/// the first sighting of a key (or a collision) pays for hashing.
final class DenseKeyMap {
    private static let slotBits = 8
    private let slotKeys: UnsafeMutablePointer<UInt64>
    private let slotIds: UnsafeMutablePointer<Int32>
    private var all: [UInt64: Int32] = [:]
    /// Keys numbered so far.
    private(set) var count = 0

    init() {
        let slots = 1 << DenseKeyMap.slotBits
        slotKeys = .allocate(capacity: slots)
        slotKeys.initialize(repeating: 0, count: slots)
        slotIds = .allocate(capacity: slots)
        slotIds.initialize(repeating: -1, count: slots)
    }

    deinit {
        slotKeys.deallocate()
        slotIds.deallocate()
    }

    /// The dense id of `key`, numbering it if it is new.
    @inline(__always)
    func id(for key: UInt64) -> Int {
        let slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - DenseKeyMap.slotBits))
        let cached = slotIds[slot]
        if cached >= 0 && slotKeys[slot] == key { return Int(cached) }
        return miss(key, slot: slot)
    }

    @inline(never)
    private func miss(_ key: UInt64, slot: Int) -> Int {
        let id: Int32
        if let existing = all[key] {
            id = existing
        } else {
            id = Int32(count)
            all[key] = id
            count += 1
        }
        slotKeys[slot] = key
        slotIds[slot] = id
        return Int(id)
    }
}
