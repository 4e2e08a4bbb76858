/// What an `Exporter` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// CSV with a header row (`CSVRecordWriter`), to a file or standard output.
    case csv
    /// JSON Lines (`JSONLRecordWriter`), to a file or standard output.
    case jsonl
    /// A Hive-partitioned tree of Parquet files (`HivePartitionedExport`), to a directory.
    case parquet
}
