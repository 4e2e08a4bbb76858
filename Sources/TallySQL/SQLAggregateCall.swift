import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// A call of an aggregate function.
package struct SQLAggregateCall: Sendable, Hashable {
    /// Which function.
    package var function: SQLAggregateFunction
    /// The aggregated expression; `nil` only for `count(*)`.
    package var argument: SQLExpression?
    /// Whether `DISTINCT` was written (only `count` accepts it).
    package var isDistinct: Bool
    /// The fraction `p` of `quantile_cont(x, p)`, checked to lie in 0...1; `nil` otherwise.
    package var fraction: SQLNumber?
    /// The whole call, from the function name to the closing parenthesis.
    package var range: SourceRange

    /// Creates a call.
    package init(
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
    package var isCountStar: Bool { function == .count && argument == nil }
}
