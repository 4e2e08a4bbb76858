import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// A prefix operator.
package enum SQLUnaryOperator: String, Sendable, Hashable {
    /// Arithmetic negation, `-x` (applied to something other than a numeric literal, which is
    /// folded into a negative ``SQLNumber``).
    case negate = "-"
    /// Logical negation, `NOT x`.
    case not = "NOT"
}
