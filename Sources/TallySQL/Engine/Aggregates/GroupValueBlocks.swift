import Glibc

/// The values of each group of an aggregate that needs all of them (the quantiles), kept
/// in blocks that never move: a group's values are a linked list of blocks, the newest
/// first, each twice the size of the one before up to 2 MiB, and from there 2 MiB blocks
/// on huge pages.
///
/// Why not an array per group: an array that grows is copied at each doubling, a merge of
/// two workers' groups copies one into the other, and every copy lands on fresh pages the
/// kernel must fault in and clear. For `quantile_cont(duration_ms, 0.95), median(cost_usd),
/// quantile_disc(quantity, 0.5) ... GROUP BY model_id` over 10M rows (per_step), clearing
/// pages was a third of the statement's profile. Blocks are written once, a merge relinks
/// them, and a 2 MiB block on a huge page is one fault instead of 512.
///
/// Per group, three words: the newest block, and where its next value goes and its end.
/// A block's header holds the next (older) block, its capacity and, once it is no longer
/// the newest, how many values it holds.
final class GroupValueBlocks<Value: BitwiseCopyable> {
    /// A block's header, at the start of its memory; the values follow.
    struct Header {
        var older: UnsafeMutableRawPointer?
        var capacity: Int
        /// Values held; the newest block's count is its group's cursor instead.
        var count: Int
        var onHugePages: Bool
    }

    /// The bytes of a block of the largest size, on huge pages where the kernel allows it.
    static var largestBlockBytes: Int { HugeBlockPool.blockBytes }
    static var firstCapacity: Int { 8 }
    static var valuesOffset: Int { (MemoryLayout<Header>.size + 15) & ~15 }
    static var largestCapacity: Int { (largestBlockBytes - valuesOffset) / MemoryLayout<Value>.stride }

    private var newest: [UnsafeMutableRawPointer?] = []
    private var cursor: [UnsafeMutablePointer<Value>?] = []
    private var end: [UnsafeMutablePointer<Value>?] = []
    /// Values per group.
    private(set) var counts: [Int] = []

    init() {}

    deinit {
        for g in newest.indices { release(g) }
    }

    /// Makes room for groups `0..<count`.
    func resize(_ count: Int) {
        guard newest.count < count else { return }
        let more = count - newest.count
        newest += [UnsafeMutableRawPointer?](repeating: nil, count: more)
        cursor += [UnsafeMutablePointer<Value>?](repeating: nil, count: more)
        end += [UnsafeMutablePointer<Value>?](repeating: nil, count: more)
        counts += [Int](repeating: 0, count: more)
    }

    /// Appends `xs[i]` to group `groups[i]` for each row with a group (`>= 0`) and a value.
    func append(_ groups: UnsafeBufferPointer<Int32>, _ xs: UnsafeBufferPointer<Value>, validity: [Bool]?, _ n: Int) {
        cursor.withUnsafeMutableBufferPointer { c in
            end.withUnsafeMutableBufferPointer { e in
                counts.withUnsafeMutableBufferPointer { k in
                    for i in 0..<n {
                        let g = Int(groups[i])
                        guard g >= 0, validity?[i] ?? true else { continue }
                        if c[g] == e[g] { grow(g, c, e) }
                        c[g]!.initialize(to: xs[i])
                        c[g]! += 1
                        k[g] &+= 1
                    }
                }
            }
        }
    }

    /// Appends one value to group `g`.
    func append(_ x: Value, to g: Int) {
        cursor.withUnsafeMutableBufferPointer { c in
            end.withUnsafeMutableBufferPointer { e in
                if c[g] == e[g] { grow(g, c, e) }
                c[g]!.initialize(to: x)
                c[g]! += 1
            }
        }
        counts[g] &+= 1
    }

    /// Moves every value of `other`'s group `g` into group `mapping[g]` (no copy: the
    /// blocks are relinked); `other` is left empty.
    func absorb(_ other: GroupValueBlocks<Value>, _ mapping: [Int32]) {
        for g in 0..<min(other.newest.count, mapping.count) {
            guard let theirs = other.newest[g] else { continue }
            let m = Int(mapping[g])
            other.seal(g)
            seal(m)
            // Their oldest block goes before our newest; their newest (which may have room)
            // becomes ours.
            var oldest = theirs
            while let older = oldest.assumingMemoryBound(to: Header.self).pointee.older { oldest = older }
            oldest.assumingMemoryBound(to: Header.self).pointee.older = newest[m]
            newest[m] = theirs
            cursor[m] = other.cursor[g]
            end[m] = other.end[g]
            counts[m] += other.counts[g]
            other.newest[g] = nil
            other.cursor[g] = nil
            other.end[g] = nil
            other.counts[g] = 0
        }
    }

    /// Calls `body` with each block of group `g` (any order) as a buffer of its values.
    @inline(__always)
    func forEachBlock(_ g: Int, _ body: (UnsafeBufferPointer<Value>) -> Void) {
        var block = newest[g]
        var first = true
        while let b = block {
            let header = b.assumingMemoryBound(to: Header.self).pointee
            let values = (b + GroupValueBlocks.valuesOffset).assumingMemoryBound(to: Value.self)
            let count = first ? cursor[g]! - values : header.count
            body(UnsafeBufferPointer(start: values, count: count))
            first = false
            block = header.older
        }
    }

    /// Frees group `g`'s blocks.
    private func release(_ g: Int) {
        var block = newest[g]
        while let b = block {
            let header = b.assumingMemoryBound(to: Header.self).pointee
            if header.onHugePages {
                HugeBlockPool.shared.give(b)
            } else {
                free(b)
            }
            block = header.older
        }
        newest[g] = nil
        cursor[g] = nil
        end[g] = nil
        counts[g] = 0
    }

    /// Writes the newest block's count into its header (before it stops being the newest).
    private func seal(_ g: Int) {
        guard let b = newest[g] else { return }
        let values = (b + GroupValueBlocks.valuesOffset).assumingMemoryBound(to: Value.self)
        b.assumingMemoryBound(to: Header.self).pointee.count = cursor[g]! - values
    }

    /// A new newest block for group `g`, twice the last one's capacity up to the largest.
    private func grow(_ g: Int, _ c: UnsafeMutableBufferPointer<UnsafeMutablePointer<Value>?>,
                      _ e: UnsafeMutableBufferPointer<UnsafeMutablePointer<Value>?>) {
        var capacity = GroupValueBlocks.firstCapacity
        if let b = newest[g] {
            let header = b.assumingMemoryBound(to: Header.self)
            let values = (b + GroupValueBlocks.valuesOffset).assumingMemoryBound(to: Value.self)
            header.pointee.count = c[g]! - values
            capacity = min(header.pointee.capacity * 2, GroupValueBlocks.largestCapacity)
        }
        let block: UnsafeMutableRawPointer
        var huge = false
        if capacity == GroupValueBlocks.largestCapacity, let mapped = HugeBlockPool.shared.take() {
            block = mapped
            huge = true
        } else {
            let bytes = GroupValueBlocks.valuesOffset + capacity * MemoryLayout<Value>.stride
            guard let p = malloc(bytes) else { fatalError("out of memory: \(bytes) bytes for a quantile's values") }
            block = p
        }
        block.initializeMemory(as: Header.self, repeating: Header(older: newest[g], capacity: capacity, count: 0, onHugePages: huge), count: 1)
        newest[g] = block
        let values = (block + GroupValueBlocks.valuesOffset).assumingMemoryBound(to: Value.self)
        c[g] = values
        e[g] = values + capacity
    }
}
