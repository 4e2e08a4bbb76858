import TallySystem
import TallyFormat
/// Decodes BYTE_STREAM_SPLIT values (Parquet's encoding 9, DuckDB's choice for FLOAT and
/// DOUBLE in data pages v2): for `n` values of `k` bytes, byte `j` of value `i` is at
/// `j * n + i` (the k byte streams back to back, each in value order), little endian.
package enum ByteStreamSplitDecoder {
    /// The `count` values of width `T` at `start` of `bytes`, appended to `out`.
    package static func decode<T: FixedWidthInteger & UnsignedInteger>(_ bytes: UnsafeRawBufferPointer, from start: Int, count: Int,
                                                                        into out: inout [T]) throws(ParquetError) {
        let width = MemoryLayout<T>.size
        guard bytes.count - start >= count * width else {
            throw ParquetError.decoding("\(count) BYTE_STREAM_SPLIT values need \(count * width) bytes, the page has \(bytes.count - start)")
        }
        out.reserveForAppend(count)
        for i in 0..<count {
            var v: T = 0
            for j in 0..<width { v |= T(bytes[start + j * count + i]) << (8 * j) }
            out.append(v)
        }
    }
}
