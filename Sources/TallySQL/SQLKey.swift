import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// A GROUP BY or ORDER BY key: a select-list position or an expression.
///
/// A bare integer literal is a position (1-based, already checked against the select list).
/// A name may be a column or a select alias; the binder resolves it, because only it knows
/// the table's columns.
package enum SQLKey: Sendable, Hashable {
    /// The select item at this 1-based position.
    case position(Int, SourceRange)
    /// Any other expression (a column, an alias, `date_trunc('day', ts)`, `sum(cost_usd)`, ...).
    case expression(SQLExpression)

    /// Where the key is in the query.
    package var range: SourceRange {
        switch self {
        case .position(_, let r): return r
        case .expression(let e): return e.range
        }
    }
}
