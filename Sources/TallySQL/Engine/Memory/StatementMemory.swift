import Synchronization

/// What one statement's operators draw on for memory: the `MemoryBudget` they reserve
/// from, and the `SpillDirectory` they spill to when it is spent. Made per statement from
/// the session's `memory_limit` and `temp_directory`; `SQLQuery.execute` removes the
/// spill files when the statement ends, however it ends.
package final class StatementMemory: Sendable {
    /// The budget the operators share.
    package let budget: MemoryBudget
    /// Where they spill.
    package let spill: SpillDirectory
    private let spilled = Atomic<Int>(0)

    /// A statement's memory: `limit` bytes (nil: `MemoryBudget.defaultLimit`), spilling
    /// under `tempDirectory` (nil: the system's temporary folder).
    package init(limit: Int? = nil, tempDirectory: String? = nil) {
        budget = MemoryBudget(limit: limit ?? MemoryBudget.defaultLimit)
        spill = SpillDirectory(parent: tempDirectory)
    }

    /// Bytes written to spill files so far.
    package var spilledBytes: Int { spilled.load(ordering: .relaxed) }

    func recordSpill(bytes: Int) { spilled.add(bytes, ordering: .relaxed) }
}
