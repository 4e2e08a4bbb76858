extension Database {
    /// Stores a batch of records at once and durably, all or nothing, leaving out what is
    /// already stored: the way a service takes records a client may send again (a retry
    /// after a timeout).
    ///
    /// - A record with a `requestId` whose (project, capture source, request id, unit) is
    ///   already stored on its day is left out (see `IngestResult.rowsAlreadyStored`);
    ///   records without one are always stored.
    /// - With an `idempotencyKey`, a batch whose key was committed before stores nothing
    ///   (`IngestResult.duplicateBatch`). The key is checked again under the commit lock,
    ///   so two copies of a batch in flight at once store it once. Keys are kept in the
    ///   manifest, like the identities of imported files; make them unique per client
    ///   (the server prefixes the project).
    ///
    /// Unlike `append`, the batch is committed before this returns (no `flush()` needed).
    /// Rows appended with `append` and not yet flushed are not looked at.
    ///
    /// - Throws: `StorageError.invalidRecord` naming the record, field and value that
    ///   break the schema; nothing is stored then.
    public func ingest(_ records: [UsageRecord], idempotencyKey: String? = nil) throws -> IngestResult {
        try rates?.refreshBeforeAppend()
        var result = IngestResult()
        let identity = idempotencyKey.map { "idempotency-key:" + $0 }
        if let identity, store.hasCommittedBatch(identity: identity) {
            result.duplicateBatch = true
            return result
        }
        // Without an identity yet: `commit(identity:)` checks it under the commit lock,
        // where a concurrent copy of the batch may have committed it meanwhile.
        guard let tx = try store.beginTransaction() else { return result }
        do {
            // Checked before any is left out, so that an error's index is the record's
            // place in the batch the caller sent.
            for i in records.indices { try RecordValidator.validate(records[i], index: i) }
            var rows = records
            let tally = try tx.admitRequests(&rows)
            try tx.append(validatedContentsOf: rows)
            if let identity {
                guard try tx.commit(identity: identity) else {
                    result.duplicateBatch = true
                    return result
                }
            } else {
                try tx.commit()
            }
            result.rowsStored = rows.count
            result.rowsAlreadyStored = tally.skipped
            result.rowsToppedUp = tally.toppedUp
            return result
        } catch {
            tx.rollback()
            throw error
        }
    }
}
