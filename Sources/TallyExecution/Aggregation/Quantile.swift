import TallySystem
import TallyFormat
import TallyStore
/// Exact continuous quantiles, interpolated like DuckDB's `quantile_cont` (and
/// `median`, its 0.5 case): for n sorted values the position is q * (n - 1), and a
/// fractional position interpolates linearly between its two neighbours.
package enum Quantile {
    /// The quantile `q` (0...1) of `sorted` (ascending), nil when it is empty.
    package static func continuous(_ q: Double, sorted: UnsafeBufferPointer<Double>) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let pos = q * Double(sorted.count - 1)
        let lo = Int(pos.rounded(.down)), hi = Int(pos.rounded(.up))
        if lo == hi { return sorted[lo] }
        let a = sorted[lo], b = sorted[hi]
        return a + (pos - Double(lo)) * (b - a)
    }

    /// The quantile `q` of unsorted values.
    package static func continuous(_ q: Double, of values: [Double]) -> Double? {
        let s = values.sorted()
        return s.withUnsafeBufferPointer { continuous(q, sorted: $0) }
    }
}
