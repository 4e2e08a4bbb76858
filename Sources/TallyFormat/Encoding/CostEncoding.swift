import TallySystem
/// Lossless encoding of the `cost` column (Int64 nano-USD) that exploits the fact that
/// cost is usually quantity x a known rate.
///
/// Rows are split into rate groups (in a part: one group per distinct service, unit and
/// model). For each group the encoder estimates a rate R in nano-USD per million units
/// and stores, per row, only the residual `cost - predict(quantity, R)`. When costs come
/// from a rate card the residuals are almost all zero and cost nearly nothing; when they
/// do not, the plain encoding is chosen instead. The prediction is integer arithmetic
/// for integral quantities and a deterministic IEEE-754 expression otherwise; either way
/// the stored residual makes the decoded cost exact.
///
/// | tag | body                                                                      |
/// |-----|---------------------------------------------------------------------------|
/// | 0   | costs as an integer sequence                                              |
/// | 1   | group count g, g rates (zigzag varints), group ids (integer sequence),    |
/// |     | residuals (integer sequence)                                              |
package enum CostEncoding {
    /// The cost that `quantity` units at `ratePerMillion` nano-USD per million units
    /// is predicted to have (round half away from zero). Deterministic across machines.
    @inlinable
    package static func predict(quantity q: Double, ratePerMillion r: Int64) -> Int64 {
        // Whole quantities are recognised by converting to Int64 and back: exact below
        // 2^53, and without the libm call that `rounded(.towardZero)` is on baseline
        // x86-64 (callgrind, top 100 runs over 10M rows: prediction 517M -> 428M).
        if q >= 0, q < 9.0e15, Double(Int64(q)) == q {
            // Int64 when the product fits (token counts x rates almost always do):
            // 128-bit division is a library call, several times slower. Same result:
            // both round half away from zero with truncating division.
            let (p64, overflow) = Int64(q).multipliedReportingOverflow(by: r)
            if !overflow && p64.magnitude < UInt64(Int64.max - 500_000) {
                return (p64 + (p64 >= 0 ? 500_000 : -500_000)) / 1_000_000
            }
            let product = Int128(Int64(q)) * Int128(r)
            let half: Int128 = product >= 0 ? 500_000 : -500_000
            let v = (product + half) / 1_000_000
            return v > Int128(Int64.max) || v < Int128(Int64.min) ? 0 : Int64(v)
        }
        let v = (q * Double(r) / 1_000_000).rounded()
        return v.magnitude < 9.0e18 ? Int64(v) : 0
    }

    /// Encodes `costs`, with `quantities` and a rate-group key per row.
    /// `predict`, with its common case (a whole, non-negative quantity times a
    /// non-negative rate that fits in 63 bits) inlined into the decoder's loop:
    /// unsigned division by the constant is a multiply and a shift. The same result as
    /// `predict` (round half up equals half away from zero for non-negative values).
    @inline(__always)
    static func predictInline(quantity q: Double, ratePerMillion r: Int64) -> Int64 {
        if q >= 0, q < 9.0e15, r >= 0 {
            let whole = Int64(q)
            if Double(whole) == q {
                let (p, overflow) = whole.multipliedReportingOverflow(by: r)
                if !overflow && p <= Int64.max - 500_000 {
                    return Int64(bitPattern: (UInt64(bitPattern: p) &+ 500_000) / 1_000_000)
                }
            }
        }
        return predict(quantity: q, ratePerMillion: r)
    }

    package static func encode(
        costs: UnsafeBufferPointer<Int64>, quantities: UnsafeBufferPointer<Double>,
        groupKeys: UnsafeBufferPointer<UInt64>, into out: inout ByteWriter
    ) {
        let n = costs.count
        func plain() -> ByteWriter {
            var plain = ByteWriter(capacity: costs.count)
            plain.write(0)
            IntegerEncoding.encode(costs, into: &plain)
            return plain
        }
        guard n >= 16 else { out.write(contentsOf: plain().bytes); return }

        // Dense group ids in order of first appearance; per group, the row with the
        // largest quantity pins the rate most precisely.
        let groupOf = DenseKeyMap()
        var groupIds = [Int64](repeating: 0, count: n)
        var bestRow = [Int]()
        for i in 0..<n {
            let g = groupOf.id(for: groupKeys[i])
            if g == bestRow.count { bestRow.append(i) }
            groupIds[i] = Int64(g)
            if quantities[i] > quantities[bestRow[g]] { bestRow[g] = i }
        }
        guard bestRow.count <= n / 4 else { out.write(contentsOf: plain().bytes); return }
        var rates = [Int64](repeating: 0, count: bestRow.count)
        for (g, row) in bestRow.enumerated() {
            rates[g] = estimateRate(quantity: quantities[row], cost: costs[row])
        }
        var residuals = [Int64](repeating: 0, count: n)
        for i in 0..<n {
            residuals[i] = costs[i] &- predictInline(quantity: quantities[i], ratePerMillion: rates[Int(groupIds[i])])
        }
        var predicted = ByteWriter(capacity: n / 2)
        predicted.write(1)
        predicted.writeVarUInt(UInt64(rates.count))
        for r in rates { predicted.writeVarInt(r) }
        IntegerEncoding.encode(groupIds, into: &predicted)
        let residualStart = predicted.count
        IntegerEncoding.encode(residuals, into: &predicted)
        // Costs that follow their rates leave residuals of at most a bit each: then the
        // costs are the rates' products, and the plain sequence of such products (wide
        // and varied) is not tried, saving a third of the column's encoding time. This
        // is a heuristic: the group ids are not counted against it (they took about five
        // bits a row in realistic parts, more than any threshold that still skipped),
        // and the plain sequence wins only for costs that barely vary, whose ids are
        // then nearly free too.
        if predicted.count - residualStart <= n / 8 {
            out.write(contentsOf: predicted.bytes)
            return
        }
        let p = plain()
        out.write(contentsOf: predicted.count < p.count ? predicted.bytes : p.bytes)
    }

    /// The rate that reproduces `cost` for `quantity`, preferring the roundest decimal
    /// (rates are published as short decimals), so that rows with smaller quantities in
    /// the same group are predicted exactly too.
    static func estimateRate(quantity q: Double, cost: Int64) -> Int64 {
        guard q > 0, q < 9.0e15 else { return 0 }
        let estimate = (Double(cost) * 1_000_000 / q).rounded()
        guard estimate.magnitude < 9.0e17 else { return 0 }
        let raw = Int64(estimate)
        var scale: Int64 = 1_000_000_000_000
        while scale > 1 {
            let candidate = ((raw + scale / 2) / scale) * scale
            if candidate != 0 && predict(quantity: q, ratePerMillion: candidate) == cost { return candidate }
            scale /= 10
        }
        return raw
    }

    /// Decodes `count` costs; `quantities` must be the same rows' decoded quantities.
    package static func decode(
        _ reader: inout ByteReader, count: Int, quantities: UnsafePointer<Double>,
        into out: UnsafeMutablePointer<Int64>, scratch: inout [Int64]
    ) throws(FormatError) {
        let tag = try reader.readByte()
        switch tag {
        case 0:
            try IntegerEncoding.decode(&reader, count: count, into: out)
        case 1:
            let groups = try reader.readCount(limit: max(count, 1))
            var rates = [Int64](repeating: 0, count: groups)
            for g in 0..<groups { rates[g] = try reader.readVarInt() }
            if scratch.count < count { scratch = [Int64](repeating: 0, count: count) }
            try scratch.withUnsafeMutableBufferPointer { (ids) throws(FormatError) in
                try IntegerEncoding.decode(&reader, count: count, into: ids.baseAddress!)
                try IntegerEncoding.decode(&reader, count: count, into: out)
                try rates.withUnsafeBufferPointer { (r) throws(FormatError) in
                    for i in 0..<count {
                        let g = Int(truncatingIfNeeded: ids[i])
                        guard g >= 0 && g < groups else { throw .malformed("cost rate group \(g) of \(groups)") }
                        out[i] = out[i] &+ predictInline(quantity: quantities[i], ratePerMillion: r[g])
                    }
                }
            }
        default:
            throw .malformed("unknown cost encoding \(tag)")
        }
    }
}
