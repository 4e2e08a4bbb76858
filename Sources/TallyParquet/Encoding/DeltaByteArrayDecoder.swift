import TallySystem
import TallyFormat
/// Decodes Parquet's byte-array delta encodings into a `ParquetByteArrayPool`:
///
/// - DELTA_LENGTH_BYTE_ARRAY (6): the values' lengths as DELTA_BINARY_PACKED, then their
///   bytes back to back.
/// - DELTA_BYTE_ARRAY (7): each value's prefix length shared with the value before it as
///   DELTA_BINARY_PACKED, then the suffixes as DELTA_LENGTH_BYTE_ARRAY; value `i` is the
///   first `prefix[i]` bytes of value `i - 1` followed by suffix `i`.
///
/// FIXED_LEN_BYTE_ARRAY values use the same layouts.
package enum DeltaByteArrayDecoder {
    /// Appends the `count` values of a DELTA_LENGTH_BYTE_ARRAY encoding at `start` to
    /// `pool`, and their indices to `indices`.
    package static func decodeLengths(_ bytes: UnsafeRawBufferPointer, from start: Int = 0, count: Int,
                                      pool: inout ParquetByteArrayPool, indices: inout [Int32]) throws(ParquetError) {
        for suffix in try suffixes(bytes, from: start, count: count) {
            indices.append(pool.append(UnsafeRawBufferPointer(rebasing: bytes[suffix])))
        }
    }

    /// Appends the `count` values of a DELTA_BYTE_ARRAY encoding to `pool`, and their
    /// indices to `indices`.
    package static func decodeIncremental(_ bytes: UnsafeRawBufferPointer, count: Int,
                                          pool: inout ParquetByteArrayPool, indices: inout [Int32]) throws(ParquetError) {
        var prefixes: [Int64] = []
        let end = try DeltaBinaryPackedDecoder.decode(bytes, count: count, into: &prefixes)
        let suffixes = try suffixes(bytes, from: end, count: count)
        var previous: [UInt8] = []
        var value: [UInt8] = []
        for (i, suffix) in suffixes.enumerated() {
            let prefix = prefixes[i]
            guard prefix >= 0, prefix <= Int64(previous.count) else {
                throw ParquetError.decoding("DELTA_BYTE_ARRAY value \(i) shares \(prefix) bytes with a value of \(previous.count)")
            }
            value.removeAll(keepingCapacity: true)
            value.append(contentsOf: previous[0..<Int(prefix)])
            value.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[suffix]))
            indices.append(pool.append(value))
            swap(&previous, &value)
        }
    }

    /// The byte ranges of a DELTA_LENGTH_BYTE_ARRAY encoding's `count` values.
    static func suffixes(_ bytes: UnsafeRawBufferPointer, from start: Int, count: Int) throws(ParquetError) -> [Range<Int>] {
        var lengths: [Int64] = []
        var p = try DeltaBinaryPackedDecoder.decode(bytes, from: start, count: count, into: &lengths)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(count)
        for (i, length) in lengths.enumerated() {
            guard length >= 0, length <= Int64(bytes.count - p) else {
                throw ParquetError.decoding("byte array \(i) of \(count): \(length) bytes run past the page")
            }
            ranges.append(p..<(p + Int(length)))
            p += Int(length)
        }
        return ranges
    }
}
