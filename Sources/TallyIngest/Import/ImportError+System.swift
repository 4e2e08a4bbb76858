#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TallySystem

extension ImportError {
    /// The import error for a failed call of the file system seam on the input `name`:
    /// the file could not be opened or read, with the call's errno.
    static func cannotRead(_ error: StorageError, name: String) -> ImportError {
        .cannotOpen(path: name, errno: error.errno ?? EIO)
    }
}
