import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// One entry of the select list: an expression and its optional alias.
package struct SQLSelectItem: Sendable, Hashable {
    /// The computed expression.
    package var expression: SQLExpression
    /// The name given with `AS name` (or just `name`), if any.
    package var alias: SQLIdentifier?
    /// The expression and its alias.
    package var range: SourceRange

    /// Creates a select item.
    package init(expression: SQLExpression, alias: SQLIdentifier?, range: SourceRange) {
        self.expression = expression
        self.alias = alias
        self.range = range
    }

    /// The result column's header: the alias as written, else the column name as written,
    /// else the expression in normalised SQL (as DuckDB names unaliased columns).
    package var outputName: String {
        if let alias { return alias.text }
        if case .column(let id) = expression { return id.text }
        return expression.description
    }
}
