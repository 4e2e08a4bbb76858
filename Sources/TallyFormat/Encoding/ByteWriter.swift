import TallySystem
/// An append-only little-endian byte buffer with LEB128 varints, used to build
/// encoded chunks, footers and manifests.
package struct ByteWriter: Sendable {
    /// The bytes written so far.
    package var bytes: [UInt8]

    /// Creates an empty writer with room for `capacity` bytes.
    package init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The number of bytes written.
    @inlinable package var count: Int { bytes.count }

    /// Appends one byte.
    @inlinable package mutating func write(_ v: UInt8) { bytes.append(v) }

    /// Appends raw bytes.
    @inlinable package mutating func write<C: Collection>(contentsOf c: C) where C.Element == UInt8 {
        bytes.append(contentsOf: c)
    }

    /// Appends a fixed-width little-endian integer.
    @inlinable package mutating func writeFixed<T: FixedWidthInteger>(_ v: T) {
        var x = v.littleEndian
        withUnsafeBytes(of: &x) { bytes.append(contentsOf: $0) }
    }

    /// Appends an unsigned LEB128 varint.
    @inlinable package mutating func writeVarUInt(_ v: UInt64) {
        var x = v
        while x >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: x) | 0x80)
            x >>= 7
        }
        bytes.append(UInt8(x))
    }

    /// Appends a zigzag-encoded signed varint.
    @inlinable package mutating func writeVarInt(_ v: Int64) {
        writeVarUInt(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
    }

    /// Appends a length-prefixed UTF-8 string.
    @inlinable package mutating func writeString(_ s: String) {
        var s = s
        s.withUTF8 { u in
            writeVarUInt(UInt64(u.count))
            bytes.append(contentsOf: u)
        }
    }

    /// Appends a length-prefixed byte blob.
    @inlinable package mutating func writeBlob(_ b: [UInt8]) {
        writeVarUInt(UInt64(b.count))
        bytes.append(contentsOf: b)
    }
}
