import Testing
@testable import TallyFormat
import TallySystem
import TallyStore
import TallyTestSupport

/// Property tests: every encoding decodes to exactly what was encoded, whatever the
/// shape of the data (constant, runs, sorted, outliers, full 64-bit range).
@Suite struct EncodingRoundTripTests {
    static func shapes(seed: UInt64) -> [[Int64]] {
        var g = SeededGenerator(seed: seed)
        var out: [[Int64]] = [[], [0], [Int64.min, Int64.max], [Int64.max, Int64.min, 0]]
        for n in [1, 2, 63, 64, 65, 1000, 5000] {
            out.append((0..<n).map { _ in 42 })
            out.append((0..<n).map { _ in Int64.random(in: Int64.min...Int64.max, using: &g) })
            out.append((0..<n).map { _ in Int64.random(in: 0..<16, using: &g) })
            out.append((0..<n).map { i in Int64(i / 37) })  // runs
            out.append((0..<n).map { i in 1_700_000_000_000 + Int64(i) * 1500 + Int64.random(in: 0..<9, using: &g) })  // timestamps
            // Mostly small with rare huge outliers (patched packing).
            out.append((0..<n).map { _ in Int.random(in: 0..<50, using: &g) == 0 ? Int64.random(in: 0..<(1 << 40), using: &g) : Int64.random(in: 0..<300, using: &g) })
            out.append((0..<n).map { _ in Int.random(in: 0..<50, using: &g) == 0 ? Int64.min : Int64.random(in: -5..<5, using: &g) })
            out.append((0..<n).map { i in i % 2 == 0 ? Int64.max : Int64.min })
            // Mostly zero (sparse), with extremes among the nonzero values.
            out.append((0..<n).map { _ in Int.random(in: 0..<4, using: &g) != 0 ? 0 : [Int64.min, Int64.max, -1, 77][Int.random(in: 0..<4, using: &g)] })
            // Timestamps sorted within runs: repeats, small gaps, and negative resets.
            out.append(Self.runTimestamps(count: n, using: &g))
        }
        return out
    }

    /// Rows sorted by (run, time): a few rows share each call's timestamp, calls are
    /// seconds apart, and each new run starts at a random earlier or later time.
    static func runTimestamps(count n: Int, using g: inout SeededGenerator) -> [Int64] {
        var out = [Int64]()
        var t: Int64 = 1_760_000_000_000
        while out.count < n {
            if Int.random(in: 0..<40, using: &g) == 0 { t = 1_760_000_000_000 + Int64.random(in: 0..<86_400_000, using: &g) }
            t += Int64.random(in: 1..<60_000, using: &g)
            for _ in 0..<Int.random(in: 1...6, using: &g) where out.count < n { out.append(t) }
        }
        return out
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func integerSequencesRoundTrip(seed: UInt64) throws {
        for values in Self.shapes(seed: seed) {
            var w = ByteWriter()
            IntegerEncoding.encode(values, into: &w)
            var decoded = [Int64](repeating: -1, count: values.count + 1)
            try w.bytes.withUnsafeBytes { raw in
                var r = ByteReader(raw)
                try decoded.withUnsafeMutableBufferPointer { try IntegerEncoding.decode(&r, count: values.count, into: $0.baseAddress!) }
                #expect(r.remaining == 0)
            }
            #expect(Array(decoded.prefix(values.count)) == values)
        }
    }

    @Test func patchedPackingBeatsPlainPackingOnOutliers() {
        var g = SeededGenerator(seed: 9)
        let values: [Int64] = (0..<10_000).map { _ in Int.random(in: 0..<100, using: &g) == 0 ? 1 << 30 : Int64.random(in: 0..<256, using: &g) }
        var w = ByteWriter()
        IntegerEncoding.encode(values, into: &w)
        #expect(w.bytes[0] == IntegerEncoding.patchedTag)
        #expect(w.count < 10_000 * 12 / 8)  // well under the 31 bits plain packing needs
    }

    @Test func mostlyZeroSequencesAreStoredSparse() throws {
        var g = SeededGenerator(seed: 12)
        let values: [Int64] = (0..<10_000).map { _ in Int.random(in: 0..<4, using: &g) == 0 ? Int64.random(in: 1..<(1 << 16), using: &g) : 0 }
        var w = ByteWriter()
        IntegerEncoding.encode(values, into: &w)
        #expect(w.bytes[0] == IntegerEncoding.sparseTag)
        // A bit per value plus about a quarter of the values at 16 bits, not 16 bits each.
        #expect(w.count < 10_000 * 6 / 8)
    }

    @Test func timeDeltasWithNegativeResetsPackAtTheGapsWidth() throws {
        var g = SeededGenerator(seed: 13)
        let ts = Self.runTimestamps(count: 20_000, using: &g)
        var w = ByteWriter()
        IntegerEncoding.encode(ts, into: &w)
        #expect(w.bytes[0] == IntegerEncoding.deltaTag)
        // Gaps under 60 s need 16 bits; if the resets (27 bits below zero) set the base,
        // every gap would take 28. About 2/7 of the values are gaps.
        #expect(w.count < 20_000 * 7 / 8)
        var decoded = [Int64](repeating: 0, count: ts.count)
        try w.bytes.withUnsafeBytes { raw in
            var r = ByteReader(raw)
            try decoded.withUnsafeMutableBufferPointer { try IntegerEncoding.decode(&r, count: ts.count, into: $0.baseAddress!) }
        }
        #expect(decoded == ts)
    }

    @Test func sparseBitmapsThatDisagreeWithTheirCountAreRejected() {
        var g = SeededGenerator(seed: 14)
        let values: [Int64] = (0..<256).map { _ in Int.random(in: 0..<4, using: &g) == 0 ? 5 : 0 }
        var w = ByteWriter()
        IntegerEncoding.encode(values, into: &w)
        #expect(w.bytes[0] == IntegerEncoding.sparseTag)
        // Byte 1 is the nonzero count (under 128, one varint byte); byte 2 starts the bitmap.
        for (offset, flip) in [(1, UInt8(1)), (2, 0x80), (2 + 31, 0x80)] {
            var bytes = w.bytes
            bytes[offset] ^= flip
            var decoded = [Int64](repeating: 0, count: values.count)
            #expect(throws: FormatError.self) {
                try bytes.withUnsafeBytes { raw in
                    var r = ByteReader(raw)
                    try decoded.withUnsafeMutableBufferPointer { try IntegerEncoding.decode(&r, count: values.count, into: $0.baseAddress!) }
                }
            }
        }
    }

    @Test func quantitiesRoundTripBitForBit() throws {
        var g = SeededGenerator(seed: 4)
        let cases: [[Double]] = [
            [0, 1, 2, 1e15, 12.5, 0.001, 4.353],
            (0..<3000).map { _ in Double(Int.random(in: 0..<1_000_000, using: &g)) },
            (0..<3000).map { _ in Double.random(in: 0..<1e6, using: &g) },
            (0..<3000).map { i in i % 10 == 0 ? Double(Int.random(in: 0..<10_000, using: &g)) / 1000 : Double(Int.random(in: 0..<100, using: &g)) },
            [Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, 0.1, 0.2, 0.30000000000000004],
            // Exact at scale 1 but not at scale 3: found by comparing rollups with rows.
            [64.6, 12.345, 64.6, 0.5],
            // Mixed precisions in random order (one decimal, three decimals, whole).
            (0..<5000).map { _ in
                switch Int.random(in: 0..<3, using: &g) {
                case 0: return Double(Int.random(in: 0..<100_000, using: &g)) / 10
                case 1: return Double(Int.random(in: 0..<100_000, using: &g)) / 1000
                default: return Double(Int.random(in: 0..<100_000, using: &g))
                }
            },
        ]
        for values in cases {
            var w = ByteWriter()
            values.withUnsafeBufferPointer { QuantityEncoding.encode($0, into: &w) }
            var decoded = [Double](repeating: -1, count: values.count)
            var scratch = [Int64]()
            try w.bytes.withUnsafeBytes { raw in
                var r = ByteReader(raw)
                try decoded.withUnsafeMutableBufferPointer { try QuantityEncoding.decode(&r, count: values.count, into: $0.baseAddress!, scratch: &scratch) }
            }
            #expect(decoded.map(\.bitPattern) == values.map(\.bitPattern))
        }
    }

    @Test func quantitiesGroupedByUnitRoundTripAndShrink() throws {
        var g = SeededGenerator(seed: 8)
        let n = 20_000
        let groups: [UInt64] = (0..<n).map { i in UInt64(i % 5) }
        // Each group its own magnitude; group 4 mixes fractions (split inside a group).
        let values: [Double] = (0..<n).map { i in
            switch i % 5 {
            case 0: return Double(Int.random(in: 0..<64, using: &g))
            case 1: return Double(Int.random(in: 0..<200_000, using: &g))
            case 2: return Double(Int.random(in: 0..<2_000, using: &g))
            case 3: return 0
            default: return i % 3 == 0 ? Double(Int.random(in: 0..<1000, using: &g)) / 10 : Double(Int.random(in: 0..<100, using: &g))
            }
        }
        var grouped = ByteWriter(), plain = ByteWriter()
        values.withUnsafeBufferPointer { v in groups.withUnsafeBufferPointer { k in QuantityEncoding.encode(v, groups: k, into: &grouped) } }
        values.withUnsafeBufferPointer { QuantityEncoding.encode($0, into: &plain) }
        #expect(grouped.bytes[0] == 3)
        #expect(grouped.count < plain.count)
        var decoded = [Double](repeating: -1, count: n)
        var scratch = [Int64]()
        try grouped.bytes.withUnsafeBytes { raw in
            var r = ByteReader(raw)
            try decoded.withUnsafeMutableBufferPointer { try QuantityEncoding.decode(&r, count: n, into: $0.baseAddress!, scratch: &scratch) }
            #expect(r.remaining == 0)
        }
        #expect(decoded.map(\.bitPattern) == values.map(\.bitPattern))
    }

    @Test func costsRoundTripWhetherOrNotTheyFollowARate() throws {
        var g = SeededGenerator(seed: 5)
        let n = 5000
        let quantities: [Double] = (0..<n).map { i in i % 7 == 0 ? Double(Int.random(in: 0..<10_000, using: &g)) / 10 : Double(Int.random(in: 0..<200_000, using: &g)) }
        let groups: [UInt64] = (0..<n).map { _ in UInt64.random(in: 0..<6, using: &g) }
        let rates: [Int64] = [3_000_000_000, 300_000_000, 15_000_000_000, 75_000_000, 14_000, 1]
        for noise in [false, true] {
            let costs: [Int64] = (0..<n).map { i in
                let predicted = CostEncoding.predict(quantity: quantities[i], ratePerMillion: rates[Int(groups[i])])
                return noise && i % 3 == 0 ? Int64.random(in: -1_000_000...Int64.max / 2, using: &g) : predicted
            }
            var w = ByteWriter()
            costs.withUnsafeBufferPointer { c in quantities.withUnsafeBufferPointer { q in groups.withUnsafeBufferPointer { k in
                CostEncoding.encode(costs: c, quantities: q, groupKeys: k, into: &w)
            }}}
            if !noise { #expect(w.count < n / 2) }  // predicted costs cost almost nothing
            var decoded = [Int64](repeating: 0, count: n)
            var scratch = [Int64]()
            try w.bytes.withUnsafeBytes { raw in
                var r = ByteReader(raw)
                try quantities.withUnsafeBufferPointer { q in
                    try decoded.withUnsafeMutableBufferPointer { try CostEncoding.decode(&r, count: n, quantities: q.baseAddress!, into: $0.baseAddress!, scratch: &scratch) }
                }
            }
            #expect(decoded == costs)
        }
    }

    @Test func corruptEncodingsThrowInsteadOfCrashing() {
        var g = SeededGenerator(seed: 11)
        for values in Self.shapes(seed: 7) where values.count > 10 {
            var w = ByteWriter()
            IntegerEncoding.encode(values, into: &w)
            for _ in 0..<20 {
                var bytes = w.bytes
                let cut = Int.random(in: 0..<bytes.count, using: &g)
                if Bool.random(using: &g) { bytes = Array(bytes.prefix(cut)) } else { bytes[cut] ^= UInt8.random(in: 1...255, using: &g) }
                var decoded = [Int64](repeating: 0, count: values.count)
                bytes.withUnsafeBytes { raw in
                    var r = ByteReader(raw)
                    decoded.withUnsafeMutableBufferPointer { p in _ = try? IntegerEncoding.decode(&r, count: values.count, into: p.baseAddress!) }
                }
            }
        }
    }
}
