import TallySystem
import TallyFormat
extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for bodies with typed throws (the standard library's rethrows
    /// erases the error type).
    func withRawBytes<R>(_ body: (UnsafeRawBufferPointer) throws(ParquetError) -> R) throws(ParquetError) -> R {
        var result: Result<R, ParquetError>?
        withUnsafeBytes { raw in result = Result { () throws(ParquetError) in try body(raw) } }
        return try result!.get()
    }
}
