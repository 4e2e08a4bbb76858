import Foundation
import Synchronization

/// The memory one statement's operators may hold for their own working state (sort runs,
/// hash tables): the limit `SET memory_limit` sets, shared by every operator and worker
/// of the statement, which draw from it through `MemoryReservation`s.
///
/// An operator whose reservation cannot grow spills to files under its `SpillDirectory`
/// (the sort writes sorted runs) instead of growing past the limit. What the budget does
/// not count is said in docs/sql.md: the chunks operators hand to each other and the
/// result table are still held whole.
package final class MemoryBudget: Sendable {
    /// Bytes the statement's operators may reserve together.
    package let limit: Int
    private let reserved = Atomic<Int>(0)
    private let peak = Atomic<Int>(0)

    /// A budget of `limit` bytes.
    package init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// No limit short of the machine's memory: DuckDB's default, 80% of physical memory.
    package static var defaultLimit: Int {
        Int(Double(ProcessInfo.processInfo.physicalMemory) * 0.8)
    }

    /// Bytes reserved now.
    package var reservedBytes: Int { reserved.load(ordering: .relaxed) }

    /// The most bytes reserved at once during the statement.
    package var peakBytes: Int { peak.load(ordering: .relaxed) }

    /// Takes `bytes` if they fit under the limit; false (taking nothing) if not.
    func tryReserve(_ bytes: Int) -> Bool {
        var current = reserved.load(ordering: .relaxed)
        while true {
            guard current + bytes <= limit else { return false }
            let (exchanged, original) = reserved.compareExchange(expected: current, desired: current + bytes, ordering: .relaxed)
            if exchanged {
                _ = peak.max(current + bytes, ordering: .relaxed)
                return true
            }
            current = original
        }
    }

    /// Takes `bytes` whatever the limit (see `MemoryReservation.force`).
    func forceReserve(_ bytes: Int) {
        let now = reserved.add(bytes, ordering: .relaxed).newValue
        _ = peak.max(now, ordering: .relaxed)
    }

    /// Gives back `bytes` taken by `tryReserve`.
    func release(_ bytes: Int) {
        reserved.subtract(bytes, ordering: .relaxed)
    }
}
