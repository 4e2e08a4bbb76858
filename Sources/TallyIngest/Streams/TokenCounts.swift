import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// The token counts of one usage event in Tally's disjoint classes.
///
/// `nil` means the runtime did not report that class (no row is written); 0 means it
/// reported zero (no row either, as it carries no cost, but it is not a guess).
struct TokenCounts: Sendable, Equatable {
    var input: Int64?
    var cacheWrite5m: Int64?
    var cacheWrite1h: Int64?
    var cacheRead: Int64?
    /// Generated tokens excluding the separately reported reasoning share.
    var output: Int64?
    var reasoning: Int64?

    /// The classes paired with their `unit` names, in a fixed order.
    var byUnit: [(unit: String, quantity: Int64?)] {
        [
            (TokenClass.input.unit, input),
            (TokenClass.cacheWrite5m.unit, cacheWrite5m),
            (TokenClass.cacheWrite1h.unit, cacheWrite1h),
            (TokenClass.cacheRead.unit, cacheRead),
            (TokenClass.output.unit, output),
            (TokenClass.reasoning.unit, reasoning),
        ]
    }

    /// All classes added together (saturating), used to pick the final streaming snapshot.
    var total: Int64 {
        byUnit.reduce(Int64(0)) { sum, pair in
            let (s, o) = sum.addingReportingOverflow(pair.quantity ?? 0)
            return o ? Int64.max : s
        }
    }
}
