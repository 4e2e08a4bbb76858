/// FROM: the usage table, a common table expression, a derived table or a set operation,
/// each as a plan and the `TableSource` names resolve against.
extension SelectBinder {
    /// A bound FROM: its plan, the names it makes, and the usage columns its join
    /// conditions read (the scans decode those too).
    struct BoundFrom {
        var plan: LogicalPlan
        var scope: BindingScope
        var usageColumns = Set<Int>()
        /// A set operation's right-side column names, which ORDER BY may use for the
        /// columns in the same positions (as DuckDB allows).
        var rightNames: [(name: String, position: Int)] = []
    }

    func bindFrom(_ from: SyntaxTableReference) throws(SQLError) -> BoundFrom {
        switch from {
        case .named(let table):
            let alias = table.alias?.normalized
            if let cte = commonTables[table.name.normalized] {
                let names = try RelationNames.make(cte.columnNames, aliases: table.columnAliases, relation: alias ?? cte.name, at: table.name.range)
                let source = TableSource.relation(qualifier: alias ?? table.name.normalized, names: names, types: cte.types)
                return BoundFrom(plan: .relation(cte), scope: BindingScope(source))
            }
            if let side = SideTable(named: table.name.normalized) {
                return try bindSideTable(side, table)
            }
            guard table.name.normalized == UsageTable.name else {
                let known = ([UsageTable.name] + SideTable.allCases.map(\.rawValue) + commonTables.keys.sorted()).joined(separator: ", ")
                throw SQLError(.invalidArgument, "no table named \(table.name.text)", at: table.name.range,
                               hint: "the tables here are \(known) (SHOW TABLES lists them; WITH name AS (...) adds one; read_csv('file.csv') reads a file)")
            }
            if let first = table.columnAliases.first {
                throw SQLError(.unsupported, "renaming usage's columns in FROM is not supported by Tally's SQL yet", at: first.range,
                               hint: "rename them in the select list (col AS name)")
            }
            return BoundFrom(plan: .scan(TableScan(columns: [])), scope: BindingScope(.usage(alias: alias)))
        case .derived(let query, let alias, let range):
            let q = try bind(query)
            let name = alias?.name.text ?? "unnamed_subquery"
            let names = try RelationNames.make(q.names, aliases: alias?.columnAliases ?? [], relation: name, at: range)
            let relation = MaterializedRelation(origin: .derivedTable, name: name, plan: q.plan, columnNames: names)
            return BoundFrom(plan: .relation(relation), scope: BindingScope(.relation(qualifier: alias?.name.normalized, names: names, types: q.types)))
        case .setOperation(let op):
            let (q, right) = try bindSetOperation(op)
            let names = try RelationNames.make(q.names, aliases: [], relation: "unnamed_subquery", at: op.range)
            var bound = BoundFrom(plan: q.plan, scope: BindingScope(.relation(qualifier: nil, names: names, types: q.types)))
            let leftNames = Set(names.map { $0.lowercased() })
            bound.rightNames = right.enumerated().filter { !leftNames.contains($0.element.lowercased()) }.map { (name: $0.element, position: $0.offset) }
            return bound
        case .join(let join):
            return try bindJoin(join)
        case .tableFunction(let f):
            return try bindTableFunction(f)
        case .lateral(_, _, let range):
            throw SQLError(.invalidArgument, "LATERAL needs a table before it to read", at: range,
                           hint: "write FROM t, LATERAL (SELECT ... WHERE x = t.x) l")
        }
    }

    /// A side table of the store (`rates`, `daily_stats`, `counters`), its rows read when
    /// the statement runs.
    func bindSideTable(_ side: SideTable, _ table: SyntaxTable) throws(SQLError) -> BoundFrom {
        let node = TableNode(source: .side(side), names: side.columns.map(\.name), types: side.columns.map(\.type), range: table.name.range)
        return try bindTable(node, alias: table.alias, columnAliases: table.columnAliases, defaultName: side.rawValue, at: table.name.range)
    }

    /// A table node as a relation named by `alias` (or `defaultName`), its first columns
    /// renamed by `columnAliases`.
    func bindTable(_ node: TableNode, alias: SQLIdentifier?, columnAliases: [SQLIdentifier], defaultName: String,
                   at range: SourceRange) throws(SQLError) -> BoundFrom {
        let names = try RelationNames.make(node.names, aliases: columnAliases, relation: alias?.text ?? defaultName, at: range)
        let source = TableSource.relation(qualifier: alias?.normalized ?? defaultName, names: names, types: node.types)
        return BoundFrom(plan: .table(node), scope: BindingScope(source))
    }

    /// Both sides bound, their columns cast to the types DuckDB unifies them to (numbers
    /// widen, DATE meets TIMESTAMP as TIMESTAMP, anything else meets text as VARCHAR).
    func bindSetOperation(_ op: SyntaxSetOperation) throws(SQLError) -> (BoundQuery, rightNames: [String]) {
        let left = try bind(op.left)
        let right = try bind(op.right)
        guard left.types.count == right.types.count else {
            throw SQLError(.invalidArgument, "Set operations can only apply to expressions with the same number of result columns",
                           at: op.operatorRange, hint: "the left query has \(left.types.count) columns, the right one \(right.types.count)")
        }
        var types: [LogicalType] = []
        for (a, b) in zip(left.types, right.types) {
            var t = TypePromotion.common(a, b) ?? .varchar
            if t == .null { t = .integer }
            types.append(t)
        }
        let caster = ExpressionBinder(sql: sql, scope: nil, zone: zone)
        func conform(_ q: BoundQuery) throws(SQLError) -> LogicalPlan {
            if q.types == types { return q.plan }
            var columns: [BoundExpression] = []
            for (i, t) in types.enumerated() {
                columns.append(try caster.cast(.column(i, q.types[i], name: q.names[i]), to: t, at: op.range))
            }
            return .project(q.plan, columns)
        }
        let node = SetOperationNode(op: op.op, all: op.all, left: try conform(left), right: try conform(right))
        return (BoundQuery(plan: .setOperation(node), names: left.names), right.names)
    }
}
