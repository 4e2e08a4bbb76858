import TallySystem
import TallyFormat
/// Decompresses Snappy's raw (unframed) format, the SNAPPY codec of Parquet pages and
/// pyarrow's default compression.
///
/// ```
/// stream   := varint(uncompressed length) element*
/// element  := tag byte, low 2 bits say which:
///   00 literal: length-1 in the upper 6 bits; 60...63 mean 1...4 more bytes (LE) hold length-1
///   01 copy: length 4 + bits 2...4, offset = bits 5...7 << 8 | next byte
///   10 copy: length 1 + upper 6 bits, offset = next 2 bytes (LE)
///   11 copy: length 1 + upper 6 bits, offset = next 4 bytes (LE)
/// ```
/// A copy repeats `length` bytes starting `offset` bytes back in the output; it may
/// overlap what it writes (offset < length repeats a pattern). Every length and offset is
/// checked, so corrupt input throws instead of reading or writing out of bounds.
package enum SnappyDecoder {
    /// The uncompressed length the stream declares.
    package static func uncompressedLength(_ input: UnsafeRawBufferPointer) throws(ParquetError) -> Int {
        var p = 0
        return try readLength(input, &p)
    }

    /// Decompresses `input`.
    package static func decompress(_ input: UnsafeRawBufferPointer) throws(ParquetError) -> [UInt8] {
        var p = 0
        let total = try readLength(input, &p)
        let n = input.count
        var failure: ParquetError?
        let out = [UInt8](unsafeUninitializedCapacity: total) { buf, initialized in
            var o = 0
            func fail(_ s: String) { failure = ParquetError.decoding("Snappy: " + s) }
            func copy(_ len: Int, _ offset: Int) -> Bool {
                guard offset > 0, offset <= o else { fail("copy offset \(offset) outside the \(o) bytes written"); return false }
                guard total - o >= len else { fail("copy overflows the declared \(total) bytes"); return false }
                let base = buf.baseAddress!
                if offset >= len {
                    (base + o).update(from: base + o - offset, count: len)
                } else {
                    for k in 0..<len { base[o + k] = base[o - offset + k] }
                }
                o += len
                return true
            }

            while p < n {
                let tag = input[p]
                p += 1
                switch tag & 3 {
                case 0:
                    var len = Int(tag >> 2)
                    if len >= 60 {
                        let extra = len - 59
                        guard n - p >= extra else { return fail("literal length cut off") }
                        len = 0
                        for k in 0..<extra { len |= Int(input[p + k]) << (8 * k) }
                        p += extra
                    }
                    len += 1
                    guard n - p >= len else { return fail("literal of \(len) bytes runs past the input") }
                    guard total - o >= len else { return fail("literal overflows the declared \(total) bytes") }
                    UnsafeMutableRawPointer(buf.baseAddress! + o).copyMemory(from: input.baseAddress! + p, byteCount: len)
                    p += len
                    o += len
                    continue
                case 1:
                    guard p < n else { return fail("copy offset cut off") }
                    let len = 4 + Int((tag >> 2) & 7)
                    let offset = Int(tag >> 5) << 8 | Int(input[p])
                    p += 1
                    guard copy(len, offset) else { return }
                case 2:
                    guard n - p >= 2 else { return fail("copy offset cut off") }
                    let len = 1 + Int(tag >> 2)
                    let offset = Int(input[p]) | Int(input[p + 1]) << 8
                    p += 2
                    guard copy(len, offset) else { return }
                default:
                    guard n - p >= 4 else { return fail("copy offset cut off") }
                    let len = 1 + Int(tag >> 2)
                    var offset = 0
                    for k in 0..<4 { offset |= Int(input[p + k]) << (8 * k) }
                    p += 4
                    guard copy(len, offset) else { return }
                }
            }
            initialized = o
            if o != total { fail("stream decodes to \(o) bytes, declared \(total)") }
        }
        if let failure { throw failure }
        return out
    }

    /// `decompress(_:)` over an array.
    package static func decompress(_ input: [UInt8]) throws(ParquetError) -> [UInt8] {
        try input.withRawBytes { (raw) throws(ParquetError) in try decompress(raw) }
    }

    private static func readLength(_ input: UnsafeRawBufferPointer, _ p: inout Int) throws(ParquetError) -> Int {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard p < input.count else { throw ParquetError.decoding("Snappy: length header cut off") }
            let b = input[p]
            p += 1
            v |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { break }
            shift += 7
            guard shift <= 28 else { throw ParquetError.decoding("Snappy: length header longer than 5 bytes") }
        }
        guard v <= UInt64(Int32.max) else { throw ParquetError.decoding("Snappy: declared length \(v) too large") }
        return Int(v)
    }
}
