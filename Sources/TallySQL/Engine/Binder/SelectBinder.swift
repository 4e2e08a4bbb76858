/// A bound query: its plan and its result columns.
package struct BoundQuery: Sendable {
    /// The plan.
    package var plan: LogicalPlan
    /// The result's column names.
    package var names: [String]
    /// The result's column types.
    package var types: [LogicalType] { plan.types }
}

/// Binds a SELECT into a logical plan:
/// scan → filter (WHERE) → aggregate → filter (HAVING) → project → distinct → sort → limit.
struct SelectBinder {
    let sql: String
    /// The common table expressions in scope, by name (an inner WITH shadows an outer one).
    var commonTables: [String: MaterializedRelation] = [:]
    /// The FROM sources of the queries around a subquery (for refusing correlated names).
    var outerSources: [TableSource] = []
    /// For a subquery: how it reads columns of the query around it (correlated names).
    var correlation: CorrelationContext? = nil

    /// When single-table SELECTs go to the store's aggregation engine (see `RollupRule`).
    var rollupRule: SQLQuery.RuleMode = .off
    /// The session's time zone (`SET TimeZone`): casts and calendar functions of TIMESTAMP
    /// WITH TIME ZONE work in it.
    var zone: SessionZone = .utc

    init(sql: String) { self.sql = sql }

    func bind(_ s: SyntaxSelect) throws(SQLError) -> BoundQuery {
        var bound = try bindWithCommonTables(s)
        RollupRule.apply(&bound, s, sql, mode: rollupRule)
        if case .storeAggregate = bound.plan { return bound }
        bound.plan = StoreAggregateRewrite.apply(bound.plan, mode: rollupRule)
        return bound
    }

    func bindWithCommonTables(_ s: SyntaxSelect) throws(SQLError) -> BoundQuery {
        guard !s.commonTables.isEmpty else { return try bindSelect(s) }
        // Each CTE sees those before it; the query sees all of them.
        var scope = self
        for cte in s.commonTables {
            let q = try scope.bind(cte.query)
            let names = try RelationNames.make(q.names, aliases: cte.columnAliases, relation: cte.name.text, at: cte.name.range)
            scope.commonTables[cte.name.normalized] = MaterializedRelation(origin: .commonTable, name: cte.name.text, plan: q.plan, columnNames: names)
        }
        var inner = s
        inner.commonTables = []
        return try scope.bindSelect(inner)
    }

    func bindSelect(_ s: SyntaxSelect) throws(SQLError) -> BoundQuery {
        if let rewritten = unnestBelowAggregate(s) { return try bindSelect(rewritten) }
        var plan = LogicalPlan.values([[]], types: [])
        var scope: BindingScope? = nil
        var joinColumns = Set<Int>()
        var fromPlan: LogicalPlan? = nil
        var rightNames: [(name: String, position: Int)] = []
        if let from = s.from {
            let bound = try bindFrom(from)
            (plan, scope, joinColumns) = (bound.plan, bound.scope, bound.usageColumns)
            fromPlan = bound.plan
            rightNames = bound.rightNames
        }
        let binder = ExpressionBinder(sql: sql, scope: scope, zone: zone)
        binder.outerSources = outerSources
        binder.queryBinder = self
        let windows = WindowContext()
        for w in s.windows {
            guard windows.named[w.name.normalized] == nil else {
                throw SQLError(.invalidArgument, "the window \(w.name.text) is defined twice", at: w.name.range)
            }
            windows.named[w.name.normalized] = w.window
        }
        binder.windows = windows

        // The select list with stars expanded: (syntax, name).
        var items: [(SyntaxExpression, String, SQLIdentifier?)] = []
        for item in s.items {
            switch item {
            case .expression(let e, let alias):
                if let expanded = try expandColumns(e, alias: alias, scope: scope, binder: binder) {
                    items += expanded
                    continue
                }
                let name = alias?.text ?? { if case .column(_, let n) = e { return n.text }; return binder.text(e.range) }()
                items.append((e, name, alias))
            case .star(let qualifier, let exclude, let replace, let r):
                guard let scope else { throw SQLError(.invalidArgument, "SELECT * needs FROM usage", at: r) }
                let chosen = scope.sources.indices.filter { qualifier == nil || scope.sources[$0].qualifiers.contains(qualifier!) }
                if chosen.isEmpty {
                    throw SQLError(.invalidArgument, "no table named \(qualifier ?? "") in this query", at: r)
                }
                let excluded = Set(exclude.map(\.normalized))
                for x in exclude where !scope.hasColumn(x.normalized) {
                    throw SQLError(.invalidArgument, "EXCLUDE names the unknown column \(x.text)", at: x.range)
                }
                var replaced: [String: SyntaxExpression] = [:]
                for (e, n) in replace { replaced[n.normalized] = e }
                for si in chosen {
                    let source = scope.sources[si]
                    for (ci, c) in source.visibleColumns where !excluded.contains(c.name.lowercased()) && !scope.hiddenFromStar.contains([si, ci]) {
                        // A relation's names are quoted, so one with capitals binds as itself; in a
                        // join each is qualified by its table (a USING column reads the merged one).
                        let merged = qualifier == nil && scope.merged[c.name.lowercased()] != nil
                        let q = scope.sources.count > 1 && !merged ? source.qualifiers.first : nil
                        let e = replaced[c.name.lowercased()] ?? .column(qualifier: q, name: SQLIdentifier(text: c.name, isQuoted: !source.isUsage, range: r))
                        items.append((e, c.name, nil))
                    }
                }
            }
        }
        for (e, _, alias) in items { if let alias { binder.aliases[alias.normalized] = e } }
        // Over a set operation, a right-side name reads the column in its position.
        if let source = scope?.sources.first {
            for (name, position) in rightNames where binder.aliases[name.lowercased()] == nil {
                binder.aliases[name.lowercased()] = .column(qualifier: nil, name: SQLIdentifier(text: source.columns[position].name, isQuoted: true, range: s.range))
            }
        }


        var whereBound: BoundExpression? = nil
        if let w = s.whereClause {
            // Aliases in WHERE resolve to their select expressions (as DuckDB allows).
            whereBound = try binder.coerce(try binder.bind(w, .whereClause), to: .boolean, at: w.range)
        }

        // `unnest(list)` as a select item: the list is computed, then each row becomes one
        // row per element (UnnestOperator), below ORDER BY and LIMIT.
        var unnestItems: [Int] = []
        for (i, item) in items.enumerated() {
            if case .call(let c) = item.0, c.name == "unnest", c.over == nil, c.arguments.count == 1 {
                unnestItems.append(i)
                let name = item.2 == nil ? "unnest(\(binder.text(c.arguments[0].range)))" : item.1
                items[i] = (c.arguments[0], name, item.2)
            }
        }

        let isAggregate = s.groupByAll || !s.groupBy.isEmpty || s.having != nil
            || items.contains { SyntaxInspector.containsAggregate($0.0) }
            || s.orderBy.contains { SyntaxInspector.containsAggregate($0.expression) }

        var outputs: [BoundExpression] = []
        var spec: AggregateSpec? = nil
        var havingBound: BoundExpression? = nil
        if isAggregate {
            // Group keys over the scan.
            var keySyntax: [SyntaxExpression] = []
            var sets: [[Int]]? = nil
            var positionErrors: [SQLError] = []
            func keyIndex(_ e: SyntaxExpression) -> SyntaxExpression {
                // GROUP BY 2: the second select item; GROUP BY name: a select alias that is not a column.
                if case .literal(.number(let t), let r) = e, let p = Int(t) {
                    if p >= 1 && p <= items.count { return items[p - 1].0 }
                    positionErrors.append(SQLError(.outOfRange, "GROUP BY position \(p) is not in the select list (1 to \(items.count))", at: r))
                }
                return e
            }
            var setSyntax: [[SyntaxExpression]] = []
            var plainKeys: [SyntaxExpression] = []
            var anySets = false
            if s.groupByAll {
                // DuckDB leaves constants out of GROUP BY ALL (they would make no groups of no rows).
                plainKeys = items.filter { !SyntaxInspector.containsAggregate($0.0) && SyntaxInspector.referencesColumn($0.0) }.map(\.0)
            }
            var setLists: [[[SyntaxExpression]]] = []
            for element in s.groupBy {
                switch element {
                case .expression(let e): plainKeys.append(keyIndex(e))
                case .empty: anySets = true; setLists.append([[]])
                case .rollup(let xs):
                    anySets = true
                    let ks = xs.map(keyIndex)
                    setLists.append((0...ks.count).reversed().map { Array(ks.prefix($0)) })
                case .cube(let xs):
                    anySets = true
                    let ks = xs.map(keyIndex)
                    var all: [[SyntaxExpression]] = []
                    for mask in (0..<(1 << ks.count)).reversed() { all.append(ks.indices.filter { mask & (1 << (ks.count - 1 - $0)) != 0 }.map { ks[$0] }) }
                    setLists.append(all)
                case .groupingSets(let ss):
                    anySets = true
                    setLists.append(ss.map { $0.map(keyIndex) })
                }
            }
            if anySets {
                // The cross product of the elements' sets, each with the plain keys.
                var combined: [[SyntaxExpression]] = [plainKeys]
                for list in setLists {
                    var next: [[SyntaxExpression]] = []
                    for a in combined { for b in list { next.append(a + b) } }
                    combined = next
                }
                setSyntax = combined
            }
            var keys: [BoundExpression] = []
            var canonical: [String] = []
            func addKey(_ e: SyntaxExpression) throws(SQLError) -> Int {
                if SyntaxInspector.containsAggregate(e) {
                    throw SQLError(.misplacedAggregate, "aggregate functions are not allowed in GROUP BY", at: e.range)
                }
                let b = try binder.bind(e, .groupBy)
                // Keys are told apart as written (DuckDB: `CUBE (u.date, date)` has two keys).
                let written = binder.written(e)
                if let i = canonical.firstIndex(of: written) { return i }
                keys.append(b)
                canonical.append(written)
                return keys.count - 1
            }
            if let e = positionErrors.first { throw e }
            for k in plainKeys { _ = try addKey(k) }
            keySyntax = plainKeys
            if anySets {
                var out: [[Int]] = []
                for set in setSyntax {
                    var idx: [Int] = []
                    for e in set { let i = try addKey(e); if !idx.contains(i) { idx.append(i) } }
                    out.append(idx.sorted())
                }
                sets = out
            }
            _ = keySyntax
            let grouping = GroupingContext(keys: keys, hasGroupingSets: sets != nil)
            binder.grouping = grouping
            for (e, _, _) in items { outputs.append(try binder.bind(e, .select)) }
            if let h = s.having { havingBound = try binder.coerce(try binder.bind(h, .having), to: .boolean, at: h.range) }
            spec = AggregateSpec(keys: keys, aggregates: [], groupingSets: sets)
            // ORDER BY terms are bound below, still in the grouping context (they may add aggregates).
            _ = grouping
        } else {
            for (e, _, _) in items { outputs.append(try binder.bind(e, .select)) }
        }
        var finalTypes = outputs.map(\.type)
        for i in unnestItems {
            // unnest of an aggregate's list (`unnest(list(x))`) expands the groups' rows after
            // the aggregate, as DuckDB does; other unnests in an aggregating query are not yet.
            let expandsGroups = isAggregate && windows.functions.isEmpty && SyntaxInspector.containsAggregate(items[i].0)
            if (isAggregate && !expandsGroups) || !windows.functions.isEmpty {
                throw SQLError(.unsupported, "unnest() here (with window functions, or in an aggregating query over a join) is not supported by Tally's SQL yet",
                               at: items[i].0.range, hint: "unnest in a subquery, then aggregate its rows outside")
            }
            guard let element = outputs[i].type.listElement else {
                throw SQLError(.invalidArgument, "unnest() takes a LIST, not \(outputs[i].type)", at: items[i].0.range)
            }
            finalTypes[i] = element
        }

        // ORDER BY: a position, an output alias/name, or an expression (a hidden column).
        var sortKeys: [BoundSortKey] = []
        var hidden: [BoundExpression] = []
        let names = items.map(\.1)
        if let all = s.orderByAll {
            for i in outputs.indices {
                sortKeys.append(BoundSortKey(expression: .column(i, finalTypes[i], name: names[i]), descending: all.descending,
                                             nullsFirst: all.nullsFirst ?? false))
            }
        }
        for o in s.orderBy {
            var target: Int? = nil
            if case .literal(.number(let t), let r) = o.expression, let p = Int(t) {
                guard p >= 1 && p <= outputs.count else {
                    throw SQLError(.outOfRange, "ORDER BY position \(p) is not in the select list (1 to \(outputs.count))", at: r)
                }
                target = p - 1
            } else if case .column(nil, let n) = o.expression {
                // An output name wins over a column of the same name only when it is an alias.
                if let i = items.firstIndex(where: { $0.2?.normalized == n.normalized }) { target = i }
                else if scope?.hasColumn(n.normalized) != true, let i = names.firstIndex(where: { $0.lowercased() == n.normalized }) { target = i }
            }
            let e: BoundExpression
            if let target {
                e = .column(target, finalTypes[target], name: names[target])
            } else {
                let b = try binder.bind(o.expression, .orderBy)
                if let same = outputs.firstIndex(where: { $0.identity == b.identity }), !unnestItems.contains(same) {
                    e = .column(same, outputs[same].type, name: names[same])
                } else {
                    if s.distinct {
                        throw SQLError(.invalidArgument, "for SELECT DISTINCT, ORDER BY expressions must appear in the select list", at: o.expression.range)
                    }
                    hidden.append(b)
                    e = .column(outputs.count + hidden.count - 1, b.type, name: b.explained)
                }
            }
            sortKeys.append(BoundSortKey(expression: e, descending: o.descending, nullsFirst: o.nullsFirst ?? false))
        }

        // DISTINCT ON keys go first in the projection, then are dropped.
        var onKeys: [BoundExpression] = []
        if let on = s.distinctOn {
            for e in on {
                if case .literal(.number(let t), _) = e, let p = Int(t), p >= 1, p <= outputs.count { onKeys.append(outputs[p - 1]); continue }
                if case .column(nil, let n) = e, let i = items.firstIndex(where: { $0.2?.normalized == n.normalized }) { onKeys.append(outputs[i]); continue }
                onKeys.append(try binder.bind(e, .select))
            }
        }

        // QUALIFY: over the select list's context, after the windows.
        var qualifyBound: BoundExpression? = nil
        if let q = s.qualify { qualifyBound = try binder.coerce(try binder.bind(q, .qualify), to: .boolean, at: q.range) }

        // Build the plan.
        if let w = whereBound { plan = .filter(plan, w) }
        if var spec {
            spec.aggregates = binder.grouping!.aggregates
            plan = .aggregate(plan, spec)
            if let h = havingBound { plan = .filter(plan, h) }
        }
        if !windows.functions.isEmpty {
            // Window results follow the input's columns: placeholders become their numbers.
            let width = plan.types.count
            let renumber = { (c: Int) -> Int in c >= WindowContext.placeholderBase ? width + c - WindowContext.placeholderBase : c }
            plan = .window(plan, windows.functions)
            outputs = outputs.map { $0.remapColumns(renumber) }
            hidden = hidden.map { $0.remapColumns(renumber) }
            onKeys = onKeys.map { $0.remapColumns(renumber) }
            qualifyBound = qualifyBound?.remapColumns(renumber)
        }
        if let q = qualifyBound { plan = .filter(plan, q) }
        let shift = onKeys.count
        var projection = onKeys + outputs + hidden
        plan = .project(plan, projection)
        if !unnestItems.isEmpty { plan = .unnest(plan, columns: unnestItems.map { $0 + shift }) }
        var keys = sortKeys.map { k -> BoundSortKey in
            var k = k
            k.expression = k.expression.remapColumns { $0 + shift }
            return k
        }
        if shift > 0 {
            // DISTINCT ON: order by the ON keys first (then the query's order), keep the first row of each.
            let onOrder = (0..<shift).map { BoundSortKey(expression: .column($0, projection[$0].type, name: "on"), descending: false, nullsFirst: false) }
            var stable = onOrder
            for k in keys where !onOrder.contains(where: { $0.expression.identity == k.expression.identity }) { stable.append(k) }
            plan = .sort(plan, stable)
            plan = .distinct(plan, onColumns: shift)
            keys = keys.isEmpty ? [] : keys
        } else if s.distinct {
            plan = .distinct(plan, onColumns: nil)
        }
        if !keys.isEmpty { plan = .sort(plan, keys) }
        let limit = try s.limit.map { e throws(SQLError) in try constantCount(e, "LIMIT", binder) }
        let offset = try s.offset.map { e throws(SQLError) in try constantCount(e, "OFFSET", binder) } ?? 0
        if s.limitPercent { throw SQLError(.unsupported, "LIMIT n% is not supported by Tally's SQL yet", at: s.limit!.range) }
        if limit != nil || offset > 0 { plan = .limit(plan, limit: limit, offset: offset) }
        if shift > 0 || !hidden.isEmpty {
            projection = (0..<outputs.count).map { .column(shift + $0, finalTypes[$0], name: names[$0]) }
            plan = .project(plan, projection)
        }

        // The scan reads what any expression referenced.
        if scope?.readsUsage == true { plan = Optimizer.setScanColumns(plan, binder.referencedColumns.union(joinColumns)) }
        // A derived table read by this query alone computes only the columns it reads.
        if case .derived? = s.from, case .relation(let relation)? = fromPlan, relation.origin == .derivedTable,
           let pruned = RelationPruning.pruned(relation, used: binder.relationColumns) {
            plan = RelationPruning.replace(relation, with: pruned, in: plan)
        }
        return BoundQuery(plan: Optimizer.optimize(JoinFilterPushdown.apply(plan)), names: names)
    }

    func constantCount(_ e: SyntaxExpression, _ what: String, _ binder: ExpressionBinder) throws(SQLError) -> Int {
        let b = try binder.bind(e, .limit)
        guard let v = b.constantValue else {
            throw SQLError(.invalidArgument, "\(what) must be a constant", at: e.range)
        }
        if v.isNull { return Int.max / 4 }
        guard let d = v.asDouble(b.type), d >= 0, d == d.rounded(), d < 9.2e18 else {
            throw SQLError(.outOfRange, "\(what) must be a whole number of rows, 0 or more", at: e.range)
        }
        return Int(d)
    }
}
