extension Array {
    /// Makes room for `n` more elements, growing the capacity at least twofold.
    ///
    /// `reserveCapacity(count + n)` before each of many appends allocates exactly that much
    /// every time, copying the whole array per call: quadratic in the number of calls (a
    /// group-by adding its new keys per chunk spent 15% of its time copying them; a Parquet
    /// file read row group by row group the same). This keeps the one-allocation benefit
    /// for a single large append and the amortised growth for many.
    @inlinable
    package mutating func reserveForAppend(_ n: Int) {
        let needed = count + n
        if capacity < needed { reserveCapacity(Swift.max(needed, capacity * 2)) }
    }
}
