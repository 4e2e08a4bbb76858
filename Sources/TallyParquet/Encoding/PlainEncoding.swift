import TallySystem
import TallyFormat
/// PLAIN encoding: fixed-width values little endian, back to back; BYTE_ARRAY values as
/// a 4-byte little-endian length and the bytes; FIXED_LEN_BYTE_ARRAY values as the bytes.
package enum PlainEncoding {
    /// Appends `v` little endian.
    @inlinable
    package static func append<T: FixedWidthInteger>(_ v: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    /// Appends a double's IEEE bits little endian.
    @inlinable
    package static func append(_ v: Double, to out: inout [UInt8]) {
        append(v.bitPattern, to: &out)
    }

    /// Appends a byte array with its length.
    @inlinable
    package static func appendByteArray(_ bytes: some Collection<UInt8>, to out: inout [UInt8]) {
        append(UInt32(bytes.count), to: &out)
        out.append(contentsOf: bytes)
    }

    /// Reads a little-endian integer at `offset` (bounds checked by the caller).
    @inlinable
    package static func load<T: FixedWidthInteger>(_ type: T.Type, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> T {
        T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
