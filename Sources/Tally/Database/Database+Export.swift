extension Database {
    /// Exports records: to a file as CSV or JSON Lines (`-` for standard output), or to an
    /// absent or empty directory as a Hive tree of Parquet files. Nothing is left under the
    /// output's name if it fails.
    ///
    /// - Parameters:
    ///   - path: the file or directory.
    ///   - options: the format and which records (project, days, user).
    ///   - progress: called with bytes and rows written after each part of the store.
    /// - Throws: `ExportError` saying what failed and where.
    @discardableResult
    public func exportFile(
        _ path: String, options: ExportOptions = ExportOptions(), progress: ((Int64, Int) -> Void)? = nil
    ) throws -> ExportSummary {
        try Exporter(store: store).exportFile(path, options: options, progress: progress)
    }
}
