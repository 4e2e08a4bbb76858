import CTallyKernels

/// An Int64-backed resident vector (dictionary codes, integers, decimals, instants) kept
/// as narrow offsets from a base: `value = base + offset * scale`, each offset 1 or 2
/// bytes. Widened to Int64s for the operators when a chunk is made, stretch by stretch.
///
/// Why: a resident scan reads its columns from memory, not from the cache, and at 8 bytes
/// a row the reading was most of a raw-column query (`WHERE cost_usd > 0.01 GROUP BY
/// service` over per_step 10M reads 160 MB; the filter and the gather waited on memory
/// more than they computed). A code of `service`, `unit` or `model_id` needs one byte,
/// of a few thousand users two. Widening writes the chunk's Int64s once, into the caches
/// the operators then read them from.
struct PackedInts: Sendable {
    enum Offsets: Sendable {
        case bytes([UInt8])
        case halves([UInt16])
    }

    let base: Int64
    let scale: Int64
    let offsets: Offsets
    let count: Int

    /// `values` packed, or nil when their span does not fit two bytes in any of the scales
    /// (the vector then stays as it is).
    init?(_ values: [Int64]) {
        guard let lo = values.min(), let hi = values.max() else { return nil }
        // The span in units of the largest of these scales that divides every offset:
        // instants are whole milliseconds (of microseconds), many costs whole micro-USD.
        let (span, overflow) = hi.subtractingReportingOverflow(lo)
        guard !overflow else { return nil }
        var scale: Int64 = 1
        if span > Int64(UInt8.max) {
            for s: Int64 in [1_000_000, 1000] where values.allSatisfy({ ($0 &- lo) % s == 0 }) {
                scale = s
                break
            }
        }
        let units = span / scale
        // Only at a quarter of the bytes or less: at half (four-byte offsets), widening
        // cost more than the reading saved (measured on per_step and many_small 10M:
        // hour of day over `ts` 22 -> 26-36 ms, top sandboxes 27 -> 33 ms; the queries
        // that read one-byte codes 5-15% faster).
        guard units <= Int64(UInt16.max) else { return nil }
        base = lo
        self.scale = scale
        count = values.count
        func narrowed<T: FixedWidthInteger>(_: T.Type) -> [T] {
            [T](unsafeUninitializedCapacity: values.count) { out, made in
                values.withUnsafeBufferPointer { v in
                    if scale == 1 {
                        for i in 0..<v.count { out[i] = T(truncatingIfNeeded: v[i] &- lo) }
                    } else {
                        for i in 0..<v.count { out[i] = T(truncatingIfNeeded: (v[i] &- lo) / scale) }
                    }
                }
                made = values.count
            }
        }
        if units <= Int64(UInt8.max) {
            offsets = .bytes(narrowed(UInt8.self))
        } else {
            offsets = .halves(narrowed(UInt16.self))
        }
    }

    /// Bytes held.
    var bytes: Int {
        switch offsets {
        case .bytes: return count
        case .halves: return count * 2
        }
    }

    /// The values of `rows` (ascending stretches; nil: every row), in order.
    func widened(_ rows: [Range<Int>]?) -> [Int64] {
        let stretches = rows ?? [0..<count]
        let total = stretches.reduce(0) { $0 + $1.count }
        return [Int64](unsafeUninitializedCapacity: total) { out, made in
            var at = 0
            // The C loops (`tally_widen_u8`, `tally_widen_u16`): Swift's stayed scalar, a
            // tenth of `GROUP BY service, model_id, unit` over per_step 10M.
            for r in stretches where !r.isEmpty {
                let dst = out.baseAddress! + at
                switch offsets {
                case .bytes(let a): a.withUnsafeBufferPointer { tally_widen_u8($0.baseAddress! + r.lowerBound, r.count, base, scale, dst) }
                case .halves(let a): a.withUnsafeBufferPointer { tally_widen_u16($0.baseAddress! + r.lowerBound, r.count, base, scale, dst) }
                }
                at += r.count
            }
            made = total
        }
    }
}
