import TallySystem
import TallyFormat
extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for bodies with typed throws (the standard library's rethrows
    /// erases the error type).
    func withRawBytes<R>(_ body: (UnsafeRawBufferPointer) throws(ParquetFormatError) -> R) throws(ParquetFormatError) -> R {
        var result: Result<R, ParquetFormatError>?
        withUnsafeBytes { raw in result = Result { () throws(ParquetFormatError) in try body(raw) } }
        return try result!.get()
    }
}
