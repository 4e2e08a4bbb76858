#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension StorageError {
    /// The error number of a failed system call (`io`); nil for the other cases. Callers
    /// that report I/O in their own error types (imports, exports, Parquet) take it here.
    public var errno: Int32? {
        if case let .io(_, _, e) = self { return e }
        return nil
    }

    /// The path a failed system call was made on (`io`); nil for the other cases.
    public var failedPath: String? {
        if case let .io(_, path, _) = self { return path }
        return nil
    }
}

extension StorageError {
    /// Whether a system call failed in a way that says nothing of the file's bytes (EIO,
    /// a full disk, a permission, too many open files), as opposed to a file that is
    /// damaged (`corrupt`) or gone (ENOENT). A repair stops on such a failure instead of
    /// quarantining a sound file.
    package var isAccessFailure: Bool {
        guard let e = errno else { return false }
        return e != ENOENT
    }
}
