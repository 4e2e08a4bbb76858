import TallySystem
/// Lossless encoding of the `quantity` column (non-negative doubles).
///
/// Most quantities are whole numbers (token counts, bytes) or short decimals
/// (12.5 sandbox seconds), so they are stored as integers scaled by 10^k and handed
/// to `IntegerEncoding`; any chunk that does not round-trip bit for bit falls back
/// to the raw IEEE-754 bit patterns.
///
/// | tag | body                                                      |
/// |-----|-----------------------------------------------------------|
/// | 0   | scale k (1 byte, 0...9), integers v such that q = v / 10^k |
/// | 1   | raw bit patterns as an integer sequence                   |
/// | 2   | split: flags (0 = whole number) as an integer sequence,   |
/// |     | the whole numbers as an integer sequence, then the other  |
/// |     | values encoded again with tag 0 or 1                      |
///
/// | 3   | grouped: group count g, group id per row (integer         |
///           sequence), then each group's values encoded again      |
///
/// Grouping by unit lets input tokens (tens), cache reads (tens of thousands) and
/// sandbox seconds each be packed at their own width instead of the widest one's.
/// The split keeps a few fractional values (12.5 sandbox seconds among token counts)
/// from scaling every whole number by 10^k.
package enum QuantityEncoding {
    static let powers: [Double] = (0...9).map { k in (0..<k).reduce(1.0) { a, _ in a * 10 } }

    /// The smallest decimal scale k at which every value v satisfies
    /// `Double(Int64((v * 10^k).rounded())) / 10^k == v` bit for bit (the decoder's exact
    /// formula), if any. Every value is checked at the final k: a value that is exact at
    /// a small scale (64.6 at k = 1) need not be at a larger one (64.6 x 1000 is
    /// 64599.99999999999), so passing at some k is not enough.
    static func scale(of values: UnsafeBufferPointer<Double>) -> Int? {
        // The largest of the values' own smallest scales is the only candidate worth
        // checking against every value; trying each k over all values took k + 1 passes.
        var k = 0
        for v in values {
            while !exact(v, scale: k) {
                k += 1
                if k > 9 { return nil }
            }
        }
        while k <= 9 {
            if values.allSatisfy({ exact($0, scale: k) }) { return k }
            k += 1
        }
        return nil
    }

    @inline(__always)
    static func exact(_ v: Double, scale k: Int) -> Bool {
        guard v >= 0, v.sign == .plus else { return false }
        let x = v * powers[k]
        guard x < 9.0e15 else { return false }
        let scaled = roundedHalfAwayFromZero(x)
        guard scaled < 9.0e15 else { return false }
        let back = k == 0 ? Double(Int64(scaled)) : Double(Int64(scaled)) / powers[k]
        return back.bitPattern == v.bitPattern
    }

    /// `x.rounded()` for 0 <= x < 9e15, without the libm call that `rounded()` is on
    /// baseline x86-64. `x - t` is exact (Sterbenz: t <= x < 2t once x >= 1), so this
    /// rounds half away from zero exactly as `rounded()` does.
    @inline(__always)
    static func roundedHalfAwayFromZero(_ x: Double) -> Double {
        let t = Double(Int64(x))
        return x - t >= 0.5 ? t + 1 : t
    }

    /// Encodes quantities with an optional group key per row (the unit): one sequence per
    /// group when there are several groups, else one sequence or the whole/fractional
    /// split, whichever is smaller.
    ///
    /// Grouping is not weighed against one ungrouped sequence: measured on the demo
    /// data, the ungrouped sequence was sometimes a few bytes smaller before block
    /// compression but never after it (1M records, Zstandard: 7.46 MB when weighed,
    /// 7.40 MB always grouped), and trying it cost a fifth of the encoding time.
    package static func encode(
        _ values: UnsafeBufferPointer<Double>, groups: UnsafeBufferPointer<UInt64>?, into out: inout ByteWriter
    ) {
        guard let groups, values.count >= 64 else { encode(values, into: &out); return }
        let n = values.count
        let map = DenseKeyMap()
        var ids = [Int64](repeating: 0, count: n)
        var sizes = [Int](repeating: 0, count: 257)
        for i in 0..<n {
            let g = map.id(for: groups[i])
            guard g < 256 else { encode(values, into: &out); return }
            ids[i] = Int64(g)
            sizes[g + 1] += 1
        }
        let groupCount = map.count
        guard groupCount > 1 else { encode(values, into: &out); return }
        // Each group's values, contiguous and in row order (a counting sort by group).
        for g in 0..<groupCount { sizes[g + 1] += sizes[g] }
        var members = [Double](repeating: 0, count: n)
        var cursor = sizes
        for i in 0..<n {
            let g = Int(ids[i])
            members[cursor[g]] = values[i]
            cursor[g] += 1
        }
        var grouped = ByteWriter(capacity: n * 2)
        grouped.write(3)
        grouped.writeVarUInt(UInt64(groupCount))
        IntegerEncoding.encode(ids, into: &grouped)
        members.withUnsafeBufferPointer { m in
            for g in 0..<groupCount {
                encode(UnsafeBufferPointer(rebasing: m[sizes[g]..<sizes[g + 1]]), into: &grouped)
            }
        }
        out.write(contentsOf: grouped.bytes)
    }

    /// A whole number the decoder restores exactly from an integer.
    @inline(__always)
    static func isWhole(_ v: Double) -> Bool {
        v >= 0 && v < 9.0e15 && Double(Int64(v)) == v && v.sign == .plus
    }

    /// Encodes quantities, choosing the smaller of one scaled sequence and the split.
    package static func encode(_ values: UnsafeBufferPointer<Double>, into out: inout ByteWriter) {
        var wholeCount = 0
        for v in values where isWhole(v) { wholeCount += 1 }
        // All whole (token counts): scale 0 is exact and the split has nothing to split.
        if wholeCount == values.count { encodeScaled(values, scale: 0, into: &out); return }
        var single = ByteWriter(capacity: values.count * 2)
        let k = encodeSingle(values, into: &single)
        // The split saves about 3.3 bits per whole number per decimal digit of scale and
        // spends up to a bit per value on flags: when that is unlikely to pay, it is not
        // tried (a heuristic: on the demo data it changed the store by +0.05%).
        guard wholeCount > 0, k.map({ wholeCount * 3 * $0 >= values.count }) ?? true else {
            out.write(contentsOf: single.bytes)
            return
        }
        var whole = [Int64]()
        whole.reserveCapacity(wholeCount)
        var flags = [Int64](repeating: 0, count: values.count)
        var others = [Double]()
        others.reserveCapacity(values.count - wholeCount)
        for (i, v) in values.enumerated() {
            if isWhole(v) {
                whole.append(Int64(v))
            } else {
                flags[i] = 1
                others.append(v)
            }
        }
        var split = ByteWriter(capacity: values.count * 2)
        split.write(2)
        IntegerEncoding.encode(flags, into: &split)
        IntegerEncoding.encode(whole, into: &split)
        others.withUnsafeBufferPointer { _ = encodeSingle($0, into: &split) }
        out.write(contentsOf: split.count < single.count ? split.bytes : single.bytes)
    }

    /// Encodes the values as one sequence; returns the scale used, nil for raw bits.
    static func encodeSingle(_ values: UnsafeBufferPointer<Double>, into out: inout ByteWriter) -> Int? {
        if let k = scale(of: values) {
            encodeScaled(values, scale: k, into: &out)
            return k
        } else {
            var ints = [Int64](repeating: 0, count: values.count)
            for i in 0..<values.count { ints[i] = Int64(bitPattern: values[i].bitPattern) }
            out.write(1)
            ints.withUnsafeBufferPointer { IntegerEncoding.encode($0, into: &out) }
            return nil
        }
    }

    /// Tag 0: the values times 10^k as integers (every value must be exact at scale k).
    static func encodeScaled(_ values: UnsafeBufferPointer<Double>, scale k: Int, into out: inout ByteWriter) {
        var ints = [Int64](repeating: 0, count: values.count)
        let p = powers[k]
        ints.withUnsafeMutableBufferPointer { dst in
            if k == 0 {
                for i in 0..<values.count { dst[i] = Int64(values[i]) }
            } else {
                for i in 0..<values.count { dst[i] = Int64(roundedHalfAwayFromZero(values[i] * p)) }
            }
        }
        out.write(0)
        out.write(UInt8(k))
        ints.withUnsafeBufferPointer { IntegerEncoding.encode($0, into: &out) }
    }

    /// Decodes `count` quantities; `scratch` is reused integer storage.
    package static func decode(
        _ reader: inout ByteReader, count: Int, into out: UnsafeMutablePointer<Double>,
        scratch: inout [Int64], depth: Int = 0
    ) throws(FormatError) {
        let tag = try reader.readByte()
        if scratch.count < count { scratch = [Int64](repeating: 0, count: count) }
        try scratch.withUnsafeMutableBufferPointer { (s) throws(FormatError) in
            let ints = s.baseAddress!
            switch tag {
            case 0:
                let k = Int(try reader.readByte())
                guard k <= 9 else { throw .malformed("quantity scale \(k)") }
                try IntegerEncoding.decode(&reader, count: count, into: ints)
                let p = powers[k]
                if k == 0 {
                    for i in 0..<count { out[i] = Double(ints[i]) }
                } else {
                    for i in 0..<count { out[i] = Double(ints[i]) / p }
                }
            case 1:
                try IntegerEncoding.decode(&reader, count: count, into: ints)
                for i in 0..<count { out[i] = Double(bitPattern: UInt64(bitPattern: ints[i])) }
            case 2 where depth <= 1:
                try IntegerEncoding.decode(&reader, count: count, into: ints)
                var wholeCount = 0
                for i in 0..<count {
                    guard ints[i] == 0 || ints[i] == 1 else { throw .malformed("quantity split flag \(ints[i])") }
                    if ints[i] == 0 { wholeCount += 1 }
                }
                var flags = [Bool](repeating: false, count: count)
                for i in 0..<count { flags[i] = ints[i] == 1 }
                // Whole numbers into the front of `out`, the others after them, then spread.
                try IntegerEncoding.decode(&reader, count: wholeCount, into: ints)
                for i in 0..<wholeCount { out[i] = Double(ints[i]) }
                var nested = [Int64]()
                try decode(&reader, count: count - wholeCount, into: out + wholeCount, scratch: &nested, depth: depth + 1)
                var others = [Double](UnsafeBufferPointer(start: out + wholeCount, count: count - wholeCount))
                var w = wholeCount - 1, o = others.count - 1
                for i in stride(from: count - 1, through: 0, by: -1) {
                    if flags[i] { out[i] = others[o]; o -= 1 } else { out[i] = out[w]; w -= 1 }
                }
                others.removeAll()
            case 3 where depth == 0:
                let groups = try reader.readCount(limit: 256)
                try IntegerEncoding.decode(&reader, count: count, into: ints)
                // Each group's values go into one contiguous buffer at the group's offset,
                // then are dealt back to their rows in order.
                var cursor = [Int](repeating: 0, count: groups + 1)
                for i in 0..<count {
                    let g = ints[i]
                    guard g >= 0 && g < Int64(groups) else { throw .malformed("quantity group \(g) of \(groups)") }
                    cursor[Int(g) + 1] += 1
                }
                for g in 0..<groups { cursor[g + 1] += cursor[g] }
                let values = UnsafeMutablePointer<Double>.allocate(capacity: max(count, 1))
                defer { values.deallocate() }
                var nested = [Int64]()
                for g in 0..<groups {
                    try decode(&reader, count: cursor[g + 1] - cursor[g], into: values + cursor[g], scratch: &nested, depth: 1)
                }
                try cursor.withUnsafeMutableBufferPointer { (c) throws(FormatError) in
                    for i in 0..<count {
                        let g = Int(truncatingIfNeeded: ints[i])
                        out[i] = values[c[g]]
                        c[g] += 1
                    }
                }
            default:
                throw .malformed("unknown quantity encoding \(tag)")
            }
        }
    }
}

