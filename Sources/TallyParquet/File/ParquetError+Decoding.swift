/// The errors of the decoders below the file reader (Thrift, pages, RLE, Snappy, PLAIN):
/// they see bytes, not files, so they leave the path and place empty, and
/// `ParquetFileReader` throws a copy that names the file and the footer, row group or
/// column (from `reason` and `isUnsupported`). One error type from the bytes up.
extension ParquetError {
    /// A decoder's finding: `.malformed`, or `.unsupported` when the bytes may be fine but
    /// use a feature Tally does not read; the file and place are filled in by the reader.
    package static func decoding(_ reason: String, unsupported: Bool = false) -> ParquetError {
        unsupported
            ? .unsupported(path: "", location: "", reason: reason)
            : .malformed(path: "", location: "", reason: reason)
    }

    /// What is wrong without the file and place, for a caller that knows more of the
    /// place to prefix (a decoder's errors); any other error's whole message.
    package var reason: String {
        switch self {
        case let .malformed(_, _, reason), let .unsupported(_, _, reason): return reason
        default: return description
        }
    }

    /// Whether the bytes may be fine but use a feature Tally does not read.
    package var isUnsupported: Bool {
        if case .unsupported = self { return true }
        return false
    }
}
