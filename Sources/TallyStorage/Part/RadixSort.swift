/// Sorts row indices by 64-bit keys: least-significant-digit radix sort on bytes,
/// skipping every byte position where all keys agree. Stable, O(n) per pass.
enum RadixSort {
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
