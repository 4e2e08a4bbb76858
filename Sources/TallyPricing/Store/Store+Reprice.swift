import TallySystem
import TallyFormat
import TallyStore
/// Applying a changed rate card to history.
extension Store {
    /// Re-prices the stored rows of `project` (nil = every project) whose UTC day lies in
    /// `days`, from `card` (nil = the store's own card), replacing the affected parts in
    /// one atomic commit: readers see all old costs or all new ones.
    ///
    /// Rows whose cost came with the input (`CostSource.given`) are never touched; rows
    /// priced before or left unpriced get the cost the card gives now (`.rateCard`, or
    /// `.unpriced` with cost 0 if it has no rate for them).
    ///
    /// - Throws: `RateCardError` if a row cannot be priced, `StorageError.conflict`
    ///   if a compaction replaced a part meanwhile (run it again), `StorageError`; the store
    ///   is unchanged when it throws.
    @discardableResult
    package func reprice(days: ClosedRange<Int32>, project: String? = nil, card: RateCard? = nil) throws -> RepriceReport {
        var card = try card ?? rateCard()
        var report = RepriceReport()
        let parts = snapshot().parts(project: project, days: days)
        let result = try rewriteParts(parts) { record in
            guard days.contains(record.day) else { return false }
            if record.costSource == .given {
                report.givenRowsKept += 1
                return false
            }
            report.rowsRepriced += 1
            let oldCost = record.costNanos ?? 0, oldSource = record.costSource
            record.costNanos = nil
            record.costSource = .unpriced
            try card.price(&record)
            guard record.costNanos != oldCost || record.costSource != oldSource else { return false }
            // Widened before subtracting: new minus old of two Int64 costs needs 65 bits.
            report.costDeltaNanos += Int128(record.costNanos ?? 0) - Int128(oldCost)
            return true
        }
        report.rowsChanged = result.rowsChanged
        report.partsRewritten = result.partsReplaced
        return report
    }
}
