import Synchronization
import TallySystem
import TallyFormat
import TallyStore

/// Lets a caller watch and cancel a running query from another thread: the engine adds
/// the rows it scans and checks the flag before every part and row group, so a cancel
/// takes effect within one row group (at most 65,536 rows per worker).
package final class QueryProgress: Sendable {
    private let cancelled = Atomic<Bool>(false)
    private let scanned = Atomic<Int>(0)

    /// Creates a fresh progress object (not cancelled, nothing scanned).
    package init() {}

    /// Asks the running query to stop; it then throws `ExecutionError.cancelled`.
    package func cancel() { cancelled.store(true, ordering: .relaxed) }

    /// Whether `cancel()` was called.
    package var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Rows scanned so far (raw rows; parts answered from rollups add none).
    package var rowsScanned: Int { scanned.load(ordering: .relaxed) }

    func add(rows: Int) { scanned.add(rows, ordering: .relaxed) }

    func check() throws {
        if cancelled.load(ordering: .relaxed) { throw ExecutionError.cancelled }
    }
}
