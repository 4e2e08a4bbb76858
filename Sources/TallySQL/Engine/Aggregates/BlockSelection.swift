/// Order statistics of values spread over blocks (`GroupValueBlocks`), without gathering
/// them into one array: a pass for the smallest and largest key, a pass counting the
/// values in each of up to 65,536 buckets of the key's range, and a pass copying only the
/// values of the buckets the wanted positions fall in, which quickselect then places.
///
/// A key is an unsigned integer in the values' order, so a bucket holds a stretch of the
/// sorted values: `(key - smallest) >> shift`. The buckets split the range of the keys, not
/// the values evenly: with a few extreme outliers most values fall in one bucket, and the
/// copy is then most of the group (correct, and as slow as a plain copy and select).
enum BlockSelection {
    /// Fewer values than this are copied into one array and placed directly.
    static var directLimit: Int { 1 << 16 }
    /// Bits of the key a bucket index takes.
    static var bucketBits: Int { 16 }

    /// The value each of `positions` (0-based, in sorted order, each `< count`) holds when
    /// the values of group `g` of `blocks` are sorted.
    static func values<Value: SelectableValue>(at positions: [Int], of g: Int, in blocks: GroupValueBlocks<Value>) -> [Int: Value] {
        let count = blocks.counts[g]
        precondition(positions.allSatisfy { $0 >= 0 && $0 < count })
        @inline(__always) func forEachBlock(_ body: (UnsafeBufferPointer<Value>) -> Void) { blocks.forEachBlock(g, body) }
        @inline(__always) func key(_ x: Value) -> UInt64 { x.selectionKey }
        let less = Value.selectionLess
        if count <= directLimit {
            var all: [Value] = []
            all.reserveCapacity(count)
            forEachBlock { all.append(contentsOf: $0) }
            Selection.place(&all, positions, by: less)
            return Dictionary(positions.map { ($0, all[$0]) }, uniquingKeysWith: { a, _ in a })
        }
        // Pass 1: the range of the keys.
        var lowest = UInt64.max, highest = UInt64.min
        var any: Value? = nil
        forEachBlock { b in
            if any == nil, let f = b.first { any = f }
            for x in b {
                let k = key(x)
                lowest = min(lowest, k)
                highest = max(highest, k)
            }
        }
        if lowest == highest, let v = any {
            return Dictionary(positions.map { ($0, v) }, uniquingKeysWith: { a, _ in a })
        }
        let span = highest &- lowest
        let width = UInt64.bitWidth - span.leadingZeroBitCount
        let shift = UInt64(max(0, width - bucketBits))
        let buckets = Int(span >> shift) + 1
        // Pass 2: values per bucket.
        var starts = [Int](repeating: 0, count: buckets + 1)
        starts.withUnsafeMutableBufferPointer { h in
            forEachBlock { b in
                for x in b { h[Int((key(x) &- lowest) >> shift)] &+= 1 }
            }
        }
        // Prefix sums: bucket j holds sorted positions starts[j]..<starts[j + 1].
        var running = 0
        for j in 0..<buckets {
            let c = starts[j]
            starts[j] = running
            running += c
        }
        starts[buckets] = running
        func bucket(of p: Int) -> Int {
            // The last bucket whose start is at most p.
            var lo = 0, hi = buckets - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if starts[mid] <= p { lo = mid } else { hi = mid - 1 }
            }
            return lo
        }
        let wanted = Array(Set(positions.map(bucket))).sorted()
        // Where each wanted bucket's values go in the scratch array.
        var region = [Int32](repeating: -1, count: buckets)
        var offsets: [Int] = []
        var total = 0
        for (r, j) in wanted.enumerated() {
            region[j] = Int32(r)
            offsets.append(total)
            total += starts[j + 1] - starts[j]
        }
        offsets.append(total)
        // Pass 3: the wanted buckets' values, each bucket's in its own stretch.
        guard let sample = any else { return [:] }
        var scratch = [Value](repeating: sample, count: total)
        var fill = Array(offsets.dropLast())
        scratch.withUnsafeMutableBufferPointer { out in
            region.withUnsafeBufferPointer { reg in
                forEachBlock { b in
                    for x in b {
                        let r = reg[Int((key(x) &- lowest) >> shift)]
                        if r >= 0 {
                            out[fill[Int(r)]] = x
                            fill[Int(r)] += 1
                        }
                    }
                }
            }
        }
        var result: [Int: Value] = [:]
        for (r, j) in wanted.enumerated() {
            var part = Array(scratch[offsets[r]..<offsets[r + 1]])
            let ranks = positions.filter { bucket(of: $0) == j }.map { $0 - starts[j] }
            Selection.place(&part, ranks, by: less)
            for p in positions where bucket(of: p) == j { result[p] = part[p - starts[j]] }
        }
        return result
    }
}

/// A value whose order statistics `BlockSelection` finds: a key, an unsigned integer in
/// the values' order, and the order itself.
protocol SelectableValue: BitwiseCopyable {
    /// The key: `a.selectionKey < b.selectionKey` whenever a sorts before b (values that
    /// sort together may still have different keys, as -0.0 and 0.0 do).
    var selectionKey: UInt64 { get }
    /// The order.
    static func selectionLess(_ a: Self, _ b: Self) -> Bool
}

extension Int64: SelectableValue {
    /// The bits with the sign flipped, so unsigned order is signed order.
    @inline(__always)
    var selectionKey: UInt64 { UInt64(bitPattern: self) ^ (1 << 63) }
    @inline(__always)
    static func selectionLess(_ a: Int64, _ b: Int64) -> Bool { a < b }
}

extension Double: SelectableValue {
    /// DuckDB's order (NaN above every number): negative numbers' bits inverted, positive
    /// numbers' sign bit set, every NaN the largest key. -0.0 keys below 0.0, an order
    /// `<` also allows.
    @inline(__always)
    var selectionKey: UInt64 {
        if isNaN { return .max }
        let bits = bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }
    @inline(__always)
    static func selectionLess(_ a: Double, _ b: Double) -> Bool { a < b || (b.isNaN && !a.isNaN) }
}
