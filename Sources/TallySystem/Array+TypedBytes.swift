/// The standard library's byte accessors rethrow `any Error`; these keep a typed error
/// (a `throws(StorageError)` read into an array stays a `StorageError`).
extension Array where Element == UInt8 {
    /// `withUnsafeBytes`, with the body's error type.
    package func withBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try withUnsafeBytes { b in Result { () throws(E) in try body(b) } }.get()
    }

    /// `withUnsafeMutableBytes`, with the body's error type.
    package mutating func withMutableBytes<R, E: Error>(_ body: (UnsafeMutableRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try withUnsafeMutableBytes { b in Result { () throws(E) in try body(b) } }.get()
    }
}
