import TallySystem
import TallyFormat
/// Parquet's physical (storage) types, `Type` in parquet.thrift.
package enum ParquetPhysicalType: Int32, Sendable, Hashable {
    /// One bit per value.
    case boolean = 0
    /// 4-byte little-endian signed integer.
    case int32 = 1
    /// 8-byte little-endian signed integer.
    case int64 = 2
    /// 12-byte legacy timestamps (deprecated).
    case int96 = 3
    /// IEEE single.
    case float = 4
    /// IEEE double.
    case double = 5
    /// Length-prefixed bytes.
    case byteArray = 6
    /// Bytes of the length the schema element gives.
    case fixedLenByteArray = 7
}
