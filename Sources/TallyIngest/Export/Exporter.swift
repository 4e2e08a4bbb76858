import TallySystem
import TallyFormat
import TallyStore
import TallyParquet

/// Exports a store's records (all of them, or a project's, a date range's, a user's) as
/// CSV, JSONL or a Hive-partitioned tree of Parquet files: the counterpart of `Importer`.
///
/// Every file is written through the `FileSystem` seam under a temporary name and renamed
/// into place when complete, so a failed export leaves nothing under the output's name,
/// and a Parquet tree it had begun is removed (`ExportError`). Records come out part by
/// part, in (project, month, part) order.
package struct Exporter: Sendable {
    /// What to export and how.
    package typealias Options = ExportOptions

    /// The store exported from.
    package let store: Store
    /// The seam the output is written through.
    let fs: FileSystem

    /// Creates an exporter for a store (a read-only one will do). The output is written
    /// through `fileSystem`, by default the store's (so that faults injected into the
    /// store reach its exports too).
    package init(store: Store, fileSystem: FileSystem? = nil) {
        self.store = store
        self.fs = fileSystem ?? store.options.fileSystem
    }

    /// Exports to `path`: a file for CSV and JSONL (`-` for standard output), a directory
    /// that is absent or empty for Parquet. `progress` is called with bytes and rows
    /// written after each part of the store.
    package func exportFile(
        _ path: String, options: Options = Options(), progress: ((Int64, Int) -> Void)? = nil
    ) throws -> ExportSummary {
        let clock = ContinuousClock()
        let start = clock.now
        var summary = ExportSummary(path: path, format: options.format)
        let parts = try selectedParts(options)
        if options.format == .parquet {
            guard path != "-" else { throw ExportError.needsDirectory(format: options.format) }
            try exportParquet(parts, to: path, options: options, summary: &summary, progress: progress)
        } else {
            try exportRecords(parts, to: path, options: options, summary: &summary, progress: progress)
        }
        summary.seconds = (clock.now - start).seconds
        return summary
    }

    /// The parts that may hold the selected records, in (project, month, part id) order.
    /// For a user, only parts whose user dictionary names them (no rows are read).
    func selectedParts(_ options: Options) throws -> [PartHandle] {
        try store.snapshot().parts(project: options.project, days: options.days)
            .sorted { ($0.entry.projectId, $0.entry.monthKey, $0.entry.id) < ($1.entry.projectId, $1.entry.monthKey, $1.entry.id) }
            .filter { part in try options.userId.map { try part.mayHoldRows(ofUser: $0) } ?? true }
    }

    /// Calls `body` with each selected record of `part`, in the part's order.
    func forEachRecord(in part: PartHandle, _ options: Options, _ body: (UsageRecord) throws -> Void) throws {
        try part.reader().readAllRecords { r in
            if let days = options.days, !days.contains(r.day) { return }
            if let user = options.userId, r.userId != user { return }
            try body(r)
        }
    }
}
