import Foundation
import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet

/// Hands batches of validated, priced records (record arrays, or columnar batches for
/// CSV) from the reading thread to a second thread that appends them to the transaction,
/// so that parsing the next batch overlaps with buffering, encoding and writing the
/// previous ones (and with releasing their strings).
///
/// At most `depth` batches wait at a time, so memory stays bounded. Batches come back
/// empty with their capacity for the reader to fill again: a fresh array of 16k records
/// per batch would be megabytes of page faults.
///
/// An error on the appending thread is rethrown by the next `submit` or by `finish`;
/// batches after it are dropped. `finish` (or `cancel`) must be called before the
/// transaction is committed or rolled back: only then has the thread stopped using it.
package final class ImportPipeline<Batch: Sendable>: @unchecked Sendable {
    // Every mutable field below is guarded by `condition`.
    private let condition = NSCondition()
    private var waiting: [Batch] = []
    private var spare: [Batch] = []
    private var closed = false
    private var cancelled = false
    private var running = true
    private var failure: (any Error)?
    private let depth: Int
    private let makeBatch: @Sendable () -> Batch
    private let empty: @Sendable (inout Batch) -> Void
    /// Appends a batch; dropped when the thread stops. The thread's closure outlives
    /// `finish` and `cancel` by a moment, and the sink holds the transaction, the store
    /// and its write lock: a store closed (or released) after a failed import must not
    /// stay locked meanwhile.
    private var sink: (@Sendable (Batch) throws -> Void)?

    /// Starts the appending thread; `sink` appends one batch (on that thread), `empty`
    /// then empties it for reuse, keeping its capacity; `makeBatch` makes a new one.
    init(depth: Int = 2, makeBatch: @escaping @Sendable () -> Batch, empty: @escaping @Sendable (inout Batch) -> Void,
         sink: @escaping @Sendable (Batch) throws -> Void) {
        self.depth = max(depth, 1)
        self.makeBatch = makeBatch
        self.empty = empty
        self.sink = sink
        let thread = Thread { [self] in run() }
        thread.name = "tally-import-append"
        thread.start()
    }

    /// Queues `batch` for appending and gives back an empty array in its place.
    /// Blocks while `depth` batches are waiting. Throws the appending thread's error.
    package func submit(_ batch: inout Batch) throws {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= depth && failure == nil { condition.wait() }
        if let failure { throw failure }
        waiting.append(batch)
        if var reused = spare.popLast() {
            swap(&batch, &reused)
        } else {
            batch = makeBatch()
        }
        condition.broadcast()
    }

    /// Waits until every queued batch is appended and the thread has stopped; throws the
    /// first error it met.
    package func finish() throws {
        stop(cancel: false)
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
    }

    /// Drops the batches not yet appended and waits until the thread has stopped.
    package func cancel() {
        stop(cancel: true)
    }

    private func stop(cancel: Bool) {
        condition.lock()
        closed = true
        if cancel { cancelled = true }
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    private func run() {
        condition.lock()
        while true {
            while waiting.isEmpty && !closed { condition.wait() }
            if waiting.isEmpty || cancelled { break }
            var batch = waiting.removeFirst()
            let skip = failure != nil
            let sink = self.sink
            condition.unlock()
            var error: (any Error)?
            if !skip, let sink {
                do { try sink(batch) } catch let e { error = e }
            }
            // The batch's strings are released here, off the reading thread.
            empty(&batch)
            condition.lock()
            if let error, failure == nil { failure = error }
            spare.append(batch)
            condition.broadcast()
        }
        waiting.removeAll()
        sink = nil
        running = false
        condition.broadcast()
        condition.unlock()
    }
}

extension ImportPipeline where Batch == [UsageRecord] {
    /// A pipeline of record arrays that keep `batchCapacity` when reused.
    package convenience init(depth: Int = 2, batchCapacity: Int, sink: @escaping @Sendable ([UsageRecord]) throws -> Void) {
        self.init(
            depth: depth, makeBatch: { var batch = [UsageRecord](); batch.reserveCapacity(batchCapacity); return batch },
            empty: { $0.removeAll(keepingCapacity: true) }, sink: sink)
    }
}
