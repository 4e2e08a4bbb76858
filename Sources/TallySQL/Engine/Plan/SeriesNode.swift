/// `generate_series(start, stop, step)` / `range(...)` in FROM: one column of BIGINTs or
/// TIMESTAMPs from start by step, up to stop (generate_series includes stop, range stops
/// before it), as DuckDB makes them. The bounds are expressions (constants or uncorrelated
/// scalar subqueries, `(SELECT max(date) FROM usage)`), evaluated once when the plan runs.
package struct SeriesNode: Sendable {
    /// `generate_series` or `range`, for EXPLAIN.
    package var function: String
    /// The first value (BIGINT or TIMESTAMP).
    package var start: BoundExpression
    /// The bound (same type as start).
    package var stop: BoundExpression
    /// The step: BIGINT for integers, INTERVAL for timestamps.
    package var step: BoundExpression
    /// Whether a value equal to stop is included (generate_series) or not (range).
    package var inclusive: Bool
    /// BIGINT or TIMESTAMP.
    package var type: LogicalType
    /// Where the call is, for errors found when it runs (a zero step).
    package var range: SourceRange

    /// The three bound expressions, for EXPLAIN's subqueries and the subquery resolver.
    package var expressions: [BoundExpression] { [start, stop, step] }
}
