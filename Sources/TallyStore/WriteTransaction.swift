import Synchronization
import TallySystem
import TallyFormat

/// Rows that become visible together or not at all (an import of one file).
///
/// Rows are buffered per partition; when the buffer is full they are written as part
/// files that are not yet published, so memory stays bounded whatever the size of the
/// batch. `commit` publishes every part (and the batch identity) in one manifest
/// commit; `rollback`, an error, or a crash leaves the store as it was.
package final class WriteTransaction: Sendable {
    let store: Store
    /// The batch identity recorded at commit, if any.
    package let identity: String?
    private let state = Mutex<State>(State())
    /// The request keys this transaction has seen, and whether it holds the store's
    /// `RequestGate` (from its first lookup until commit or rollback).
    let requests = Mutex<(index: RequestIndex, holdsGate: Bool)>((RequestIndex(), false))

    private struct State {
        var buffers = PartitionBuffers()
        var written: [PartEntry] = []
        var done = false
        /// A commit failed in a way that may have put the new manifest in place (any
        /// failure but a refused commit): the written parts may be live.
        var mayBePublished = false
    }

    init(store: Store, identity: String?) {
        self.store = store
        self.identity = identity
    }

    /// Appends a record to the transaction, validating and pricing it.
    package func append(_ record: UsageRecord) throws {
        let r = try store.prepare(record, index: nil)
        try state.withLock { s in
            precondition(!s.done, "append after commit or rollback")
            s.buffers.append(r)
            try writeIfFull(&s)
        }
    }

    /// Appends records (all or none: a bad record appends nothing and is named).
    package func append(contentsOf records: [UsageRecord]) throws {
        try append(contentsOf: records, validated: false)
    }

    /// Appends records that already passed `RecordValidator.validate` (the importer
    /// validates each record itself, to report its line); they are priced if needed but
    /// not checked again.
    package func append(validatedContentsOf records: [UsageRecord]) throws {
        try append(contentsOf: records, validated: true)
    }

    /// Appends a columnar batch whose rows all passed `RecordValidator.validate(_:bad:)`
    /// and are priced (an importer's, which names the bad line itself): nothing is checked
    /// or priced again.
    package func append(validated columns: UsageColumns) throws {
        try state.withLock { s in
            precondition(!s.done, "append after commit or rollback")
            store.stage(validated: columns, into: &s.buffers)
            try writeIfFull(&s)
        }
    }

    private func append(contentsOf records: [UsageRecord], validated: Bool) throws {
        try records.withUnsafeBufferPointer { buffer in
            try state.withLock { s in
                precondition(!s.done, "append after commit or rollback")
                try store.stage(buffer, into: &s.buffers, validated: validated)
                try writeIfFull(&s)
            }
        }
    }

    private func writeIfFull(_ s: inout State) throws {
        guard s.buffers.rowCount >= store.options.maxBufferedRows else { return }
        // Nothing is published before the commit, so rows may wait in memory: the
        // largest projects are written, half the buffer's worth, and the small ones stay
        // to grow into one part per import rather than a part per flush.
        let ready = s.buffers.removeLargestProjects(leaving: store.options.maxBufferedRows / 2)
        // Two threads: an importer's reading thread soon waits for this one (it may
        // queue only two batches ahead).
        s.written += try store.writeParts(PartSpans.combine(ready, limit: store.options.sharedPartRows), threads: 2, sync: false)
    }

    /// Rows appended so far.
    package var rowCount: Int { state.withLock { s in s.buffers.rowCount + s.written.reduce(0) { $0 + $1.rowCount } } }

    /// Publishes every row of the transaction atomically.
    package func commit() throws {
        _ = try publish(identity: identity, unlessCommitted: false)
    }

    /// Publishes every row of the transaction atomically with batch identity `late`,
    /// known only now (an importer fingerprints a file while it parses it), unless a
    /// batch with that identity was committed meanwhile: then the transaction is rolled
    /// back and the result is false.
    package func commit(identity late: String) throws -> Bool {
        precondition(identity == nil, "the transaction already has an identity")
        let published = try publish(identity: late, unlessCommitted: true)
        if !published { rollback() }
        return published
    }

    /// Writes the buffered rows and commits every part with `identity`; with
    /// `unlessCommitted`, returns false (publishing nothing) when that identity already
    /// is in the store, checked before the write and again under the commit lock.
    private func publish(identity: String?, unlessCommitted: Bool) throws -> Bool {
        try state.withLock { s in
            precondition(!s.done, "commit after commit or rollback")
            if unlessCommitted, let identity, store.hasCommittedBatch(identity: identity) { return false }
            // Two threads: the caller waits for this write and has nothing else to do.
            s.written += try store.writeParts(PartSpans.combine(s.buffers.buffers, limit: store.options.sharedPartRows), threads: 2, sync: false)
            s.buffers.removeAll()
            // One syncfs makes every part the transaction wrote durable, and their
            // folder entries, before the manifest that publishes them.
            if !s.written.isEmpty { try store.fs.syncFileSystem(containing: store.path) }
            do {
                guard try store.commit(adding: s.written, removing: [], identity: identity, unlessCommitted: unlessCommitted) else { return false }
            } catch {
                // Only a refused commit certainly published nothing: after any other failure
                // (the folder's fsync after the rename) MANIFEST may name these parts.
                if case StorageError.conflict = error {} else { s.mayBePublished = true }
                throw error
            }
            s.done = true
            leaveRequestGate()
            return true
        }
    }

    /// Discards the transaction's rows and deletes its unpublished part files. After a
    /// commit that failed once the manifest may have been replaced, the files stay: the
    /// manifest on disk may name them (if it does not, orphan collection deletes them).
    package func rollback() {
        state.withLock { s in
            guard !s.done else { return }
            if !s.mayBePublished {
                for e in s.written { try? store.fs.unlink(store.path + "/" + e.relativePath) }
            }
            s.written = []
            s.buffers.removeAll()
            s.done = true
        }
        leaveRequestGate()
    }

    /// A transaction dropped without commit or rollback (a caller's bug) must not keep
    /// every later deduplicating import of the process waiting.
    deinit { leaveRequestGate() }
}
