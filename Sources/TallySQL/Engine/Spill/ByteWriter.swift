/// Appends values to a byte array in the machine's layout (for `ChunkCodec`).
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func append<T: BitwiseCopyable>(_ value: T) {
        withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
    }

    /// The memory of an array of plain values, in one copy.
    mutating func appendArray<T: BitwiseCopyable>(_ values: [T]) {
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            append(UInt32(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// A scalar with a tag byte first, so lists and structs need no type to read back.
    mutating func append(_ v: ScalarValue) {
        switch v {
        case .null: append(UInt8(0))
        case .bool(let b): append(UInt8(1)); append(b)
        case .int(let x): append(UInt8(2)); append(x)
        case .double(let d): append(UInt8(3)); append(d)
        case .string(let s): append(UInt8(4)); append(s)
        case .date(let d): append(UInt8(5)); append(d)
        case .timestamp(let t): append(UInt8(6)); append(t)
        case .interval(let i): append(UInt8(7)); append(i)
        case .list(let items): append(UInt8(8)); append(UInt32(items.count)); for x in items { append(x) }
        case .structure(let items): append(UInt8(9)); append(UInt32(items.count)); for x in items { append(x) }
        }
    }
}

/// Reads what `ByteWriter` wrote, in the same order.
struct ByteReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func read<T: BitwiseCopyable>(_: T.Type) -> T {
        let v = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: T.self) }
        position += MemoryLayout<T>.size
        return v
    }

    mutating func readArray<T: BitwiseCopyable>(_: T.Type, _ count: Int) -> [T] {
        let stride = MemoryLayout<T>.stride
        let out = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { src in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: src[position..<position + count * stride]))
            }
            initialized = count
        }
        position += count * stride
        return out
    }

    mutating func readString() -> String {
        let n = Int(read(UInt32.self))
        let s = bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[position..<position + n]), as: UTF8.self) }
        position += n
        return s
    }

    mutating func readScalar() -> ScalarValue {
        switch read(UInt8.self) {
        case 1: return .bool(read(Bool.self))
        case 2: return .int(read(Int128.self))
        case 3: return .double(read(Double.self))
        case 4: return .string(readString())
        case 5: return .date(read(Int32.self))
        case 6: return .timestamp(read(Int64.self))
        case 7: return .interval(read(Interval.self))
        case 8, 9:
            let tag = bytes[position - 1]
            let n = Int(read(UInt32.self))
            var items: [ScalarValue] = []
            items.reserveCapacity(n)
            for _ in 0..<n { items.append(readScalar()) }
            return tag == 8 ? .list(items) : .structure(items)
        default: return .null
        }
    }
}
