import TallyStore
import TallyParquet

/// Parquet exports: a Hive-partitioned tree (`HivePartitionedExport`).
extension Exporter {
    /// Writes the selected records of `parts` as a tree under `root`. Parts come in
    /// (project, month) order, so each partition's files are closed as soon as its project
    /// and month are done. On any failure the files and folders written so far are removed.
    func exportParquet(_ parts: [PartHandle], to root: String, options: Options, summary: inout ExportSummary,
                       progress: ((Int64, Int) -> Void)?) throws {
        let export: HivePartitionedExport
        do {
            export = try HivePartitionedExport(root: root, granularity: options.partitionBy, fileSystem: fs)
        } catch {
            throw ExportError.parquet(path: root, error)
        }
        do {
            var current: (project: String, month: Int32)? = nil
            for part in parts {
                if let c = current, c != (part.entry.projectId, part.entry.monthKey) { try export.closePartitions() }
                current = (part.entry.projectId, part.entry.monthKey)
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
