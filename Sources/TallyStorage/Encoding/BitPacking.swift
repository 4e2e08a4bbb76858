/// Packs unsigned integers of a fixed bit width into 64-bit little-endian words,
/// least significant bits first, and unpacks them.
public enum BitPacking {
    /// The number of bits needed to represent `v` (0 for 0).
    @inlinable public static func width(of v: UInt64) -> Int { 64 - v.leadingZeroBitCount }

    /// The number of 64-bit words needed for `count` values of `width` bits.
    @inlinable public static func wordCount(count: Int, width: Int) -> Int { (count * width + 63) / 64 }

    /// Appends `count` values, each `values[i] - base` (which must fit `width` bits), to `out`.
    ///
    /// Values are gathered in a 64-bit accumulator that is stored a whole word at a time,
    /// straight into the writer: no scratch array of words and no read-modify-write of
    /// memory per value.
    @inlinable
    public static func pack(
        _ values: UnsafeBufferPointer<Int64>, base: Int64, width: Int, into out: inout ByteWriter
    ) {
        guard width > 0 else { return }
        let words = wordCount(count: values.count, width: width)
        let start = out.bytes.count
        out.bytes.append(contentsOf: repeatElement(0, count: words * 8))
        out.bytes.withUnsafeMutableBytes { raw in
            let dst = raw.baseAddress! + start
            var offset = 0
            var acc: UInt64 = 0
            var used = 0
            for v in values {
                let u = UInt64(bitPattern: v &- base)
                acc |= u &<< UInt64(truncatingIfNeeded: used)
                used &+= width
                if used >= 64 {
                    dst.storeBytes(of: acc.littleEndian, toByteOffset: offset, as: UInt64.self)
                    offset &+= 8
                    used &-= 64
                    // The high bits of `u` that did not fit start the next word.
                    acc = used == 0 ? 0 : u &>> UInt64(truncatingIfNeeded: width &- used)
                }
            }
            if used > 0 { dst.storeBytes(of: acc.littleEndian, toByteOffset: offset, as: UInt64.self) }
        }
    }

    /// Unpacks `count` values of `width` bits from `src` (little-endian words), adding
    /// `base` to each, into `out`.
    @inlinable
    public static func unpack(
        _ src: UnsafeRawBufferPointer, count: Int, width: Int, base: Int64,
        into out: UnsafeMutablePointer<Int64>
    ) {
        if width == 0 {
            out.update(repeating: base, count: count)
            return
        }
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) &- 1
        let p = src.baseAddress!
        let words = src.count / 8
        var bit = 0
        for i in 0..<count {
            let wi = bit >> 6
            let shift = bit & 63
            var u = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: wi << 3, as: UInt64.self)) >> UInt64(shift)
            if shift + width > 64 && wi + 1 < words {
                u |= UInt64(littleEndian: p.loadUnaligned(fromByteOffset: (wi + 1) << 3, as: UInt64.self)) << UInt64(64 - shift)
            }
            out[i] = base &+ Int64(bitPattern: u & mask)
            bit += width
        }
    }
}
