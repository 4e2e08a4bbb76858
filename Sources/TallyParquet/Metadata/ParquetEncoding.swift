import TallySystem
import TallyFormat
/// A value encoding, `Encoding` in parquet.thrift. A struct rather than an enum, so that
/// encodings added after this reader was written still decode (and are reported by
/// number when a page uses one).
package struct ParquetEncoding: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The thrift enum value.
    package var rawValue: Int32
    /// Creates an encoding from its thrift value.
    package init(rawValue: Int32) { self.rawValue = rawValue }

    /// Values back to back (strings with a 4-byte length).
    package static let plain = ParquetEncoding(rawValue: 0)
    /// Deprecated spelling of dictionary encoding (Parquet 1.0).
    package static let plainDictionary = ParquetEncoding(rawValue: 2)
    /// RLE / bit-packing hybrid (levels, booleans).
    package static let rle = ParquetEncoding(rawValue: 3)
    /// Deprecated bit-packed levels.
    package static let bitPacked = ParquetEncoding(rawValue: 4)
    /// Delta-encoded integers.
    package static let deltaBinaryPacked = ParquetEncoding(rawValue: 5)
    /// Byte-array lengths delta-encoded, then the bytes.
    package static let deltaLengthByteArray = ParquetEncoding(rawValue: 6)
    /// Byte arrays as shared prefix lengths and suffixes.
    package static let deltaByteArray = ParquetEncoding(rawValue: 7)
    /// Fixed-width values split into one stream per byte.
    package static let byteStreamSplit = ParquetEncoding(rawValue: 9)
    /// Dictionary indices, RLE / bit-packing hybrid.
    package static let rleDictionary = ParquetEncoding(rawValue: 8)

    package var description: String {
        switch rawValue {
        case 0: return "PLAIN"
        case 2: return "PLAIN_DICTIONARY"
        case 3: return "RLE"
        case 4: return "BIT_PACKED"
        case 5: return "DELTA_BINARY_PACKED"
        case 6: return "DELTA_LENGTH_BYTE_ARRAY"
        case 7: return "DELTA_BYTE_ARRAY"
        case 8: return "RLE_DICTIONARY"
        case 9: return "BYTE_STREAM_SPLIT"
        default: return "encoding \(rawValue)"
        }
    }
}
