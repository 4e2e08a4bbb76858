import TallySystem
import TallyFormat
/// A structural problem found while decoding Parquet bytes, before it is known which
/// file, row group or column they belong to; `ParquetFileReader` wraps it into a
/// `ParquetError` that says where.
public struct ParquetFormatError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What is wrong.
    public var reason: String
    /// True when the bytes may be fine but use a feature Tally does not read.
    public var isUnsupported: Bool

    /// Creates an error with a reason.
    public init(_ reason: String, unsupported: Bool = false) {
        self.reason = reason
        self.isUnsupported = unsupported
    }

    public var description: String { reason }
}
