/// What an export wrote.
public struct ExportSummary: Sendable {
    /// The output as named to the exporter (`-` for standard output).
    public var path: String
    /// The format written.
    public var format: ExportFormat
    /// Records written.
    public var rows = 0
    /// Bytes written (for Parquet, the sizes of the files).
    public var bytes: Int64 = 0
    /// For Parquet, the files written, relative to `path`, in the order they were closed.
    public var files: [String] = []
    /// Wall-clock seconds.
    public var seconds: Double = 0

    /// An empty summary of an export to `path`.
    public init(path: String, format: ExportFormat) {
        self.path = path
        self.format = format
    }
}
