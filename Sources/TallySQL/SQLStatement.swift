import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// A parsed query: the one statement kind of Tally's subset, a `SELECT` over one table.
///
/// Clauses appear in SQL order. Printing a statement (``description``) gives normalised SQL
/// that parses back to the same statement (ranges aside).
package struct SQLStatement: Sendable, Hashable {
    /// The select list, never empty.
    package var selectItems: [SQLSelectItem]
    /// The table after FROM.
    package var from: SQLTableReference
    /// The WHERE condition; contains no aggregate.
    package var whereClause: SQLExpression?
    /// The GROUP BY keys (empty without GROUP BY); contain no aggregate.
    package var groupBy: [SQLKey]
    /// The HAVING condition.
    package var having: SQLExpression?
    /// The ORDER BY keys (empty without ORDER BY).
    package var orderBy: [SQLOrderItem]
    /// LIMIT n.
    package var limit: SQLRowCount?
    /// OFFSET n.
    package var offset: SQLRowCount?
    /// The statement without a trailing semicolon.
    package var range: SourceRange

    /// Creates a statement.
    package init(
        selectItems: [SQLSelectItem], from: SQLTableReference, whereClause: SQLExpression? = nil,
        groupBy: [SQLKey] = [], having: SQLExpression? = nil, orderBy: [SQLOrderItem] = [],
        limit: SQLRowCount? = nil, offset: SQLRowCount? = nil, range: SourceRange
    ) {
        self.selectItems = selectItems
        self.from = from
        self.whereClause = whereClause
        self.groupBy = groupBy
        self.having = having
        self.orderBy = orderBy
        self.limit = limit
        self.offset = offset
        self.range = range
    }

    /// Whether the query aggregates: it has GROUP BY or HAVING, or an aggregate in its select list.
    package var isAggregate: Bool {
        !groupBy.isEmpty || having != nil || selectItems.contains { $0.expression.containsAggregate }
    }
}
