import TallySystem
import TallyFormat
/// Decodes Thrift compact-protocol structs (see `ThriftCompactWriter` for the layout).
///
/// Decoding is defensive: every length is checked against the bytes left, nesting is
/// bounded, and fields a struct does not know are skipped by type, so files written by
/// newer Parquet writers still read.
package struct ThriftCompactReader: Sendable {
    /// The bytes being read.
    package let bytes: [UInt8]
    /// The next byte to read.
    package private(set) var position: Int
    private let end: Int
    private var lastFieldIds: [Int16] = []
    private var lastFieldId: Int16 = 0
    private var pendingBool: Bool? = nil

    /// Nesting deeper than this is taken as corruption rather than data.
    static let maxDepth = 64

    /// Reads `bytes[start..<end]` (`end` defaults to the whole array).
    package init(_ bytes: [UInt8], start: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.position = start
        self.end = min(end ?? bytes.count, bytes.count)
    }

    /// Enters a struct (the root one, or the value of the field just read).
    package mutating func beginStruct() throws(ParquetError) {
        guard lastFieldIds.count < Self.maxDepth else { throw ParquetError.decoding("Thrift structs nested more than \(Self.maxDepth) deep") }
        lastFieldIds.append(lastFieldId)
        lastFieldId = 0
    }

    /// Leaves the current struct (after `readFieldHeader` returned nil).
    package mutating func endStruct() {
        lastFieldId = lastFieldIds.popLast() ?? 0
    }

    /// The next field's id and type, or nil at the struct's stop byte.
    package mutating func readFieldHeader() throws(ParquetError) -> (id: Int16, type: ThriftCompactType)? {
        let b = try readByte()
        guard let type = ThriftCompactType(rawValue: b & 0x0F) else {
            throw ParquetError.decoding("unknown Thrift type \(b & 0x0F) at byte \(position - 1)")
        }
        if type == .stop { return nil }
        let delta = b >> 4
        let id: Int16
        if delta != 0 {
            id = lastFieldId &+ Int16(delta)
        } else {
            let raw = try readZigzag()
            guard let narrow = Int16(exactly: raw) else { throw ParquetError.decoding("Thrift field id \(raw) out of range") }
            id = narrow
        }
        lastFieldId = id
        if type == .booleanTrue || type == .booleanFalse { pendingBool = type == .booleanTrue }
        return (id, type)
    }

    /// The value of a boolean field whose header was just read.
    package mutating func readBool() throws(ParquetError) -> Bool {
        if let b = pendingBool { pendingBool = nil; return b }
        return try readByte() == 1
    }

    /// An i8.
    package mutating func readByteValue() throws(ParquetError) -> Int8 { Int8(bitPattern: try readByte()) }

    /// An i16, i32 or i64 checked to fit an i32.
    package mutating func readI32() throws(ParquetError) -> Int32 {
        let v = try readZigzag()
        guard let narrow = Int32(exactly: v) else { throw ParquetError.decoding("Thrift i32 value \(v) out of range") }
        return narrow
    }

    /// An i64.
    package mutating func readI64() throws(ParquetError) -> Int64 { try readZigzag() }

    /// A double (8 bytes little endian).
    package mutating func readDouble() throws(ParquetError) -> Double {
        try need(8)
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += 8
        return Double(bitPattern: bits)
    }

    /// A binary.
    package mutating func readBinary() throws(ParquetError) -> [UInt8] {
        let n = try readVarint()
        guard n <= UInt64(end - position) else { throw ParquetError.decoding("Thrift binary of \(n) bytes runs past the end (\(end - position) left)") }
        let out = Array(bytes[position..<position + Int(n)])
        position += Int(n)
        return out
    }

    /// A UTF-8 string.
    package mutating func readString() throws(ParquetError) -> String {
        let b = try readBinary()
        guard let s = String(validating: b, as: UTF8.self) else { throw ParquetError.decoding("Thrift string is not valid UTF-8") }
        return s
    }

    /// A list header: element count and type.
    package mutating func readListHeader() throws(ParquetError) -> (count: Int, type: ThriftCompactType) {
        let b = try readByte()
        guard let type = ThriftCompactType(rawValue: b & 0x0F) else { throw ParquetError.decoding("unknown Thrift list element type \(b & 0x0F)") }
        var count = UInt64(b >> 4)
        if count == 15 { count = try readVarint() }
        // Every element takes at least one byte, except booleans packed in nothing: none.
        guard count <= UInt64(end - position) else { throw ParquetError.decoding("Thrift list of \(count) elements runs past the end") }
        return (Int(count), type)
    }

    /// Skips a value of `type` (a field's value, or a collection element).
    package mutating func skip(_ type: ThriftCompactType) throws(ParquetError) {
        try skip(type, depth: 0)
    }

    private mutating func skip(_ type: ThriftCompactType, depth: Int) throws(ParquetError) {
        guard depth < Self.maxDepth else { throw ParquetError.decoding("Thrift values nested more than \(Self.maxDepth) deep") }
        switch type {
        case .stop: throw ParquetError.decoding("unexpected Thrift stop byte")
        case .booleanTrue, .booleanFalse:
            // A field's boolean lives in its header; an element's in one byte.
            if pendingBool != nil { pendingBool = nil } else { _ = try readByte() }
        case .byte: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double: try need(8); position += 8
        case .binary: _ = try readBinary()
        case .list, .set:
            let (count, elementType) = try readListHeader()
            for _ in 0..<count { try skip(elementType, depth: depth + 1) }
        case .map:
            let count = try readVarint()
            guard count <= UInt64(end - position) else { throw ParquetError.decoding("Thrift map of \(count) entries runs past the end") }
            if count > 0 {
                let kv = try readByte()
                guard let k = ThriftCompactType(rawValue: kv >> 4), let v = ThriftCompactType(rawValue: kv & 0x0F) else {
                    throw ParquetError.decoding("unknown Thrift map types \(kv)")
                }
                for _ in 0..<count {
                    try skip(k, depth: depth + 1)
                    try skip(v, depth: depth + 1)
                }
            }
        case .structure:
            try beginStruct()
            while let field = try readFieldHeader() { try skip(field.type, depth: depth + 1) }
            endStruct()
        }
    }

    /// Unsigned LEB128 (at most 10 bytes).
    package mutating func readVarint() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            guard shift < 64 else { throw ParquetError.decoding("Thrift varint longer than 10 bytes") }
        }
    }

    private mutating func readZigzag() throws(ParquetError) -> Int64 {
        let u = try readVarint()
        return Int64(bitPattern: u >> 1) ^ -Int64(bitPattern: u & 1)
    }

    private mutating func readByte() throws(ParquetError) -> UInt8 {
        guard position < end else { throw ParquetError.decoding("Thrift data ends early (at byte \(position))") }
        defer { position += 1 }
        return bytes[position]
    }

    private func need(_ n: Int) throws(ParquetError) {
        guard end - position >= n else { throw ParquetError.decoding("Thrift data ends early (at byte \(position))") }
    }
}
