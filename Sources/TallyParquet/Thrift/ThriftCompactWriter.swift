import TallySystem
import TallyFormat
/// Encodes Thrift structs with the compact protocol, the encoding of every Parquet
/// header and of the file footer.
///
/// A field header is one byte `delta << 4 | type` when the field id is 1...15 above the
/// previous field of the same struct, otherwise the type byte and the id as a zigzag
/// varint. Integers are zigzag varints, binaries a varint length and the bytes, a
/// boolean field carries its value in the type nibble. Structs nest: each remembers the
/// last field id of its own, so `beginStruct`/`endStruct` keep a stack.
package struct ThriftCompactWriter: Sendable {
    /// The encoded bytes so far.
    package private(set) var bytes: [UInt8] = []
    private var lastFieldIds: [Int16] = []
    private var lastFieldId: Int16 = 0

    /// An empty writer, positioned at the top level (call `beginStruct` for the root).
    package init() {}

    /// Starts a struct: the root one, or the value of a field whose header was written.
    package mutating func beginStruct() {
        lastFieldIds.append(lastFieldId)
        lastFieldId = 0
    }

    /// Ends the current struct with a stop byte.
    package mutating func endStruct() {
        bytes.append(ThriftCompactType.stop.rawValue)
        lastFieldId = lastFieldIds.removeLast()
    }

    /// Writes a field header.
    package mutating func fieldHeader(_ id: Int16, _ type: ThriftCompactType) {
        let delta = Int(id) - Int(lastFieldId)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeVarint(zigzag(Int64(id)))
        }
        lastFieldId = id
    }

    /// Writes a list header: element count and element type.
    package mutating func listHeader(count: Int, _ elementType: ThriftCompactType) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    /// An i32 field.
    package mutating func field(_ id: Int16, i32 value: Int32) {
        fieldHeader(id, .i32)
        writeVarint(zigzag(Int64(value)))
    }

    /// An i64 field.
    package mutating func field(_ id: Int16, i64 value: Int64) {
        fieldHeader(id, .i64)
        writeVarint(zigzag(value))
    }

    /// A byte (i8) field.
    package mutating func field(_ id: Int16, byte value: Int8) {
        fieldHeader(id, .byte)
        bytes.append(UInt8(bitPattern: value))
    }

    /// A boolean field: the value travels in the type nibble.
    package mutating func field(_ id: Int16, bool value: Bool) {
        fieldHeader(id, value ? .booleanTrue : .booleanFalse)
    }

    /// A binary field.
    package mutating func field(_ id: Int16, binary value: [UInt8]) {
        fieldHeader(id, .binary)
        writeBinary(value)
    }

    /// A string field (UTF-8 binary).
    package mutating func field(_ id: Int16, string value: String) {
        field(id, binary: Array(value.utf8))
    }

    /// A field holding an empty struct (Parquet's marker structs such as `StringType`).
    package mutating func emptyStructField(_ id: Int16) {
        fieldHeader(id, .structure)
        beginStruct()
        endStruct()
    }

    /// A list element or bare value: an i32.
    package mutating func writeI32(_ value: Int32) { writeVarint(zigzag(Int64(value))) }

    /// A list element or bare value: an i64.
    package mutating func writeI64(_ value: Int64) { writeVarint(zigzag(value)) }

    /// A list element or bare value: a binary.
    package mutating func writeBinary(_ value: [UInt8]) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// Unsigned LEB128.
    package mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    private func zigzag(_ v: Int64) -> UInt64 {
        UInt64(bitPattern: (v << 1) ^ (v >> 63))
    }
}
