import TallySystem
/// Packs unsigned integers of a fixed bit width into 64-bit little-endian words,
/// least significant bits first, and unpacks them.
package enum BitPacking {
    /// The number of bits needed to represent `v` (0 for 0).
    @inlinable package static func width(of v: UInt64) -> Int { 64 - v.leadingZeroBitCount }

    /// The number of 64-bit words needed for `count` values of `width` bits.
    @inlinable package static func wordCount(count: Int, width: Int) -> Int { (count * width + 63) / 64 }

    /// Appends `count` values, each `values[i] - base` (which must fit `width` bits), to `out`.
    ///
    /// Values are gathered in a 64-bit accumulator that is stored a whole word at a time,
    /// straight into the writer: no scratch array of words and no read-modify-write of
    /// memory per value.
    @inlinable
    package static func pack(
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
    ///
    /// Each width up to 32 (the codes, counts and deltas of real columns) gets its own
    /// copy of the loop with the width a constant, so shifts and masks are immediates:
    /// one run's detail went from 5.00M to 4.79M instructions (callgrind). Its share of
    /// that query's time stayed about the same; what is left is writing the values.
    package static func unpack(
        _ src: UnsafeRawBufferPointer, count: Int, width: Int, base: Int64,
        into out: UnsafeMutablePointer<Int64>
    ) {
        let p = src.baseAddress
        let words = src.count / 8
        switch width {
        case 0: out.update(repeating: base, count: count)
        case 1: unpack(p!, words, count, 1, base, out)
        case 2: unpack(p!, words, count, 2, base, out)
        case 3: unpack(p!, words, count, 3, base, out)
        case 4: unpack(p!, words, count, 4, base, out)
        case 5: unpack(p!, words, count, 5, base, out)
        case 6: unpack(p!, words, count, 6, base, out)
        case 7: unpack(p!, words, count, 7, base, out)
        case 8: unpack(p!, words, count, 8, base, out)
        case 9: unpack(p!, words, count, 9, base, out)
        case 10: unpack(p!, words, count, 10, base, out)
        case 11: unpack(p!, words, count, 11, base, out)
        case 12: unpack(p!, words, count, 12, base, out)
        case 13: unpack(p!, words, count, 13, base, out)
        case 14: unpack(p!, words, count, 14, base, out)
        case 15: unpack(p!, words, count, 15, base, out)
        case 16: unpack(p!, words, count, 16, base, out)
        case 17: unpack(p!, words, count, 17, base, out)
        case 18: unpack(p!, words, count, 18, base, out)
        case 19: unpack(p!, words, count, 19, base, out)
        case 20: unpack(p!, words, count, 20, base, out)
        case 21: unpack(p!, words, count, 21, base, out)
        case 22: unpack(p!, words, count, 22, base, out)
        case 23: unpack(p!, words, count, 23, base, out)
        case 24: unpack(p!, words, count, 24, base, out)
        case 25: unpack(p!, words, count, 25, base, out)
        case 26: unpack(p!, words, count, 26, base, out)
        case 27: unpack(p!, words, count, 27, base, out)
        case 28: unpack(p!, words, count, 28, base, out)
        case 29: unpack(p!, words, count, 29, base, out)
        case 30: unpack(p!, words, count, 30, base, out)
        case 31: unpack(p!, words, count, 31, base, out)
        case 32: unpack(p!, words, count, 32, base, out)
        default: unpack(p!, words, count, width, base, out)
        }
    }

    /// The unpacking loop, inlined into each case above with `width` a constant.
    @inline(__always)
    static func unpack(
        _ p: UnsafeRawPointer, _ words: Int, _ count: Int, _ width: Int, _ base: Int64,
        _ out: UnsafeMutablePointer<Int64>
    ) {
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) &- 1
        // Rows whose bits end before the last word can always read two words; the few
        // after them check for the end of the buffer.
        let safe = Swift.min(count, Swift.max(0, ((words - 1) * 64 - 64) / width))
        var bit = 0
        for i in 0..<safe {
            let wi = bit &>> 6
            let shift = UInt64(truncatingIfNeeded: bit & 63)
            let lo = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: wi &<< 3, as: UInt64.self))
            let hi = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: (wi &+ 1) &<< 3, as: UInt64.self))
            // hi << (64 - shift) is 0 when shift == 0 (the shift amount is masked, so
            // shift the other way in two steps).
            let u = (lo &>> shift) | ((hi &<< 1) &<< (63 &- shift))
            out[i] = base &+ Int64(bitPattern: u & mask)
            bit &+= width
        }
        for i in safe..<count {
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
