/// What to import and how: the format (detected by default), stream attribution, what
/// to do with bad lines, and the batch identity that makes a repeated import a no-op.
public struct ImportOptions: Sendable {
    /// The format; `.auto` detects it.
    public var format: ImportFormat = .auto
    /// Import the good lines and report the bad ones, instead of failing the file.
    public var skipBadLines = false
    /// Attribution for runtime streams (project, run, step, ...).
    public var attribution: StreamAttribution? = nil
    /// The batch identity; nil = the file's content fingerprint.
    public var identity: String? = nil
    /// Import even if the same identity was imported before.
    public var allowDuplicate = false
    /// Records per batch handed to the store.
    public var batchSize = 16_384

    /// Default options.
    public init() {}
}
