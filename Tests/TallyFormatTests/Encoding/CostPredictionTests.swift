import Testing
@testable import TallyFormat
import TallySystem
import TallyStore
import TallyTestSupport

@Suite struct CostPredictionTests {
    /// The decoder's inlined fast path against the general prediction, on whole and
    /// fractional quantities, negative and huge rates, and the overflow edges.
    @Test func inlinedPredictionMatchesTheGeneralOne() {
        var g = SeededGenerator(seed: 11)
        let edges: [Double] = [0, 1, 0.5, 2.5, 9.0e15 - 1, 9.0e15, 1e300, Double.leastNonzeroMagnitude, 4_611_686_018_427.0]
        let rates: [Int64] = [0, 1, -1, 3_000_000, -3_000_000, Int64.max, Int64.min + 1, 499_999, 500_000, 1_000_000_000_000]
        for q in edges { for r in rates { #expect(CostEncoding.predictInline(quantity: q, ratePerMillion: r) == CostEncoding.predict(quantity: q, ratePerMillion: r)) } }
        for _ in 0..<100_000 {
            let q: Double = Bool.random(using: &g)
                ? Double(Int64.random(in: 0..<2_000_000_000, using: &g))
                : Double.random(in: 0..<1e7, using: &g)
            let r = Int64.random(in: -10_000_000_000...10_000_000_000_000, using: &g)
            #expect(CostEncoding.predictInline(quantity: q, ratePerMillion: r) == CostEncoding.predict(quantity: q, ratePerMillion: r))
        }
    }
}
