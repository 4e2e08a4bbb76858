/// Joins: both sides bound, their names side by side, the condition split into equality
/// keys (one side's expression = the other's: a hash join) and a residual condition
/// checked on each matching pair.
extension SelectBinder {
    func bindJoin(_ join: SyntaxJoin) throws(SQLError) -> BoundFrom {
        let left = try bindFrom(join.left)
        if case .lateral(let query, let alias, let range) = join.right {
            return try bindLateralJoin(join, left: left, query: query, alias: alias, range: range)
        }
        var right = try bindFrom(join.right)
        let width = left.scope.width
        for (i, _) in right.scope.sources.enumerated() { right.scope.sources[i].offset += width }
        for l in left.scope.sources {
            for r in right.scope.sources where !l.qualifiers.isDisjoint(with: r.qualifiers) {
                throw SQLError(.invalidArgument, "the table name \(r.displayName) is used twice in this FROM", at: join.right.range,
                               hint: "give one of them an alias: usage AS a JOIN usage AS b")
            }
        }
        var merged = left.scope.merged
        for (name, e) in right.scope.merged where merged[name] == nil { merged[name] = e.remapColumns { $0 + width } }
        var hidden = left.scope.hiddenFromStar
        for h in right.scope.hiddenFromStar { hidden.insert([h[0] + left.scope.sources.count, h[1]]) }
        var scope = BindingScope(sources: left.scope.sources + right.scope.sources, merged: merged, hiddenFromStar: hidden)

        let binder = ExpressionBinder(sql: sql, scope: scope, zone: zone)
        binder.outerSources = outerSources
        binder.queryBinder = self
        var leftKeys: [BoundExpression] = [], rightKeys: [BoundExpression] = []
        var residual: [BoundExpression] = []
        switch join.condition {
        case .none:
            break
        case .on(let condition):
            if SyntaxInspector.containsAggregate(condition) {
                throw SQLError(.misplacedAggregate, "aggregate functions are not allowed in a join's ON condition", at: condition.range)
            }
            let bound = try binder.coerce(try binder.bind(condition, .whereClause), to: .boolean, at: condition.range)
            for c in Optimizer.conjuncts(bound) {
                if let (l, r) = Self.equalityKey(c, leftWidth: width) {
                    leftKeys.append(l)
                    rightKeys.append(r.remapColumns { $0 - width })
                } else {
                    residual.append(c)
                }
            }
        case .using(let names):
            let leftBinder = ExpressionBinder(sql: sql, scope: left.scope, zone: zone)
            let rightBinder = ExpressionBinder(sql: sql, scope: right.scope, zone: zone)
            for n in names {
                let column = SyntaxExpression.column(qualifier: nil, name: n)
                let l: BoundExpression, r: BoundExpression
                do { l = try leftBinder.bind(column, .whereClause) } catch {
                    throw SQLError(.invalidArgument, "Column \"\(n.text)\" does not exist on left side of join", at: n.range)
                }
                do { r = try rightBinder.bind(column, .whereClause) } catch {
                    throw SQLError(.invalidArgument, "Column \"\(n.text)\" does not exist on right side of join", at: n.range)
                }
                let t = try binder.commonType(l, r, "=", n.range)
                leftKeys.append(try binder.cast(l, to: t, at: n.range))
                rightKeys.append(try binder.cast(r.remapColumns { $0 - width }, to: t, at: n.range))
                // An unqualified name reads the left column (the right one in a RIGHT JOIN,
                // either in a FULL JOIN); `*` shows it once.
                let rightOutput = r
                switch join.kind {
                case .right: scope.merged[n.normalized] = rightOutput
                case .full: scope.merged[n.normalized] = BoundExpressions.coalesce(try binder.cast(l, to: t, at: n.range), try binder.cast(rightOutput, to: t, at: n.range))
                default: scope.merged[n.normalized] = l
                }
                if case .column(let index, _, _) = r, let si = scope.sources.firstIndex(where: { index >= $0.offset && index < $0.offset + $0.columns.count }) {
                    scope.hiddenFromStar.insert([si, index - scope.sources[si].offset])
                }
            }
            for s in [leftBinder, rightBinder] where !s.referencedColumns.isEmpty {
                binder.referencedColumns.formUnion(s.referencedColumns)
            }
        }
        let node = JoinNode(kind: join.kind, left: left.plan, right: right.plan, leftKeys: leftKeys, rightKeys: rightKeys,
                            residual: residual.isEmpty ? nil : (residual.count == 1 ? residual[0] : .conjunction(isAnd: true, residual)))
        return BoundFrom(plan: .join(node), scope: scope,
                         usageColumns: left.usageColumns.union(right.usageColumns).union(binder.referencedColumns))
    }

    /// `l = r` with `l` reading only the left side's columns and `r` only the right's (or
    /// the other way round): a hash join key, as (left expression, right expression).
    static func equalityKey(_ c: BoundExpression, leftWidth: Int) -> (BoundExpression, BoundExpression)? {
        guard case .call(let f, let args) = c, args.count == 2, f.name == "=" else { return nil }
        let a = args[0].referencedColumns, b = args[1].referencedColumns
        guard !a.isEmpty, !b.isEmpty, !args[0].containsSubquery, !args[1].containsSubquery else { return nil }
        let aLeft = a.allSatisfy { $0 < leftWidth }, aRight = a.allSatisfy { $0 >= leftWidth }
        let bLeft = b.allSatisfy { $0 < leftWidth }, bRight = b.allSatisfy { $0 >= leftWidth }
        if aLeft && bRight { return (args[0], args[1]) }
        if aRight && bLeft { return (args[1], args[0]) }
        return nil
    }
}

/// Bound expressions the binder builds without syntax.
enum BoundExpressions {
    /// `coalesce(a, b)` as a CASE (both of one type).
    static func coalesce(_ a: BoundExpression, _ b: BoundExpression) -> BoundExpression {
        let present = BoundExpression.call(BoundFunction(name: "IS NOT NULL", returnType: .boolean, canFail: false,
                                                         kernel: NullTests.kernel(negated: true)), [a])
        return .caseWhen([(present, a)], b, a.type)
    }
}
