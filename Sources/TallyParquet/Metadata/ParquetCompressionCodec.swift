import TallySystem
import TallyFormat
/// Page compression, `CompressionCodec` in parquet.thrift.
package struct ParquetCompressionCodec: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The thrift enum value.
    package var rawValue: Int32
    /// Creates a codec from its thrift value.
    package init(rawValue: Int32) { self.rawValue = rawValue }

    /// Pages stored as encoded.
    package static let uncompressed = ParquetCompressionCodec(rawValue: 0)
    /// Snappy raw format (pyarrow's default).
    package static let snappy = ParquetCompressionCodec(rawValue: 1)
    /// GZIP (not supported by Tally).
    package static let gzip = ParquetCompressionCodec(rawValue: 2)
    /// Zstandard frames (what Tally writes).
    package static let zstd = ParquetCompressionCodec(rawValue: 6)

    package var description: String {
        ["UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"].indices.contains(Int(rawValue))
            ? ["UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"][Int(rawValue)] : "codec \(rawValue)"
    }
}
