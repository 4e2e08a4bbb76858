import Foundation

/// A subquery inside an expression. An uncorrelated one does not depend on the outer row,
/// so the executor runs it once before the outer plan and folds it into a constant (scalar,
/// EXISTS) or a hashed value set (IN): see `SubqueryResolver`. A correlated one reads outer
/// values through `slots` and runs once per distinct outer key (`CorrelatedSubquery`).
package final class BoundSubquery: Sendable {
    /// How the subquery's rows become a value.
    package enum Kind: Sendable {
        /// `(SELECT x ...)`: the one row's value, NULL without rows, an error with more.
        case scalar
        /// `EXISTS (SELECT ...)`: whether there is a row.
        case exists
        /// `x [NOT] IN (SELECT y ...)`: membership with SQL's NULL rules (the operand is
        /// the expression's one argument).
        case membership(negated: Bool)
    }

    /// How the rows become a value.
    package let kind: Kind
    /// The subquery's plan (for IN, its one column is cast to the comparison type).
    package let plan: LogicalPlan
    /// The query as written, for EXPLAIN and errors.
    package let text: String
    /// Where it is in the statement.
    package let range: SourceRange
    /// A correlated subquery's outer values, in the order of the expression's key
    /// arguments (after IN's operand): the executor runs it once per distinct key.
    package let slots: [CorrelationSlot]
    /// Held while a correlated subquery runs: its slots hold one key at a time, and the
    /// same subquery may be evaluated at once by the scan's workers and, folded twice, by
    /// both a filter and the scan's dictionary pruning.
    package let runLock = NSLock()

    /// A subquery of `kind` over `plan`.
    package init(kind: Kind, plan: LogicalPlan, text: String, range: SourceRange, slots: [CorrelationSlot] = []) {
        self.kind = kind
        self.plan = plan
        self.text = text
        self.range = range
        self.slots = slots
    }

    /// The expression's result type.
    package var type: LogicalType {
        if case .scalar = kind { return plan.types.first ?? .null }
        return .boolean
    }
}
