/// What a subquery needs to read columns of the query around it (a correlated subquery).
///
/// The subquery's binder resolves a name it cannot find in its own FROM through `outer`,
/// the binder of the query around it: the outer column is bound there (so the outer scan
/// decodes it, and after GROUP BY it must be a group key, as DuckDB requires), and inside
/// the subquery the name reads a `CorrelationSlot` that the executor fills with the outer
/// row's value before each run of the subquery (see `CorrelatedSubquery`).
final class CorrelationContext {
    /// The binder of the query around the subquery.
    let outer: ExpressionBinder
    /// The clause of the outer query the subquery is in.
    let clause: ExpressionBinder.Clause
    /// The outer expressions the subquery reads, each with the slot it reads them through.
    var captures: [(expression: BoundExpression, slot: CorrelationSlot)] = []

    init(outer: ExpressionBinder, clause: ExpressionBinder.Clause) {
        self.outer = outer
        self.clause = clause
    }

    /// The inner expression reading the outer column `name` (one slot per outer column,
    /// however often it is read), or nil when the outer query has no such column either.
    func reference(_ qualifier: String?, _ name: SQLIdentifier) throws(SQLError) -> BoundExpression {
        let outerColumn = try outer.bind(.column(qualifier: qualifier, name: name), clause)
        let slot: CorrelationSlot
        if let seen = captures.first(where: { $0.expression.identity == outerColumn.identity && $0.expression.type == outerColumn.type }) {
            slot = seen.slot
        } else {
            slot = CorrelationSlot(type: outerColumn.type, name: (qualifier.map { $0 + "." } ?? "") + name.text, range: name.range)
            captures.append((outerColumn, slot))
        }
        return .call(BoundFunction(name: "outer \(slot.name)", returnType: slot.type, canFail: true, kernel: slot.kernel), [])
    }
}

/// One outer value a correlated subquery reads: set by the executor before each run of the
/// subquery, read by the subquery's plan as a constant.
package final class CorrelationSlot: @unchecked Sendable {
    /// The outer column's type.
    package let type: LogicalType
    /// The outer column as written, for EXPLAIN.
    package let name: String
    let range: SourceRange
    private let lock = NSLockLike()
    private var current: ScalarValue? = nil

    init(type: LogicalType, name: String, range: SourceRange) {
        self.type = type
        self.name = name
        self.range = range
    }

    /// Sets the value the next run reads.
    package func set(_ value: ScalarValue) { lock.locked { current = value } }

    /// The current value as a constant vector. Unset (at bind time) it is an error, which
    /// also keeps constant folding from evaluating it.
    var kernel: ScalarKernel {
        { [self] (_: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
            guard let v = lock.locked({ current }) else {
                throw SQLError(.invalidArgument, "the outer value \(name) is read outside its subquery", at: range)
            }
            return .constant(v, type: type, count: n)
        }
    }
}
