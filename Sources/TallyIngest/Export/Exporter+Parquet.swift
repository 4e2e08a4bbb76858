import TallyFormat
import TallyStore
import TallyParquet

/// Parquet exports: a Hive-partitioned tree (`HivePartitionedExport`).
extension Exporter {
    /// Writes the selected records of `parts` as a tree under `root`. Parts come in
    /// (project, first month) order, so each partition's files are closed as soon as its
    /// project and months are done. On any failure the files and folders written so far are removed.
    func exportParquet(_ parts: [PartHandle], to root: String, options: Options, summary: inout ExportSummary,
                       progress: ((Int64, Int) -> Void)?) throws {
        let export: HivePartitionedExport
        do {
            export = try HivePartitionedExport(root: root, granularity: options.partitionBy, fileSystem: fs)
        } catch {
            throw ExportError.parquet(path: root, error)
        }
        do {
            // The open files are closed once no later part can write to them: at a new
            // project, or at a part that starts after the last month written so far (a
            // part may span several months of a small project, see `PartSpans`).
            var current: (project: String, lastMonth: Int32)? = nil
            for part in parts {
                let lastMonth = CivilDate.monthKey(forDayNumber: part.entry.maxDay)
                if let c = current, c.project != part.entry.projectId || part.entry.monthKey > c.lastMonth {
                    try export.closePartitions()
                    current = nil
                }
                current = (part.entry.projectId, Swift.max(current?.lastMonth ?? lastMonth, lastMonth))
                try forEachRecord(in: part, options) { try export.write($0) }
                progress?(export.bytesWritten, export.rowCount)
            }
            summary.files = try export.close()
        } catch {
            export.abandon()
            if let error = error as? ParquetError { throw ExportError.parquet(path: root, error) }
            throw error
        }
        summary.rows = export.rowCount
        summary.bytes = export.bytesWritten
    }
}
