#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TallySystem

extension ParquetError {
    /// The Parquet error for a failed call of the file system seam on `path`, saying what
    /// Tally was doing (`operation`): the call's errno, or for a read that found the file
    /// shorter than its footer says, a malformed (truncated) file.
    static func system(_ error: StorageError, path: String, operation: String) -> ParquetError {
        switch error {
        case let .io(_, _, e):
            return .io(path: path, operation: operation, errno: e)
        case .corrupt:
            return .malformed(path: path, location: operation, reason: "the file ended early (truncated while reading?)")
        default:
            return .io(path: path, operation: "\(operation) (\(error))", errno: EIO)
        }
    }
}
