import TallySystem
import TallyFormat
/// Decodes DELTA_BINARY_PACKED integers (Parquet's encoding 5, what data pages v2 of
/// DuckDB, parquet-mr and Spark use for INT32/INT64).
///
/// Layout (all integers ULEB128 varints; signed ones zigzag-encoded first):
///
/// | field | meaning |
/// |---|---|
/// | block size | values per block (a multiple of 128) |
/// | miniblocks per block | a divisor of the block size (values per miniblock a multiple of 32) |
/// | total count | values encoded, the first included |
/// | first value | signed |
/// | blocks... | until `total count` values are read |
///
/// A block is its minimum delta (signed), one bit-width byte per miniblock, then the
/// miniblocks: each `values per miniblock` deltas minus the minimum, bit-packed with the
/// lowest bit first. Value `i` is value `i - 1` plus its delta, with two's-complement
/// wrapping. Miniblocks after the last value are not stored; the last one is padded.
package enum DeltaBinaryPackedDecoder {
    /// Decodes the `count` encoded values (the page's non-null values) from `bytes`
    /// starting at `start`, appending them to `out`; returns the offset just past the
    /// encoding (DELTA_LENGTH_BYTE_ARRAY's bytes follow it there).
    @discardableResult
    package static func decode(_ bytes: UnsafeRawBufferPointer, from start: Int = 0, count: Int,
                               into out: inout [Int64]) throws(ParquetError) -> Int {
        var p = start
        func varint() throws(ParquetError) -> UInt64 {
            var v: UInt64 = 0, shift: UInt64 = 0
            while true {
                guard p < bytes.count else { throw ParquetError.decoding("DELTA_BINARY_PACKED header or block cut off") }
                let b = bytes[p]
                p += 1
                v |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { return v }
                shift += 7
                guard shift < 64 else { throw ParquetError.decoding("DELTA_BINARY_PACKED varint longer than 10 bytes") }
            }
        }
        func zigzag(_ v: UInt64) -> Int64 { Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1))) }
        let blockSize = try varint(), miniblocks = try varint(), total = try varint()
        guard blockSize > 0, blockSize % 128 == 0, miniblocks > 0, blockSize % miniblocks == 0, (blockSize / miniblocks) % 32 == 0,
              blockSize <= 1 << 20
        else { throw ParquetError.decoding("DELTA_BINARY_PACKED block of \(blockSize) values in \(miniblocks) miniblocks") }
        // Exactly the page's values: a larger count would only loop over missing data.
        guard total == UInt64(count) else {
            throw ParquetError.decoding("DELTA_BINARY_PACKED holds \(total) values where the page has \(count)")
        }
        var value = zigzag(try varint())
        guard total > 0 else { return p }
        out.reserveForAppend(count)
        out.append(value)
        var read = 1  // values decoded, the first included
        let perMiniblock = Int(blockSize / miniblocks)
        while read < Int(total) {
            let minDelta = zigzag(try varint())
            guard bytes.count - p >= Int(miniblocks) else { throw ParquetError.decoding("DELTA_BINARY_PACKED bit widths cut off") }
            let widthsAt = p
            p += Int(miniblocks)
            for m in 0..<Int(miniblocks) where read < Int(total) {
                let width = Int(bytes[widthsAt + m])
                guard width <= 64 else { throw ParquetError.decoding("DELTA_BINARY_PACKED bit width \(width)") }
                let size = perMiniblock * width / 8
                // The last miniblock may be cut short after its last value.
                let available = min(size, bytes.count - p)
                let take = min(perMiniblock, Int(total) - read)
                guard take * width <= available * 8 else { throw ParquetError.decoding("DELTA_BINARY_PACKED miniblock cut off") }
                for k in 0..<take {
                    // `width` bits from bit k * width of the miniblock, the lowest first.
                    var delta: UInt64 = 0, got = 0, bit = k * width
                    while got < width {
                        let byte = UInt64(bytes[p + bit / 8])
                        let shift = bit % 8, n = min(8 - shift, width - got)
                        delta |= ((byte >> UInt64(shift)) & ((1 << UInt64(n)) - 1)) << UInt64(got)
                        got += n
                        bit += n
                    }
                    value = value &+ minDelta &+ Int64(bitPattern: delta)
                    out.append(value)
                    read += 1
                }
                p += available
            }
        }
        return p
    }
}
