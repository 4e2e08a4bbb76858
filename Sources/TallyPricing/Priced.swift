import TallySystem
import TallyFormat
/// The result of pricing one quantity: its cost and whether a rate existed.
public struct Priced: Sendable, Hashable {
    /// The cost in nano-USD; 0 when unpriced.
    public var costNanos: Int64
    /// `.rateCard` when a rate row priced it, `.unpriced` when none applied.
    public var costSource: CostSource

    /// Whether a rate row applied.
    public var isPriced: Bool { costSource == .rateCard }

    /// The result for a quantity no rate row applies to.
    public static let unpriced = Priced(costNanos: 0, costSource: .unpriced)

    /// Creates a result.
    public init(costNanos: Int64, costSource: CostSource) {
        self.costNanos = costNanos
        self.costSource = costSource
    }
}
