/// Two keys both in code mode (`GroupTable+Codes.swift`), as `GROUP BY run_id, model_id` or
/// `GROUP BY project_id, run_id` over resident columns give them: the two codes of a row
/// pack into one 64-bit word, and an index of its own (`pairIndex`) holds that word beside
/// the group in one 16-byte slot, so a probe reads one cache line. The general table
/// (slots of group numbers, the key words of each group apart) reads two, and with a
/// million groups both miss the cache: two thirds of `GROUP BY run_id, model_id` (per_step
/// 10M) waited on those two loads.
///
/// The groups' words are still kept as the general path keeps them (codes, then NULL
/// flags), so a chunk that takes another path finds every group: the general slots are
/// made again from the words when next needed (`ensureSlots`), and the pair index from
/// the words when it misses groups another path added.
extension GroupTable {
    /// The empty slot's group word.
    static let emptyPairSlot = UInt64.max

    /// Whether codes of dictionaries of `a` and `b` entries pack into one word.
    static func packs(_ a: Int, _ b: Int) -> Bool { a <= Int(UInt32.max) && b <= Int(UInt32.max) }

    /// Groups of rows whose keys are `a` and `b`, codes of the keys' dictionaries, in
    /// which NULL has code `nullA` and `nullB` (-1: none).
    func pairGroups(_ a: [Int64], _ b: [Int64], nullA: Int64, nullB: Int64, _ n: Int) -> [Int32] {
        precondition(width == 3, "pairGroups groups by two keys")
        if pairIndexed != count || pairIndex.isEmpty { rebuildPairIndex(size: pairIndex.count / 2) }
        var index = pairIndex, stored = words
        pairIndex = []
        words = []
        var indexMask = index.count / 2 - 1
        var groups = count
        var previousA = Int64.min, previousB = Int64.min, previous: Int32 = -1
        let out = [Int32](unsafeUninitializedCapacity: n) { o, made in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    for i in 0..<n {
                        let x = a[i], y = b[i]
                        // Rows sorted by run come in runs of one pair.
                        if x == previousA && y == previousB {
                            o[i] = previous
                            continue
                        }
                        let key = UInt64(truncatingIfNeeded: x) << 32 | UInt64(truncatingIfNeeded: y) & 0xFFFF_FFFF
                        var slot = GroupTable.pairSlot(key, indexMask)
                        var g: Int32 = -1
                        while true {
                            let entry = index[2 &* slot &+ 1]
                            if entry == GroupTable.emptyPairSlot { break }
                            if index[2 &* slot] == key {
                                g = Int32(truncatingIfNeeded: entry)
                                break
                            }
                            slot = (slot &+ 1) & indexMask
                        }
                        if g < 0 {
                            g = Int32(groups)
                            groups += 1
                            stored.append(UInt64(bitPattern: x))
                            stored.append(UInt64(bitPattern: y))
                            stored.append((x == nullA ? 1 : 0) | (y == nullB ? 2 : 0))
                            index[2 &* slot] = key
                            index[2 &* slot &+ 1] = UInt64(g)
                            if groups * 2 > indexMask + 1 {
                                index = GroupTable.pairIndex(of: stored, groups: groups, size: (indexMask + 1) * 2)
                                indexMask = index.count / 2 - 1
                            }
                        }
                        o[i] = g
                        previousA = x
                        previousB = y
                        previous = g
                    }
                }
            }
            made = n
        }
        if groups > count { slotsStale = true }
        pairIndex = index
        words = stored
        count = groups
        pairIndexed = groups
        return out
    }

    /// The slot where the probe for `key` starts: the high bits of a Fibonacci hash.
    @inline(__always)
    static func pairSlot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The pair index of the first `groups` groups of `words`, of `size` slots (at least
    /// twice the groups, a power of two).
    static func pairIndex(of words: [UInt64], groups: Int, size: Int) -> [UInt64] {
        var slots = 1024
        while slots < max(size, groups * 2) { slots *= 2 }
        var index = [UInt64](repeating: emptyPairSlot, count: 2 * slots)
        let mask = slots - 1
        for g in 0..<groups {
            let key = words[3 * g] << 32 | words[3 * g + 1] & 0xFFFF_FFFF
            var slot = pairSlot(key, mask)
            while index[2 * slot + 1] != emptyPairSlot { slot = (slot + 1) & mask }
            index[2 * slot] = key
            index[2 * slot + 1] = UInt64(g)
        }
        return index
    }

    /// Makes the pair index again from the words (another path added groups).
    func rebuildPairIndex(size: Int) {
        pairIndex = GroupTable.pairIndex(of: words, groups: count, size: size)
        pairIndexed = count
    }

    /// Makes the general slots again from the words when the pair index added groups
    /// since they were made.
    func ensureSlots() {
        guard slotsStale else { return }
        slotsStale = false
        var size = max(slots.count, 1024)
        while count * 2 > size { size *= 2 }
        slots = GroupTable.slots(for: words, groups: count, width: width, size: size)
        mask = size - 1
    }

    /// For merging two tables grouping pairs by the same dictionaries' codes: the group in
    /// self of each of `other`'s groups, through the pair index.
    func pairMapping(from other: GroupTable) -> [Int32] {
        let total = count + other.count
        if pairIndexed != count || pairIndex.count < 4 * total {
            rebuildPairIndex(size: 2 * total)
        }
        var index = pairIndex, stored = words
        pairIndex = []
        words = []
        let indexMask = index.count / 2 - 1
        var groups = count
        let theirs = other.words
        let mapping = (0..<other.count).map { g -> Int32 in
            let key = theirs[3 * g] << 32 | theirs[3 * g + 1] & 0xFFFF_FFFF
            var slot = GroupTable.pairSlot(key, indexMask)
            while true {
                let entry = index[2 &* slot &+ 1]
                if entry == GroupTable.emptyPairSlot { break }
                if index[2 &* slot] == key { return Int32(truncatingIfNeeded: entry) }
                slot = (slot &+ 1) & indexMask
            }
            let mine = Int32(groups)
            groups += 1
            stored.append(contentsOf: theirs[(3 * g)..<(3 * g + 3)])
            index[2 &* slot] = key
            index[2 &* slot &+ 1] = UInt64(mine)
            return mine
        }
        if groups > count { slotsStale = true }
        pairIndex = index
        words = stored
        count = groups
        pairIndexed = groups
        return mapping
    }
}
