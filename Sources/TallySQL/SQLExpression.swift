import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// An expression of Tally's SQL subset. Every node knows where it is in the query
/// (``range``) so that the binder can report errors under the right token.
///
/// Parentheses leave no node of their own: `(a + b)` is the `.binary` for `a + b`.
/// A minus sign directly before a numeric literal is folded into the literal.
package indirect enum SQLExpression: Sendable, Hashable {
    /// A column name (or, in GROUP BY / ORDER BY / HAVING, possibly a select alias: the binder decides).
    case column(SQLIdentifier)
    /// A constant.
    case literal(SQLLiteral, SourceRange)
    /// `-x` or `NOT x`.
    case unary(SQLUnaryOperator, SQLExpression, SourceRange)
    /// `l op r`: arithmetic, comparison, AND, OR.
    case binary(SQLBinaryOperator, SQLExpression, SQLExpression, SourceRange)
    /// `x [NOT] IN (e1, e2, ...)`, with at least one element.
    case inList(SQLExpression, [SQLExpression], negated: Bool, SourceRange)
    /// `x [NOT] BETWEEN low AND high`.
    case between(SQLExpression, low: SQLExpression, high: SQLExpression, negated: Bool, SourceRange)
    /// `x [NOT] LIKE 'pattern'`.
    case like(SQLExpression, SQLLikePattern, negated: Bool, SourceRange)
    /// `x IS [NOT] NULL`.
    case isNull(SQLExpression, negated: Bool, SourceRange)
    /// An aggregate call: `count(*)`, `sum(x)`, `quantile_cont(x, 0.9)`, ...
    case aggregate(SQLAggregateCall)
    /// `date_trunc('unit', x)`.
    case dateTrunc(SQLTimeBucket, SQLExpression, SourceRange)

    /// Where the whole expression is in the query (without enclosing parentheses).
    package var range: SourceRange {
        switch self {
        case .column(let id): return id.range
        case .literal(_, let r), .unary(_, _, let r), .binary(_, _, _, let r), .inList(_, _, _, let r),
             .between(_, _, _, _, let r), .like(_, _, _, let r), .isNull(_, _, let r), .dateTrunc(_, _, let r):
            return r
        case .aggregate(let call): return call.range
        }
    }

    /// The direct subexpressions, left to right (an aggregate's argument included).
    package var children: [SQLExpression] {
        switch self {
        case .column, .literal: return []
        case .unary(_, let x, _): return [x]
        case .binary(_, let l, let r, _): return [l, r]
        case .inList(let x, let list, _, _): return [x] + list
        case .between(let x, let low, let high, _, _): return [x, low, high]
        case .like(let x, _, _, _), .isNull(let x, _, _), .dateTrunc(_, let x, _): return [x]
        case .aggregate(let call): return call.argument.map { [$0] } ?? []
        }
    }

    /// Whether an aggregate call occurs anywhere in the expression.
    package var containsAggregate: Bool {
        if case .aggregate = self { return true }
        return children.contains { $0.containsAggregate }
    }
}
