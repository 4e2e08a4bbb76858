import TallyParquet

/// What to export and how: the format, which records (project, days, user), and for
/// Parquet how the files are split into directories.
public struct ExportOptions: Sendable {
    /// The format.
    public var format: ExportFormat = .csv
    /// Only this project's records (nil: every project).
    public var project: String? = nil
    /// Only records of these UTC days (`CivilDate` day numbers, inclusive; nil: all).
    public var days: ClosedRange<Int32>? = nil
    /// Only this user's records, across projects (a data-export request).
    public var userId: String? = nil
    /// Parquet: one directory per day or per month (fewer, larger files).
    public var partitionBy: ExportPartitioning = .month

    /// Default options: every record, as CSV.
    public init() {}
}
