/// Subqueries in expressions: `(SELECT ...)`, `EXISTS (SELECT ...)`, `x [NOT] IN (SELECT ...)`.
/// The inner query is bound on its own; a name it finds only in the query around it makes it
/// correlated (`CorrelationContext`): the outer values become the expression's key
/// arguments, after IN's operand.
extension ExpressionBinder {
    func bindSubquery(_ q: SyntaxSelect, _ kind: BoundSubquery.Kind, operand: SyntaxExpression?, _ r: SourceRange,
                      _ clause: Clause) throws(SQLError) -> BoundExpression {
        guard var inner = queryBinder else {
            throw SQLError(.unsupported, "subqueries are not supported here", at: r)
        }
        inner.outerSources = outerSources + (scope?.sources ?? [])
        var context = CorrelationContext(outer: self, clause: clause)
        inner.correlation = context
        var bound = try inner.bind(q)
        if !context.captures.isEmpty, inner.rollupRule != .off {
            // A correlated subquery runs on the operators: the rollup rule's engine takes
            // only constant filters.
            inner.rollupRule = .off
            context = CorrelationContext(outer: self, clause: clause)
            inner.correlation = context
            bound = try inner.bind(q)
        }
        let slots = context.captures.map(\.slot), keys = context.captures.map(\.expression)
        let width = bound.types.count
        switch kind {
        case .scalar:
            guard width == 1 else {
                throw SQLError(.invalidArgument, "Subquery returns \(width) columns - expected 1", at: r,
                               hint: "a subquery used as a value selects one column")
            }
            return .subquery(BoundSubquery(kind: .scalar, plan: bound.plan, text: text(r), range: r, slots: slots), keys)
        case .exists:
            return .subquery(BoundSubquery(kind: .exists, plan: bound.plan, text: "(" + text(q.range) + ")", range: r, slots: slots), keys)
        case .membership:
            guard width == 1 else {
                throw SQLError(.invalidArgument, "Subquery returns \(width) columns - expected 1", at: q.range,
                               hint: "the subquery of IN selects one column")
            }
            let operand = operand!
            let subject = try bind(operand, clause)
            let column = bound.types[0]
            guard var t = TypePromotion.common(subject.type, column)
                    ?? (subject.type == .varchar && subject.constantValue != nil ? column : nil) else {
                throw SQLError(.invalidArgument, "IN compares \(subject.type) with \(column)", at: r, hint: "add an explicit CAST")
            }
            if t == .null { t = .integer }
            let s = try coerce(subject, to: t, at: operand.range)
            var plan = bound.plan
            if column != t {
                plan = .project(plan, [try cast(.column(0, column, name: bound.names[0]), to: t, at: q.range)])
            }
            return .subquery(BoundSubquery(kind: kind, plan: plan, text: "(" + text(q.range) + ")", range: r, slots: slots), [s] + keys)
        }
    }
}
