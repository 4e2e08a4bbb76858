#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TallyParquet

/// Why an export failed. Nothing of it is left under the output's name: a file is
/// written under a temporary name and renamed only when complete, and a Parquet tree the
/// export had begun is removed. (Bytes already sent to standard output cannot be taken back.)
public enum ExportError: Error, Sendable, CustomStringConvertible {
    /// Writing the output at `path` failed: `operation` on `file` (the output or its
    /// temporary file) failed with `errno`.
    case cannotWrite(path: String, file: String, operation: String, errno: Int32)
    /// Writing the Parquet tree at `path` failed; the Parquet error names the file, or the
    /// record a Parquet file cannot hold.
    case parquet(path: String, ParquetError)
    /// A format that writes a directory tree was asked to write to standard output.
    case needsDirectory(format: ExportFormat)

    /// The name an export to standard output goes by in errors.
    public static let standardOutputName = "<stdout>"

    public var description: String {
        switch self {
        case let .cannotWrite(path, file, operation, e):
            var hint = ""
            if e == ENOSPC { hint = "; free disk space and retry" }
            if e == EACCES || e == EPERM { hint = "; check the permissions of the folder" }
            let what = "\(operation) \(file): \(String(cString: strerror(e))) (errno \(e))\(hint)"
            if path == ExportError.standardOutputName { return "cannot export to standard output: \(what)" }
            return "cannot export to \(path): \(what); nothing was left under \(path)"
        case let .parquet(_, error):
            return "\(error); nothing of this export was kept"
        case let .needsDirectory(format):
            return "a \(format.rawValue) export writes a directory tree: name a directory (--out DIR), not standard output"
        }
    }
}
