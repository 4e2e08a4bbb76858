extension Int128 {
    /// The nearest double, as `Double(self)` gives it, without the standard library's
    /// generic conversion when the value fits an Int64 (nearly always: sums of money and
    /// counts). The generic path, with its witness-table calls, was a quarter of a 7-day
    /// moving average over one project's daily spend (`avg` of DECIMAL per window row,
    /// per_step 10M).
    @inline(__always)
    var nearestDouble: Double {
        if self >= Int128(Int64.min) && self <= Int128(Int64.max) {
            return Double(Int64(truncatingIfNeeded: self))
        }
        return Double(self)
    }
}
