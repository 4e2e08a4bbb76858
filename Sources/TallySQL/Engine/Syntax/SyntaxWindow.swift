/// `OVER (...)` or `OVER name` as written: the window a window function runs over.
package struct SyntaxWindow: Sendable {
    /// `OVER w` / `OVER (w ...)`: a window named in the WINDOW clause this one builds on.
    package var baseName: SQLIdentifier? = nil
    /// PARTITION BY.
    package var partitionBy: [SyntaxExpression] = []
    /// ORDER BY.
    package var orderBy: [SyntaxOrderItem] = []
    /// ROWS / RANGE frame (nil: DuckDB's default frame).
    package var frame: SyntaxFrame? = nil
    /// The whole window.
    package var range: SourceRange
    /// The call before OVER (`sum(x)`), for EXPLAIN.
    package var callRange: SourceRange? = nil
}

/// `ROWS|RANGE BETWEEN start AND end` (or one bound, ending at the current row).
package struct SyntaxFrame: Sendable {
    /// RANGE (true) or ROWS (false).
    package var isRange: Bool
    /// The start bound.
    package var start: SyntaxFrameBound
    /// The end bound.
    package var end: SyntaxFrameBound
    /// The frame as written.
    package var range: SourceRange
}

/// One edge of a frame.
package enum SyntaxFrameBound: Sendable {
    /// The partition's first row.
    case unboundedPreceding
    /// `n PRECEDING`: n rows (ROWS) or n key units (RANGE) before the current row.
    case preceding(SyntaxExpression)
    /// The current row (RANGE: its first or last peer).
    case currentRow
    /// `n FOLLOWING`.
    case following(SyntaxExpression)
    /// The partition's last row.
    case unboundedFollowing
}

/// `WINDOW name AS (...)`.
package struct SyntaxNamedWindow: Sendable {
    /// The name.
    package var name: SQLIdentifier
    /// The window.
    package var window: SyntaxWindow
}
