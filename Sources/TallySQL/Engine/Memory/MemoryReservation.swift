/// One operator's share of the statement's `MemoryBudget`: it grows as the operator
/// buffers rows and is given back when the operator spills or ends.
///
/// Not thread-safe: each worker's operator state holds its own reservation (the budget
/// they draw from is shared and atomic).
package final class MemoryReservation {
    let budget: MemoryBudget
    /// Bytes held now.
    private(set) var bytes = 0

    /// An empty reservation on `budget`.
    init(_ budget: MemoryBudget) {
        self.budget = budget
    }

    /// Grows the reservation by `more` bytes; false (unchanged) when the budget is spent,
    /// which tells the operator to spill.
    func grow(by more: Int) -> Bool {
        guard budget.tryReserve(more) else { return false }
        bytes += more
        return true
    }

    /// Gives everything back (after a spill, or at the operator's end).
    func releaseAll() {
        budget.release(bytes)
        bytes = 0
    }

    deinit {
        budget.release(bytes)
    }
}

extension MemoryReservation {
    /// Takes `more` bytes even past the budget: the least an operator must hold to make
    /// progress (one chunk), which the budget then shows as overdrawn.
    func force(_ more: Int) {
        budget.forceReserve(more)
        bytes += more
    }
}
