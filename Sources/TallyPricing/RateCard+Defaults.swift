import TallySystem
import TallyFormat
extension RateCard {
    /// Replaces every row with the reference rows (``referenceRows``), as a new store starts.
    ///
    /// This discards customised rows; to bring an existing card up to date while keeping
    /// them, use ``syncMissing(from:)``.
    public mutating func seedDefaults() {
        rows = Self.referenceRows
    }

    /// Brings the card's default rows up to date without touching the user's own.
    ///
    /// For each default row of `defaults`, matched by ``RateRow/identity``:
    /// - missing from the card: added (so a deleted default comes back; deactivate a row,
    ///   `isActive = false`, to stop it applying);
    /// - present with an older default version: replaced by the newer default;
    /// - present and ``RateOrigin/custom``: kept exactly as it is;
    /// - present at the same or a newer default version: unchanged.
    /// Rows of `defaults` that are not defaults are ignored.
    @discardableResult
    public mutating func syncMissing(from defaults: [RateRow] = RateCard.referenceRows) -> SyncReport {
        var report = SyncReport()
        var updated = rows
        var position: [RateRow.Identity: Int] = [:]
        for (i, row) in updated.enumerated() where position[row.identity] == nil {
            position[row.identity] = i
        }
        for candidate in defaults {
            guard case .default(let newVersion) = candidate.origin else { continue }
            guard let i = position[candidate.identity] else {
                position[candidate.identity] = updated.count
                updated.append(candidate)
                report.added += 1
                continue
            }
            switch updated[i].origin {
            case .custom:
                report.keptCustomised += 1
            case .default(let version) where version < newVersion:
                updated[i] = candidate
                report.refreshed += 1
            case .default:
                report.unchanged += 1
            }
        }
        // One assignment, so the index is rebuilt once.
        rows = updated
        return report
    }
}
