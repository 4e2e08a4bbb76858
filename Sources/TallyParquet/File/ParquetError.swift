#if canImport(Glibc)
import Glibc
#endif
import TallySystem
import TallyFormat

/// Why reading or writing a Parquet file failed: which file, where in it, what is wrong
/// and, where it helps, what to do.
public enum ParquetError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file could not be opened, read, written or renamed.
    case io(path: String, operation: String, errno: Int32)
    /// The file is not Parquet (too short, or no `PAR1` magic).
    case notParquet(path: String, reason: String)
    /// The bytes break the format; `location` names the footer, row group, column, page.
    /// Both are empty when a decoder found it (see `decoding(_:unsupported:)`).
    case malformed(path: String, location: String, reason: String)
    /// The file uses a feature Tally does not read (a codec, an encoding, nesting).
    /// Both are empty when a decoder found it (see `decoding(_:unsupported:)`).
    case unsupported(path: String, location: String, reason: String)
    /// The file's schema does not fit the usage record (a missing or mistyped column).
    case schema(path: String, column: String, reason: String)
    /// A value cannot become a usage record field: 1-based `row` of the file.
    case badValue(path: String, row: Int, column: String, value: String, reason: String)
    /// A record cannot be written with this schema (e.g. a cost outside DECIMAL(18,9)).
    case unwritable(path: String, column: String, value: String, reason: String)

    public var description: String {
        switch self {
        case let .io(path, operation, e):
            return "\(path): cannot \(operation): \(String(cString: strerror(e)))"
        case let .notParquet(path, reason):
            return "\(path): not a Parquet file (\(reason))"
        case let .malformed(path, location, reason):
            return Self.place(path, location) + "malformed Parquet: \(reason)"
        case let .unsupported(path, location, reason):
            return Self.place(path, location) + reason
        case let .schema(path, column, reason):
            return "\(path): column '\(column)': \(reason)"
        case let .badValue(path, row, column, value, reason):
            return "\(path): row \(row): column '\(column)': value '\(value)': \(reason)"
        case let .unwritable(path, column, value, reason):
            return "\(path): column '\(column)': value '\(value)': \(reason)"
        }
    }

    /// `path: location: `, leaving out what a decoder could not know.
    private static func place(_ path: String, _ location: String) -> String {
        [path, location].filter { !$0.isEmpty }.map { $0 + ": " }.joined()
    }
}
