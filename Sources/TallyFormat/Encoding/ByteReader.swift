import TallySystem
/// Reads what `ByteWriter` wrote. Every read is bounds-checked and throws
/// `FormatError.truncated` instead of trapping, because its input may be a damaged file.
package struct ByteReader {
    @usableFromInline let base: UnsafeRawBufferPointer
    /// The offset of the next byte to read.
    package var offset: Int

    /// Creates a reader over `buffer`, which must outlive the reader.
    package init(_ buffer: UnsafeRawBufferPointer, offset: Int = 0) {
        base = buffer
        self.offset = offset
    }

    /// Bytes left to read.
    @inlinable package var remaining: Int { base.count - offset }

    /// Reads one byte.
    @inlinable package mutating func readByte() throws(FormatError) -> UInt8 {
        guard offset < base.count else { throw .truncated("byte at \(offset)") }
        defer { offset += 1 }
        return base[offset]
    }

    /// Reads a fixed-width little-endian integer.
    @inlinable package mutating func readFixed<T: FixedWidthInteger>(_: T.Type) throws(FormatError) -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw .truncated("\(size)-byte integer at \(offset)") }
        let v = base.loadUnaligned(fromByteOffset: offset, as: T.self)
        offset += size
        return T(littleEndian: v)
    }

    /// Reads an unsigned LEB128 varint (at most 10 bytes).
    @inlinable package mutating func readVarUInt() throws(FormatError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < base.count else { throw .truncated("varint at \(offset)") }
            let b = base[offset]
            offset += 1
            guard shift < 64 else { throw .malformed("varint longer than 10 bytes at \(offset)") }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    /// Reads a zigzag-encoded signed varint.
    @inlinable package mutating func readVarInt() throws(FormatError) -> Int64 {
        let u = try readVarUInt()
        return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    /// Reads a varint that must fit a non-negative `Int` no larger than `limit`.
    @inlinable package mutating func readCount(limit: Int = Int(Int32.max)) throws(FormatError) -> Int {
        let v = try readVarUInt()
        guard v <= UInt64(limit) else { throw .malformed("count \(v) exceeds \(limit) at \(offset)") }
        return Int(v)
    }

    /// Reads `count` raw bytes as a slice of the underlying buffer.
    @inlinable package mutating func readBytes(_ count: Int) throws(FormatError) -> UnsafeRawBufferPointer {
        guard count >= 0, remaining >= count else { throw .truncated("\(count) bytes at \(offset)") }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: base[offset..<offset + count])
    }

    /// Reads a length-prefixed UTF-8 string; invalid UTF-8 is an error, not repaired.
    package mutating func readString() throws(FormatError) -> String {
        let n = try readCount()
        let raw = try readBytes(n)
        guard let s = String(validating: raw.bindMemory(to: UInt8.self), as: UTF8.self) else {
            throw .malformed("invalid UTF-8 string at \(offset - n)")
        }
        return s
    }

    /// Reads a length-prefixed blob.
    package mutating func readBlob() throws(FormatError) -> [UInt8] {
        let n = try readCount()
        return Array(try readBytes(n))
    }
}

/// A structural problem in bytes that claim to be a Tally file or chunk.
package enum FormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes end before the structure does.
    case truncated(String)
    /// The bytes are present but do not describe a valid structure.
    case malformed(String)
    /// A checksum did not match: the bytes were damaged after they were written.
    case checksumMismatch(String)

    package var description: String {
        switch self {
        case .truncated(let what): return "truncated: expected \(what)"
        case .malformed(let what): return "malformed: \(what)"
        case .checksumMismatch(let what): return "checksum mismatch: \(what)"
        }
    }
}
