/// Chunks as bytes for spill files, and back: per column a storage tag, an optional
/// validity byte per row, then the values (fixed-width arrays as their memory; strings as
/// a UInt32 length and UTF-8; lists and structs value by value, self-describing).
///
/// Constant and dictionary vectors are written flat. The bytes never leave the process
/// that wrote them, so the layout is the machine's (no versioning, no byte swapping).
enum ChunkCodec {
    enum Tag: UInt8 { case bool, int64, int128, double, string, interval, values, allNull }

    /// One chunk's bytes.
    static func encode(_ chunk: DataChunk) -> [UInt8] {
        var out = ByteWriter()
        out.append(UInt64(chunk.count))
        for column in chunk.columns { encode(column, chunk.count, into: &out) }
        return out.bytes
    }

    static func encode(_ column: ColumnVector, _ count: Int, into out: inout ByteWriter) {
        if column.type == .null {
            out.append(Tag.allNull.rawValue)
            return
        }
        let v = column.flattened()
        func header(_ tag: Tag) {
            out.append(tag.rawValue)
            if let validity = v.validity {
                out.append(UInt8(1))
                out.appendArray(Array(validity.prefix(count)))
            } else {
                out.append(UInt8(0))
            }
        }
        switch v.storage {
        case .bool(let a): header(.bool); out.appendArray(Array(a.prefix(count)))
        case .int64(let a): header(.int64); out.appendArray(Array(a.prefix(count)))
        case .int128(let a): header(.int128); out.appendArray(Array(a.prefix(count)))
        case .double(let a): header(.double); out.appendArray(Array(a.prefix(count)))
        case .interval(let a): header(.interval); out.appendArray(Array(a.prefix(count)))
        case .string(let a):
            header(.string)
            for s in a.prefix(count) { out.append(s) }
        case .values(let a):
            header(.values)
            for x in a.prefix(count) { out.append(x) }
        case .constant, .dictionary:
            preconditionFailure("flattened() leaves no constant or dictionary vector")
        }
    }

    /// The chunk `encode` wrote, with columns of `types`.
    static func decode(_ bytes: [UInt8], types: [LogicalType]) -> DataChunk {
        var input = ByteReader(bytes)
        let count = Int(input.read(UInt64.self))
        var columns: [ColumnVector] = []
        columns.reserveCapacity(types.count)
        for type in types { columns.append(decode(type, count, from: &input)) }
        return DataChunk(columns: columns, count: count)
    }

    static func decode(_ type: LogicalType, _ count: Int, from input: inout ByteReader) -> ColumnVector {
        let tag = Tag(rawValue: input.read(UInt8.self))!
        if tag == .allNull { return .constant(.null, type: type, count: count) }
        let validity: [Bool]? = input.read(UInt8.self) == 1 ? input.readArray(Bool.self, count) : nil
        let storage: ColumnVector.Storage
        switch tag {
        case .bool: storage = .bool(input.readArray(Bool.self, count))
        case .int64: storage = .int64(input.readArray(Int64.self, count))
        case .int128: storage = .int128(input.readArray(Int128.self, count))
        case .double: storage = .double(input.readArray(Double.self, count))
        case .interval: storage = .interval(input.readArray(Interval.self, count))
        case .string:
            var a: [String] = []
            a.reserveCapacity(count)
            for _ in 0..<count { a.append(input.readString()) }
            storage = .string(a)
        case .values:
            var a: [ScalarValue] = []
            a.reserveCapacity(count)
            for _ in 0..<count { a.append(input.readScalar()) }
            storage = .values(a)
        case .allNull: preconditionFailure("handled above")
        }
        return ColumnVector(type: type, storage: storage, validity: validity, count: count)
    }
}
