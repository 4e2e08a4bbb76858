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
