import TallySystem
/// Sorts row indices by 64-bit keys: least-significant-digit radix sort on bytes,
/// skipping every byte position where all keys agree. Stable, O(n) per pass.
enum RadixSort {
    /// The permutation of `permutation(sorting: keys)`, found faster when rows arrive
    /// almost in order: `buckets[i]` (< `bucketCount`) must order rows as the high bits
    /// of their keys do (a bucket's keys all sort before the next bucket's). Rows are
    /// counted into buckets (one pass, stable), and if every bucket's rows then come out
    /// in key order (rows of one agent run arrive in time order) that is the answer;
    /// otherwise the keys are radix sorted. Either way the result is the same.
    static func permutation(sorting keys: [UInt64], buckets: [UInt32], bucketCount: Int) -> [UInt32] {
        let n = keys.count
        precondition(buckets.count == n)
        guard n > 1 else { return [UInt32](0..<UInt32(n)) }
        var starts = [Int](repeating: 0, count: bucketCount + 1)
        var order = [UInt32](repeating: 0, count: n)
        let sorted: Bool = buckets.withUnsafeBufferPointer { b in
            keys.withUnsafeBufferPointer { k in
                starts.withUnsafeMutableBufferPointer { start in
                    order.withUnsafeMutableBufferPointer { o in
                        for i in 0..<n { start[Int(b[i]) &+ 1] &+= 1 }
                        for g in 0..<bucketCount { start[g &+ 1] &+= start[g] }
                        for i in 0..<n {
                            let g = Int(b[i])
                            o[start[g]] = UInt32(truncatingIfNeeded: i)
                            start[g] &+= 1
                        }
                        var previous = k[Int(o[0])]
                        for j in 1..<n {
                            let key = k[Int(o[j])]
                            if key < previous { return false }
                            previous = key
                        }
                        return true
                    }
                }
            }
        }
        return sorted ? order : permutation(sorting: keys)
    }

    /// Returns the permutation of `0..<keys.count` that orders `keys` ascending
    /// (ties keep their original order).
    static func permutation(sorting keys: [UInt64]) -> [UInt32] {
        let n = keys.count
        var order = [UInt32](unsafeUninitializedCapacity: n) { b, c in
            for i in 0..<n { b[i] = UInt32(i) }
            c = n
        }
        guard n > 1 else { return order }
        var allOr: UInt64 = 0
        var allAnd: UInt64 = ~0
        for k in keys { allOr |= k; allAnd &= k }
        let varying = allOr ^ allAnd
        var k1 = keys
        var k2 = [UInt64](repeating: 0, count: n)
        var o2 = [UInt32](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 256)
        for pass in 0..<8 {
            let shift = UInt64(pass * 8)
            guard (varying >> shift) & 0xFF != 0 else { continue }
            for i in 0..<256 { counts[i] = 0 }
            for k in k1 { counts[Int((k >> shift) & 0xFF)] += 1 }
            var sum = 0
            for i in 0..<256 { let c = counts[i]; counts[i] = sum; sum += c }
            k1.withUnsafeBufferPointer { src in
                order.withUnsafeBufferPointer { osrc in
                    k2.withUnsafeMutableBufferPointer { dst in
                        o2.withUnsafeMutableBufferPointer { odst in
                            counts.withUnsafeMutableBufferPointer { cnt in
                                for i in 0..<n {
                                    let k = src[i]
                                    let b = Int((k >> shift) & 0xFF)
                                    let p = cnt[b]
                                    cnt[b] = p + 1
                                    dst[p] = k
                                    odst[p] = osrc[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&k1, &k2)
            swap(&order, &o2)
        }
        return order
    }
}
