/// An expression as written, before names and types are resolved: the parser's output
/// for the engine's full grammar (DuckDB's dialect for one table).
package indirect enum SyntaxExpression: Sendable {
    /// `name` or `alias.name`.
    case column(qualifier: String?, name: SQLIdentifier)
    /// `*` or `alias.*` (in a select list, or `count(*)`).
    case star(qualifier: String?, SourceRange)
    /// A constant.
    case literal(SyntaxLiteral, SourceRange)
    /// `-x`, `+x`, `NOT x`, `~x`.
    case unary(String, SyntaxExpression, SourceRange)
    /// `l op r` for arithmetic (`+ - * / // % ^`), `||`, comparisons, AND, OR,
    /// `IS DISTINCT FROM` ("<=>!" for IS DISTINCT, "<=>" for IS NOT DISTINCT).
    case binary(String, SyntaxExpression, SyntaxExpression, SourceRange)
    /// `x IS [NOT] NULL`.
    case isNull(SyntaxExpression, negated: Bool, SourceRange)
    /// `x IS [NOT] TRUE/FALSE`.
    case isBoolean(SyntaxExpression, value: Bool, negated: Bool, SourceRange)
    /// `x [NOT] IN (a, b, ...)`.
    case inList(SyntaxExpression, [SyntaxExpression], negated: Bool, SourceRange)
    /// `x [NOT] BETWEEN a AND b`.
    case between(SyntaxExpression, SyntaxExpression, SyntaxExpression, negated: Bool, SourceRange)
    /// `x [NOT] LIKE/ILIKE p [ESCAPE e]`.
    case like(SyntaxExpression, SyntaxExpression, caseInsensitive: Bool, negated: Bool, escape: SyntaxExpression?, SourceRange)
    /// `CASE [operand] WHEN ... THEN ... [ELSE ...] END`.
    case caseWhen(operand: SyntaxExpression?, branches: [(SyntaxExpression, SyntaxExpression)], otherwise: SyntaxExpression?, SourceRange)
    /// `CAST(x AS t)`, `TRY_CAST(x AS t)`, `x::t`.
    case cast(SyntaxExpression, LogicalType, isTry: Bool, SourceRange)
    /// A function or aggregate call.
    case call(SyntaxCall)
    /// `x AT TIME ZONE z`.
    case atTimeZone(SyntaxExpression, SyntaxExpression, SourceRange)
    /// `(SELECT ...)`: a scalar subquery (its one row's one value, NULL without rows).
    case subquery(SyntaxSelect, SourceRange)
    /// `x [NOT] IN (SELECT ...)`.
    case inSubquery(SyntaxExpression, SyntaxSelect, negated: Bool, SourceRange)
    /// `EXISTS (SELECT ...)`.
    case exists(SyntaxSelect, SourceRange)

    /// Where the expression is in the query.
    package var range: SourceRange {
        switch self {
        case .column(_, let name): return name.range
        case .star(_, let r), .literal(_, let r), .unary(_, _, let r), .binary(_, _, _, let r), .isNull(_, _, let r),
             .isBoolean(_, _, _, let r), .inList(_, _, _, let r), .between(_, _, _, _, let r), .like(_, _, _, _, _, let r),
             .caseWhen(_, _, _, let r), .cast(_, _, _, let r), .atTimeZone(_, _, let r),
             .subquery(_, let r), .inSubquery(_, _, _, let r), .exists(_, let r):
            return r
        case .call(let c): return c.range
        }
    }

    /// The direct subexpressions of this query level (a subquery's own expressions belong
    /// to the subquery).
    package var children: [SyntaxExpression] {
        switch self {
        case .column, .star, .literal, .subquery, .exists: return []
        case .inSubquery(let x, _, _, _): return [x]
        case .unary(_, let x, _), .isNull(let x, _, _), .isBoolean(let x, _, _, _), .cast(let x, _, _, _): return [x]
        case .binary(_, let l, let r, _), .atTimeZone(let l, let r, _): return [l, r]
        case .inList(let x, let xs, _, _): return [x] + xs
        case .between(let x, let a, let b, _, _): return [x, a, b]
        case .like(let x, let p, _, _, let e, _): return [x, p] + (e.map { [$0] } ?? [])
        case .caseWhen(let o, let bs, let e, _):
            return (o.map { [$0] } ?? []) + bs.flatMap { [$0.0, $0.1] } + (e.map { [$0] } ?? [])
        case .call(let c):
            return c.arguments + c.orderBy.map(\.expression) + (c.filter.map { [$0] } ?? [])
                + (c.over.map { $0.partitionBy + $0.orderBy.map(\.expression) } ?? [])
        }
    }
}

/// A call `name([DISTINCT] args [ORDER BY ...]) [FILTER (WHERE ...)]`.
package struct SyntaxCall: Sendable {
    /// The function name, lower-cased.
    package var name: String
    /// Where the name is.
    package var nameRange: SourceRange
    /// The arguments (`count(*)` has a `.star`).
    package var arguments: [SyntaxExpression]
    /// `DISTINCT` was written.
    package var isDistinct: Bool
    /// `ORDER BY` inside the call (string_agg, list, first, ...).
    package var orderBy: [SyntaxOrderItem]
    /// `FILTER (WHERE ...)`.
    package var filter: SyntaxExpression?
    /// The whole call.
    package var range: SourceRange
    /// `OVER (...)`: a window function call.
    package var over: SyntaxWindow? = nil
}

/// A constant as written.
package enum SyntaxLiteral: Sendable {
    /// An integer, decimal or exponent number, as written.
    case number(String)
    /// `'text'`.
    case string(String)
    /// TRUE / FALSE.
    case boolean(Bool)
    /// NULL.
    case null
    /// `DATE '...'`, `TIMESTAMP '...'`, `INTERVAL '...'` and other `TYPE 'text'` forms.
    case typed(LogicalType, String)
    /// `INTERVAL n unit` / `INTERVAL 'n' unit` already resolved.
    case interval(Interval)
}

/// One ORDER BY key.
package struct SyntaxOrderItem: Sendable {
    /// The key.
    package var expression: SyntaxExpression
    /// DESC was written.
    package var descending: Bool
    /// NULLS FIRST (true), NULLS LAST (false), or the default (nil).
    package var nullsFirst: Bool?
}
