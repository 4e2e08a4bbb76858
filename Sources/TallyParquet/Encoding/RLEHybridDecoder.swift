import TallySystem
import TallyFormat
/// Decodes the RLE / bit-packing hybrid (see `RLEHybridEncoder` for the layout).
package enum RLEHybridDecoder {
    /// Decodes exactly `count` values of `bitWidth` bits from `bytes[range]`, appending
    /// them to `out`. Throws if the runs end before `count` values or are malformed;
    /// padding after the last needed value is ignored.
    package static func decode(_ bytes: UnsafeRawBufferPointer, bitWidth: Int, count: Int,
                              into out: inout [UInt32]) throws(ParquetError) {
        guard (0...32).contains(bitWidth) else { throw ParquetError.decoding("RLE bit width \(bitWidth) outside 0...32") }
        var p = 0
        let end = bytes.count
        var remaining = count
        let byteWidth = (bitWidth + 7) / 8
        let mask: UInt64 = bitWidth == 64 ? ~0 : (1 << UInt64(bitWidth)) - 1
        out.reserveForAppend(count)
        while remaining > 0 {
            // Run header.
            var header: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard p < end else { throw ParquetError.decoding("RLE data ends with \(remaining) of \(count) values missing") }
                let b = bytes[p]
                p += 1
                header |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { break }
                shift += 7
                guard shift < 64 else { throw ParquetError.decoding("RLE run header longer than 10 bytes") }
            }
            if header & 1 == 0 {
                let runLength = header >> 1
                guard runLength > 0 else { throw ParquetError.decoding("RLE run of length 0") }
                guard end - p >= byteWidth else { throw ParquetError.decoding("RLE run value cut off") }
                var v: UInt64 = 0
                for k in 0..<byteWidth { v |= UInt64(bytes[p + k]) << UInt64(8 * k) }
                p += byteWidth
                guard v <= mask else { throw ParquetError.decoding("RLE run value \(v) wider than \(bitWidth) bits") }
                let take = Int(min(runLength, UInt64(remaining)))
                out.append(contentsOf: repeatElement(UInt32(v), count: take))
                remaining -= take
            } else {
                let groups = header >> 1
                guard groups > 0, groups <= UInt64(Int.max / 64) else { throw ParquetError.decoding("bit-packed run of \(groups) groups") }
                let valuesInRun = Int(groups) * 8
                let byteCount = Int(groups) * bitWidth
                // The last run of a page may be cut short after the last needed value.
                let available = min(byteCount, end - p)
                let take = min(valuesInRun, remaining)
                guard take * bitWidth <= available * 8 else { throw ParquetError.decoding("bit-packed run cut off") }
                var acc: UInt64 = 0
                var bits = 0
                var q = p
                for _ in 0..<take {
                    while bits < bitWidth {
                        acc |= UInt64(bytes[q]) << UInt64(bits)
                        q += 1
                        bits += 8
                    }
                    out.append(UInt32(truncatingIfNeeded: acc & mask))
                    acc >>= UInt64(bitWidth)
                    bits -= bitWidth
                }
                p += available
                remaining -= take
            }
        }
    }

    /// `decode(_:bitWidth:count:into:)` over an array.
    package static func decode(_ bytes: [UInt8], bitWidth: Int, count: Int) throws(ParquetError) -> [UInt32] {
        var out = [UInt32]()
        try bytes.withRawBytes { (raw) throws(ParquetError) in
            try decode(raw, bitWidth: bitWidth, count: count, into: &out)
        }
        return out
    }
}
