import TallySystem
import TallyFormat
/// Encodes small unsigned integers (definition levels, dictionary indices) with the
/// RLE / bit-packing hybrid of the Parquet encodings spec:
///
/// ```
/// run        := rle-run | bit-packed-run
/// rle-run    := varint(count << 1)      value in ceil(bitWidth / 8) bytes, little endian
/// bit-packed := varint(groups << 1 | 1)  groups x 8 values, bitWidth bits each, LSB first
/// ```
///
/// A value repeated at least 8 times from a position that is a multiple of 8 in the
/// pending bit-packed values becomes an RLE run; everything else is bit-packed. The last
/// bit-packed group is padded with zeros (the page's value count tells readers where the
/// data ends). No length prefix is written: callers add one where the spec wants it.
package enum RLEHybridEncoder {
    /// The hybrid encoding of `values`, each of which must fit in `bitWidth` bits (0...32).
    package static func encode(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
        precondition((0...32).contains(bitWidth), "bit width \(bitWidth) outside 0...32")
        var out = [UInt8]()
        out.reserveCapacity(values.count * max(bitWidth, 1) / 8 + 16)
        var pendingStart = 0  // values[pendingStart..<i] wait to be bit-packed
        var i = 0
        let n = values.count
        while i < n {
            if (i - pendingStart) % 8 == 0 {
                let v = values[i]
                var run = 1
                while i + run < n && values[i + run] == v { run += 1 }
                if run >= 8 {
                    writeBitPacked(values, pendingStart..<i, bitWidth: bitWidth, into: &out)
                    writeRLE(v, count: run, bitWidth: bitWidth, into: &out)
                    i += run
                    pendingStart = i
                    continue
                }
                // No run here: the next `run` values are known not to start one of 8.
                i += run
                continue
            }
            i += 1
        }
        writeBitPacked(values, pendingStart..<n, bitWidth: bitWidth, into: &out)
        return out
    }

    /// The number of bits needed for values up to `maxValue` (0 for 0).
    package static func bitWidth(forMax maxValue: UInt32) -> Int {
        maxValue == 0 ? 0 : 32 - maxValue.leadingZeroBitCount
    }

    static func writeRLE(_ value: UInt32, count: Int, bitWidth: Int, into out: inout [UInt8]) {
        appendVarint(UInt64(count) << 1, to: &out)
        var v = value
        for _ in 0..<((bitWidth + 7) / 8) {
            out.append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    static func writeBitPacked(_ values: [UInt32], _ range: Range<Int>, bitWidth: Int, into out: inout [UInt8]) {
        guard !range.isEmpty else { return }
        let groups = (range.count + 7) / 8
        appendVarint(UInt64(groups) << 1 | 1, to: &out)
        guard bitWidth > 0 else { return }
        var acc: UInt64 = 0
        var bits = 0
        for k in 0..<(groups * 8) {
            let v = range.lowerBound + k < range.upperBound ? UInt64(values[range.lowerBound + k]) : 0
            acc |= v << UInt64(bits)
            bits += bitWidth
            while bits >= 8 {
                out.append(UInt8(truncatingIfNeeded: acc))
                acc >>= 8
                bits -= 8
            }
        }
        // groups * 8 * bitWidth is a multiple of 8 bits: nothing is left over.
    }

    static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }
}
