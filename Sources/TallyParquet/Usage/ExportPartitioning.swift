/// How a Parquet export splits records into directories (Hive layout).
public enum ExportPartitioning: String, Sendable, CaseIterable {
    /// One directory per UTC day (`date=YYYY-MM-DD`).
    case day
    /// One directory per UTC month (`month=YYYY-MM`).
    case month
}
