/// A statement of the engine's grammar.
package indirect enum SyntaxStatement: Sendable {
    /// A query.
    case select(SyntaxSelect)
    /// `DESCRIBE usage` / `DESCRIBE SELECT ...`.
    case describe(SyntaxSelect?)
    /// `SHOW TABLES`.
    case showTables
    /// `SUMMARIZE usage` / `SUMMARIZE SELECT ...`.
    case summarize(SyntaxSelect)
    /// `EXPLAIN [ANALYZE] statement`.
    case explain(SyntaxStatement, analyze: Bool)
    /// `SET [SESSION|LOCAL] name = value` / `SET name TO value`.
    case set(name: String, value: String, SourceRange)
    /// `RESET name`.
    case reset(name: String, SourceRange)
}

/// One element of GROUP BY.
package enum SyntaxGroupElement: Sendable {
    /// An expression.
    case expression(SyntaxExpression)
    /// `ROLLUP (a, b)`.
    case rollup([SyntaxExpression])
    /// `CUBE (a, b)`.
    case cube([SyntaxExpression])
    /// `GROUPING SETS ((a, b), (a), ())`.
    case groupingSets([[SyntaxExpression]])
    /// `()`: the empty set.
    case empty
}

/// A select-list entry.
package enum SyntaxSelectItem: Sendable {
    /// `expr [AS alias]`.
    case expression(SyntaxExpression, alias: SQLIdentifier?)
    /// `*` / `t.*`, with `EXCLUDE (...)` and `REPLACE (expr AS name, ...)`.
    case star(qualifier: String?, exclude: [SQLIdentifier], replace: [(SyntaxExpression, SQLIdentifier)], SourceRange)
}

/// A named table in FROM: usage, or a common table expression.
package struct SyntaxTable: Sendable {
    /// The table's name.
    package var name: SQLIdentifier
    /// `AS alias`.
    package var alias: SQLIdentifier?
    /// `AS alias(a, b)`: new names for the first columns.
    package var columnAliases: [SQLIdentifier] = []
}

/// A SELECT.
package struct SyntaxSelect: Sendable {
    /// SELECT DISTINCT.
    package var distinct = false
    /// SELECT DISTINCT ON (...).
    package var distinctOn: [SyntaxExpression]? = nil
    /// The select list.
    package var items: [SyntaxSelectItem] = []
    /// `WITH name AS (...), ...`: common table expressions visible to this query.
    package var commonTables: [SyntaxCommonTable] = []
    /// FROM (nil: a query without a table, `SELECT 1 + 1`).
    package var from: SyntaxTableReference? = nil
    /// WHERE.
    package var whereClause: SyntaxExpression? = nil
    /// GROUP BY ALL.
    package var groupByAll = false
    /// GROUP BY elements.
    package var groupBy: [SyntaxGroupElement] = []
    /// HAVING.
    package var having: SyntaxExpression? = nil
    /// QUALIFY.
    package var qualify: SyntaxExpression? = nil
    /// `WINDOW name AS (...)`: the named windows.
    package var windows: [SyntaxNamedWindow] = []
    /// ORDER BY ALL [DESC] [NULLS ...].
    package var orderByAll: SyntaxOrderItem? = nil
    /// ORDER BY.
    package var orderBy: [SyntaxOrderItem] = []
    /// LIMIT (a constant expression).
    package var limit: SyntaxExpression? = nil
    /// LIMIT n% was written.
    package var limitPercent = false
    /// OFFSET.
    package var offset: SyntaxExpression? = nil
    /// The whole statement.
    package var range: SourceRange
}
