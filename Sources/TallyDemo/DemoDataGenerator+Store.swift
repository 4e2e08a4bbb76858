import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyIngest

extension DemoDataGenerator {
    /// Generates every remaining record, prices it from `card` and appends it to `store`,
    /// then flushes.
    ///
    /// Generation and pricing run on the calling thread; appending (buffering, encoding,
    /// writing parts) runs on a second thread, so that the two overlap on two cores. At
    /// most a few batches of `batchSize` records are in flight, so memory does not grow
    /// with the number of records.
    ///
    /// - Parameter progress: called on the calling thread with the number of records
    ///   generated so far, after each batch.
    /// - Returns: the number of records appended.
    @discardableResult
    package mutating func append(
        to store: Store, pricedBy card: RateCard, batchSize: Int = 65_536,
        progress: (Int) -> Void = { _ in }
    ) throws -> Int {
        let pipeline = ImportPipeline(batchCapacity: batchSize) { [store] records in
            try store.append(contentsOf: records)
        }
        var card = card  // pricing caches the rate it last used
        var batch = [UsageRecord]()
        batch.reserveCapacity(batchSize)
        var done = 0
        do {
            while nextBatch(into: &batch, maxCount: batchSize) > 0 {
                try card.price(&batch)
                done += batch.count
                try pipeline.submit(&batch)  // hands back an empty array
                progress(done)
            }
            try pipeline.finish()
        } catch {
            pipeline.cancel()
            throw error
        }
        try store.flush()
        return done
    }
}
