#if canImport(Glibc)
import Glibc
#endif
import TallySystem
import TallyFormat

/// Retention: rows older than a number of days removed for good.
///
/// The cutoff is in UTC days. A row dated day `d` is `today - d` days old; "older than N
/// days" means `today - d > N`, so the first day kept is `today - N` and rows dated
/// before it are removed. With N = 0 only today (and any later day) is kept; rows dated
/// after `today` are never removed.
extension Store {
    /// The store property (in the manifest) holding the retention policy in days.
    package static let retentionPolicyProperty = "retention.days"
    /// The largest number of days a policy may keep (about 2,700 years).
    package static let maxRetentionDays = 1_000_000

    /// The current UTC day number.
    package static var currentUTCDay: Int32 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return CivilDate.dayNumber(forMilliseconds: Int64(now.tv_sec) * 1000)
    }

    /// The first day kept when keeping `days` days before `today`: `today - days`.
    package static func retentionCutoff(keepingDays days: Int, today: Int32) -> Int32 {
        today - Int32(days)
    }

    /// The stored retention policy in days, or nil if none is set.
    package var retentionPolicy: Int? {
        snapshot().manifest.properties[Store.retentionPolicyProperty].flatMap { Int($0) }
    }

    /// Stores (or, with nil, clears) the retention policy. It is applied by
    /// ``applyRetentionPolicy(today:dryRun:)`` (which `tally compact` calls), never in
    /// the background.
    package func setRetentionPolicy(keepingDays days: Int?) throws {
        if let days { try Store.checkRetentionDays(days) }
        try setProperty(Store.retentionPolicyProperty, days.map(String.init))
    }

    /// Applies the stored policy; nil if none is set.
    @discardableResult
    package func applyRetentionPolicy(today: Int32? = nil, dryRun: Bool = false) throws -> RetentionReport? {
        guard let days = retentionPolicy else { return nil }
        return try applyRetention(keepingDays: days, today: today, dryRun: dryRun)
    }

    /// Removes every row dated before `today - days` (UTC days; `today` defaults to the
    /// current UTC date). Parts whose last day is before the cutoff are dropped unread;
    /// parts straddling it are replaced by a copy holding only the days kept; everything
    /// is published in one manifest commit. As for ``deleteRecords(userId:project:dryRun:)``,
    /// buffered rows are flushed first, replaced files are deleted from disk once no
    /// snapshot reads them, and `dryRun` only counts.
    ///
    /// - Throws: `StorageError.invalidArgument` if `days` is negative or above
    ///   ``maxRetentionDays``; otherwise as ``deleteRecords(userId:project:dryRun:)``.
    @discardableResult
    package func applyRetention(keepingDays days: Int, today: Int32? = nil, dryRun: Bool = false) throws -> RetentionReport {
        try Store.checkRetentionDays(days)
        let cutoff = Store.retentionCutoff(keepingDays: days, today: today ?? Store.currentUTCDay)
        var report = RetentionReport(cutoffDay: cutoff, dryRun: dryRun)
        let pass = { () throws -> RowRemoval in
            try self.retryingConflicts {
                let parts = self.snapshot().parts.filter { $0.entry.minDay < cutoff }
                return try self.removeRows(
                    dropping: parts.filter { $0.entry.maxDay < cutoff },
                    filtering: parts.filter { $0.entry.maxDay >= cutoff }, dryRun: dryRun
                ) { $0.day >= cutoff }
            }
        }
        let removal: RowRemoval
        (report.orphanFilesRemoved, removal) = try runRemoval(dryRun: dryRun, pass)
        report.rowsRemoved = removal.rowsRemoved
        report.partsRewritten = removal.partsRewritten
        report.partsDropped = removal.partsDropped
        report.projects = removal.projects.sorted()
        report.filesAwaitingRelease = settleReplacedFiles(removal.replacedFiles)
        report.quarantinedFiles = quarantinedFiles()
        return report
    }

    static func checkRetentionDays(_ days: Int) throws {
        guard days >= 0, days <= maxRetentionDays else {
            throw StorageError.invalidArgument(
                name: "retention days", value: String(days),
                reason: "must be 0...\(maxRetentionDays) (0 keeps only today); nothing was removed")
        }
    }
}
