import TallySystem
import TallyFormat
/// The type nibble of Thrift's compact protocol, as it appears in field headers and
/// collection headers.
///
/// | value | type | value | type |
/// |---|---|---|---|
/// | 0 | stop (end of struct) | 7 | double (8 bytes LE) |
/// | 1 | bool true (field) | 8 | binary (varint length + bytes) |
/// | 2 | bool false (field) | 9 | list |
/// | 3 | byte | 10 | set |
/// | 4 | i16 (zigzag varint) | 11 | map |
/// | 5 | i32 (zigzag varint) | 12 | struct |
/// | 6 | i64 (zigzag varint) | | |
package enum ThriftCompactType: UInt8, Sendable {
    /// Ends a struct.
    case stop = 0
    /// A boolean field whose value is true (in a collection: a boolean element).
    case booleanTrue = 1
    /// A boolean field whose value is false.
    case booleanFalse = 2
    /// A signed byte.
    case byte = 3
    /// A 16-bit integer.
    case i16 = 4
    /// A 32-bit integer.
    case i32 = 5
    /// A 64-bit integer.
    case i64 = 6
    /// An IEEE double.
    case double = 7
    /// Bytes or a UTF-8 string.
    case binary = 8
    /// A list.
    case list = 9
    /// A set.
    case set = 10
    /// A map.
    case map = 11
    /// A nested struct (or union).
    case structure = 12
}
