import TallySystem
import TallyFormat
import TallyStore
/// The first `k` of `n` items under an order, without sorting all `n`.
///
/// `ORDER BY cost DESC LIMIT 100` over half a million runs needs the hundred best, not
/// a sort of every group: a bounded heap of `k` keeps the current best, and each other
/// item costs one comparison with its worst. O(n log k) comparisons instead of
/// O(n log n); the order must be total (callers break ties on the group keys) so that the
/// result equals the first `k` of a full sort.
package enum TopK {
    /// Indices of the first `k` of `0..<n` under `precedes`, in order.
    package static func indices(count n: Int, first k: Int, by precedes: (Int, Int) -> Bool) -> [Int] {
        let k = Swift.max(0, Swift.min(k, n))
        if k == 0 { return [] }
        if k * 4 >= n { return (0..<n).sorted(by: precedes).prefix(k).map { $0 } }
        // A max-heap under `precedes`: the root is the worst of the best k so far.
        var heap = [Int]()
        heap.reserveCapacity(k)
        func siftUp(_ start: Int) {
            var child = start
            while child > 0 {
                let parent = (child - 1) / 2
                guard precedes(heap[parent], heap[child]) else { return }
                heap.swapAt(parent, child)
                child = parent
            }
        }
        func siftDown() {
            var parent = 0
            while true {
                let left = 2 * parent + 1
                guard left < heap.count else { return }
                var worst = left
                if left + 1 < heap.count && precedes(heap[left], heap[left + 1]) { worst = left + 1 }
                guard precedes(heap[parent], heap[worst]) else { return }
                heap.swapAt(parent, worst)
                parent = worst
            }
        }
        for i in 0..<n {
            if heap.count < k {
                heap.append(i)
                siftUp(heap.count - 1)
            } else if precedes(i, heap[0]) {
                heap[0] = i
                siftDown()
            }
        }
        return heap.sorted(by: precedes)
    }
}
