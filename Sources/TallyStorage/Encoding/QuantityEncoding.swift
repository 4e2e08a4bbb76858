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
public enum QuantityEncoding {
    static let powers: [Double] = (0...9).map { k in (0..<k).reduce(1.0) { a, _ in a * 10 } }

    /// The smallest decimal scale k at which every value v satisfies
    /// `Double(Int64((v * 10^k).rounded())) / 10^k == v` bit for bit (the decoder's exact
    /// formula), if any. Every value is checked at the final k: a value that is exact at
    /// a small scale (64.6 at k = 1) need not be at a larger one (64.6 x 1000 is
    /// 64599.99999999999), so passing at some k is not enough.
    static func scale(of values: UnsafeBufferPointer<Double>) -> Int? {
        var k = 0
        while k <= 9 {
            if values.allSatisfy({ exact($0, scale: k) }) { return k }
            k += 1
        }
        return nil
    }

    @inline(__always)
    static func exact(_ v: Double, scale k: Int) -> Bool {
        guard v >= 0, v.sign == .plus else { return false }
        let scaled = (v * powers[k]).rounded()
        guard scaled < 9.0e15 else { return false }
        let back = k == 0 ? Double(Int64(scaled)) : Double(Int64(scaled)) / powers[k]
        return back.bitPattern == v.bitPattern
    }

    /// Encodes quantities with an optional group key per row (the unit), choosing the
    /// smallest of: one sequence, the whole/fractional split, and one sequence per group.
    public static func encode(
        _ values: UnsafeBufferPointer<Double>, groups: UnsafeBufferPointer<UInt64>?, into out: inout ByteWriter
    ) {
        var ungrouped = ByteWriter(capacity: values.count * 2)
        encode(values, into: &ungrouped)
        guard let groups, values.count >= 64 else { out.write(contentsOf: ungrouped.bytes); return }
        var ids = [Int64](repeating: 0, count: values.count)
        var dense = [UInt64: Int]()
        var members = [[Double]]()
        for i in 0..<values.count {
            let g: Int
            if let existing = dense[groups[i]] { g = existing } else {
                g = members.count
                dense[groups[i]] = g
                members.append([])
            }
            ids[i] = Int64(g)
            members[g].append(values[i])
        }
        guard members.count > 1, members.count <= 256 else { out.write(contentsOf: ungrouped.bytes); return }
        var grouped = ByteWriter(capacity: values.count * 2)
        grouped.write(3)
        grouped.writeVarUInt(UInt64(members.count))
        IntegerEncoding.encode(ids, into: &grouped)
        for m in members { m.withUnsafeBufferPointer { encode($0, into: &grouped) } }
        out.write(contentsOf: grouped.count < ungrouped.count ? grouped.bytes : ungrouped.bytes)
    }

    /// Encodes quantities, choosing the smaller of one scaled sequence and the split.
    public static func encode(_ values: UnsafeBufferPointer<Double>, into out: inout ByteWriter) {
        var single = ByteWriter(capacity: values.count * 2)
        encodeSingle(values, into: &single)
        var whole = [Int64]()
        var flags = [Int64](repeating: 0, count: values.count)
        var others = [Double]()
        for (i, v) in values.enumerated() {
            if v >= 0, v < 9.0e15, v == v.rounded(), v.sign == .plus {
                whole.append(Int64(v))
            } else {
                flags[i] = 1
                others.append(v)
            }
        }
        guard !whole.isEmpty, !others.isEmpty else { out.write(contentsOf: single.bytes); return }
        var split = ByteWriter(capacity: values.count * 2)
        split.write(2)
        IntegerEncoding.encode(flags, into: &split)
        IntegerEncoding.encode(whole, into: &split)
        others.withUnsafeBufferPointer { encodeSingle($0, into: &split) }
        out.write(contentsOf: split.count < single.count ? split.bytes : single.bytes)
    }

    static func encodeSingle(_ values: UnsafeBufferPointer<Double>, into out: inout ByteWriter) {
        var ints = [Int64](repeating: 0, count: values.count)
        if let k = scale(of: values) {
            let p = powers[k]
            for i in 0..<values.count { ints[i] = Int64((values[i] * p).rounded()) }
            out.write(0)
            out.write(UInt8(k))
        } else {
            for i in 0..<values.count { ints[i] = Int64(bitPattern: values[i].bitPattern) }
            out.write(1)
        }
        ints.withUnsafeBufferPointer { IntegerEncoding.encode($0, into: &out) }
    }

    /// Decodes `count` quantities; `scratch` is reused integer storage.
    public static func decode(
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
