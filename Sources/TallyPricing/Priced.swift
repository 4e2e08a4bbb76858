import TallySystem
import TallyFormat
/// The result of pricing one quantity: its cost and whether a rate existed.
package struct Priced: Sendable, Hashable {
    /// The cost in nano-USD; 0 when unpriced.
    package var costNanos: Int64
    /// `.rateCard` when a rate row priced it, `.unpriced` when none applied.
    package var costSource: CostSource

    /// Whether a rate row applied.
    package var isPriced: Bool { costSource == .rateCard }

    /// The result for a quantity no rate row applies to.
    package static let unpriced = Priced(costNanos: 0, costSource: .unpriced)

    /// Creates a result.
    package init(costNanos: Int64, costSource: CostSource) {
        self.costNanos = costNanos
        self.costSource = costSource
    }
}
