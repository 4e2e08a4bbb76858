import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// The front end of Tally's SQL subset: parsing one query into an ``SQLStatement``, and
/// splitting REPL input into statements.
///
/// The subset is one `SELECT` over one table:
/// ```sql
/// SELECT model_id, date_trunc('day', ts) AS day, sum(cost_usd) AS cost
/// FROM usage
/// WHERE service IN ('anthropic', 'openai') AND ts >= TIMESTAMP '2026-10-01 00:00:00'
/// GROUP BY 1, 2
/// HAVING sum(cost_usd) > 0.5
/// ORDER BY cost DESC
/// LIMIT 10;
/// ```
/// Anything else (joins, subqueries, window functions, CTEs, UNION, SELECT DISTINCT, other
/// functions, other statements) fails with an ``SQLError`` of kind `.unsupported` that names
/// the construct and points at it. The parser checks syntax and the placement of aggregates;
/// column names and types are the binder's business.
package enum SQLParser {
    /// How deeply parentheses, NOT, unary minus and function calls may nest.
    package static let maximumNestingDepth = 100
    /// How deep an expression tree may be (a chain of n ORs is n deep).
    package static let maximumExpressionHeight = 1000

    /// Parses exactly one statement, optionally followed by `;`.
    ///
    /// Never traps: any input gives a statement or an ``SQLError``.
    package static func parse(_ sql: String) throws(SQLError) -> SQLStatement {
        var parser = SQLStatementParser(sql)
        return try parser.parseQuery()
    }

    /// Parses a lone expression, as it could appear in a select list or a WHERE clause.
    package static func parseExpression(_ sql: String) throws(SQLError) -> SQLExpression {
        var parser = SQLStatementParser(sql)
        return try parser.parseStandaloneExpression()
    }

    /// Splits REPL input at the semicolons that end statements (not those inside strings,
    /// quoted identifiers or comments).
    ///
    /// `complete` holds each finished statement without its `;` and trimmed of surrounding
    /// whitespace; statements that hold nothing but whitespace and comments are dropped.
    /// `remainder` is the unfinished text after the last `;` with leading whitespace removed,
    /// or `""` if that text is only whitespace and complete comments, so the REPL can tell
    /// whether to show a continuation prompt.
    package static func splitStatements(_ text: String) -> (complete: [String], remainder: String) {
        SQLStatementSplitter.split(text)
    }
}
