import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// A call of an aggregate function.
public struct SQLAggregateCall: Sendable, Hashable {
    /// Which function.
    public var function: SQLAggregateFunction
    /// The aggregated expression; `nil` only for `count(*)`.
    public var argument: SQLExpression?
    /// Whether `DISTINCT` was written (only `count` accepts it).
    public var isDistinct: Bool
    /// The fraction `p` of `quantile_cont(x, p)`, checked to lie in 0...1; `nil` otherwise.
    public var fraction: SQLNumber?
    /// The whole call, from the function name to the closing parenthesis.
    public var range: SourceRange

    /// Creates a call.
    public init(
        function: SQLAggregateFunction, argument: SQLExpression?, isDistinct: Bool = false,
        fraction: SQLNumber? = nil, range: SourceRange
    ) {
        self.function = function
        self.argument = argument
        self.isDistinct = isDistinct
        self.fraction = fraction
        self.range = range
    }

    /// Whether this is `count(*)`.
    public var isCountStar: Bool { function == .count && argument == nil }
}
