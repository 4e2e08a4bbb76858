/// A binary min-heap of the indexes `0..<count` under a comparison that changes as the
/// items advance (a k-way merge's cursors): after the top item moves on, `siftDownTop`
/// restores the order in log k comparisons.
struct MergeHeap {
    private var items: [Int]

    init(count: Int, less: (Int, Int) -> Bool) {
        items = []
        items.reserveCapacity(count)
        for i in 0..<count {
            items.append(i)
            var c = items.count - 1
            while c > 0 {
                let p = (c - 1) / 2
                guard less(items[c], items[p]) else { break }
                items.swapAt(c, p)
                c = p
            }
        }
    }

    /// The smallest item, nil when empty.
    var top: Int? { items.first }

    /// Restores the heap after the top item's value grew.
    mutating func siftDownTop(less: (Int, Int) -> Bool) {
        var p = 0
        while true {
            let l = 2 * p + 1, r = l + 1
            var m = p
            if l < items.count, less(items[l], items[m]) { m = l }
            if r < items.count, less(items[r], items[m]) { m = r }
            if m == p { return }
            items.swapAt(p, m)
            p = m
        }
    }

    /// Drops the top item (its run ended).
    mutating func removeTop(less: (Int, Int) -> Bool) {
        items.swapAt(0, items.count - 1)
        items.removeLast()
        siftDownTop(less: less)
    }
}
