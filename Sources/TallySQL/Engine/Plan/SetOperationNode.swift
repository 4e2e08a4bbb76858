/// `left UNION | INTERSECT | EXCEPT [ALL] right` as a plan node. The binder casts both
/// inputs to the unified column types (DuckDB's rules), so the executor compares rows of
/// one type per column.
package struct SetOperationNode: Sendable {
    /// The operator.
    package var op: SetOperator
    /// Duplicates kept (bag semantics) when true; distinct rows otherwise.
    package var all: Bool
    /// The left input (its rows come first in a UNION ALL).
    package var left: LogicalPlan
    /// The right input.
    package var right: LogicalPlan

    /// The label EXPLAIN prints.
    package var label: String { op.rawValue + (all ? " ALL" : "") }
}
