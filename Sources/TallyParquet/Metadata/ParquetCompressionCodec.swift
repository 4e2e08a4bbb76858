import TallySystem
import TallyFormat
/// Page compression, `CompressionCodec` in parquet.thrift.
public struct ParquetCompressionCodec: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The thrift enum value.
    public var rawValue: Int32
    /// Creates a codec from its thrift value.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Pages stored as encoded.
    public static let uncompressed = ParquetCompressionCodec(rawValue: 0)
    /// Snappy raw format (pyarrow's default).
    public static let snappy = ParquetCompressionCodec(rawValue: 1)
    /// GZIP (not supported by Tally).
    public static let gzip = ParquetCompressionCodec(rawValue: 2)
    /// Zstandard frames (what Tally writes).
    public static let zstd = ParquetCompressionCodec(rawValue: 6)

    public var description: String {
        ["UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"].indices.contains(Int(rawValue))
            ? ["UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"][Int(rawValue)] : "codec \(rawValue)"
    }
}
