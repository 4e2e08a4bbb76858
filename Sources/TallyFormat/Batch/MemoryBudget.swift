import Synchronization
import TallySystem

/// A byte allowance shared by the part readers of one store for what they keep decoded
/// between queries (rollups), so that a store's resident memory stays bounded however
/// many parts it has: a reader keeps a decoded rollup only if the budget can take it,
/// and otherwise decodes it again on each use. First come, first kept; a reader gives
/// its bytes back when it goes away (its part was merged or deleted).
package final class MemoryBudget: Sendable {
    private let remaining: Atomic<Int>
    /// The allowance this budget started with.
    package let limit: Int

    /// Creates a budget of `bytes`.
    package init(bytes: Int) {
        limit = bytes
        remaining = Atomic(bytes)
    }

    /// Takes `bytes` from the budget if it has them.
    package func reserve(_ bytes: Int) -> Bool {
        var current = remaining.load(ordering: .relaxed)
        while current >= bytes {
            let (exchanged, original) = remaining.compareExchange(
                expected: current, desired: current - bytes, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
        return false
    }

    /// Gives back `bytes` taken by `reserve`.
    package func release(_ bytes: Int) {
        remaining.add(bytes, ordering: .relaxed)
    }

    /// Bytes currently taken.
    package var used: Int { limit - remaining.load(ordering: .relaxed) }
}
