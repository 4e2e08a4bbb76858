import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyIngest
/// A binary min-heap of pending run events, ordered by timestamp and then by a
/// sequence number so that ties resolve the same way on every run.
///
/// Entries are small plain values pointing at run slots; the runs themselves (with
/// their strings) stay put in the generator's slot array and are never moved by the heap.
struct DemoEventQueue: Sendable {
    /// One pending event: run `slot` has its next rows at `ts`.
    struct Entry: Sendable {
        var ts: Int64
        var sequence: UInt64
        var slot: Int32

        @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            ts != other.ts ? ts < other.ts : sequence < other.sequence
        }
    }

    private var heap: [Entry] = []

    /// Number of pending events.
    var count: Int { heap.count }

    /// The earliest event, if any.
    var first: Entry? { heap.first }

    /// Adds an event.
    mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) >> 1
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest event (the queue must not be empty).
    mutating func popFirst() -> Entry {
        let top = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown()
        }
        return top
    }

    /// Replaces the earliest event by `entry` (one sift instead of a pop and a push).
    mutating func replaceFirst(with entry: Entry) {
        heap[0] = entry
        siftDown()
    }

    private mutating func siftDown() {
        let n = heap.count
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < n else { return }
            var best = left
            if left + 1 < n && heap[left + 1].precedes(heap[left]) { best = left + 1 }
            guard heap[best].precedes(heap[parent]) else { return }
            heap.swapAt(best, parent)
            parent = best
        }
    }
}
