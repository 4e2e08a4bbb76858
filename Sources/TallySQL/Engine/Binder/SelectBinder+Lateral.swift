/// `FROM t, LATERAL (SELECT ... t.x ...) l` and `t [LEFT] JOIN LATERAL (...) l ON ...`: the
/// right query is bound with the left side as its outer query (its names of left columns
/// become correlation slots, as in a correlated subquery), and runs per distinct key.
extension SelectBinder {
    func bindLateralJoin(_ join: SyntaxJoin, left: BoundFrom, query: SyntaxSelect, alias: SyntaxTable?,
                         range: SourceRange) throws(SQLError) -> BoundFrom {
        guard join.kind == .cross || join.kind == .inner || join.kind == .left else {
            throw SQLError(.unsupported, "\(join.kind.rawValue) JOIN LATERAL is not supported by Tally's SQL yet", at: join.keywordRange,
                           hint: "use a comma, JOIN or LEFT JOIN before LATERAL")
        }
        // The left side as the outer query of the right one.
        let outer = ExpressionBinder(sql: sql, scope: left.scope, zone: zone)
        outer.outerSources = outerSources
        outer.queryBinder = self
        var inner = self
        inner.outerSources = outerSources + left.scope.sources
        inner.rollupRule = .off
        let context = CorrelationContext(outer: outer, clause: .other)
        inner.correlation = context
        let q = try inner.bind(query)
        let name = alias?.name.text ?? "unnamed_subquery"
        let names = try RelationNames.make(q.names, aliases: alias?.columnAliases ?? [], relation: name, at: range)
        var rightSource = TableSource.relation(qualifier: alias?.name.normalized, names: names, types: q.types)
        let width = left.scope.width
        rightSource.offset = width
        for l in left.scope.sources where !l.qualifiers.isDisjoint(with: rightSource.qualifiers) {
            throw SQLError(.invalidArgument, "the table name \(rightSource.displayName) is used twice in this FROM", at: range,
                           hint: "give the LATERAL query another alias")
        }
        let scope = BindingScope(sources: left.scope.sources + [rightSource], merged: left.scope.merged,
                                 hiddenFromStar: left.scope.hiddenFromStar)
        var residual: BoundExpression? = nil
        switch join.condition {
        case .none: break
        case .on(let condition):
            if SyntaxInspector.containsAggregate(condition) {
                throw SQLError(.misplacedAggregate, "aggregate functions are not allowed in a join's ON condition", at: condition.range)
            }
            let binder = ExpressionBinder(sql: sql, scope: scope, zone: zone)
            binder.outerSources = outerSources
            binder.queryBinder = self
            let bound = try binder.coerce(try binder.bind(condition, .whereClause), to: .boolean, at: condition.range)
            if case .bool(true)? = bound.constantValue {} else { residual = bound }
            outer.referencedColumns.formUnion(binder.referencedColumns)
        case .using:
            throw SQLError(.unsupported, "JOIN LATERAL ... USING is not supported by Tally's SQL yet", at: join.keywordRange,
                           hint: "write ON l.x = t.x")
        }
        let node = LateralJoinNode(kind: join.kind == .cross ? .cross : join.kind, left: left.plan, right: q.plan,
                                   slots: context.captures.map(\.slot), keys: context.captures.map(\.expression),
                                   residual: residual, range: range)
        return BoundFrom(plan: .lateral(node), scope: scope, usageColumns: left.usageColumns.union(outer.referencedColumns))
    }
}
