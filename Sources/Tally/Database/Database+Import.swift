extension Database {
    /// Imports a file of usage records (CSV, JSONL, an agent's stream or Parquet, told
    /// apart by its content unless `options.format` says), all or nothing, pricing rows
    /// without a cost from the rate card. A file imported before is skipped.
    ///
    /// - Parameters:
    ///   - path: the file, or `-` for standard input.
    ///   - options: the format (detected by default), stream attribution, bad-line policy.
    ///   - progress: called with bytes and rows done after each batch.
    /// - Throws: `ImportError` naming the file, line, field and value of bad input;
    ///   nothing of the file is stored then.
    public func importFile(
        _ path: String, options: ImportOptions = ImportOptions(), progress: ((Int64, Int) -> Void)? = nil
    ) throws -> ImportSummary {
        try rates?.refreshBeforeAppend()
        return try Importer(store: store).importFile(path, options: options, progress: progress)
    }
}
