/// Column pruning across a derived table: `FROM (SELECT * FROM usage WHERE ...) t` whose
/// outer query reads two of t's columns should decode two columns, not all of them.
///
/// Only a relation whose plan is a projection over filters of the usage scan is pruned
/// (what a derived table of plain SELECTs binds to): its unread outputs become NULL
/// constants (the positions stay, so the outer plan's column numbers hold), and the scan
/// decodes what the kept outputs and the filters read.
enum RelationPruning {
    /// `relation` reading only the outputs in `used`, or nil when nothing can be dropped.
    static func pruned(_ relation: MaterializedRelation, used: Set<Int>) -> MaterializedRelation? {
        guard case .project(let input, let outputs) = relation.plan, outputs.indices.contains(where: { !used.contains($0) }) else {
            return nil
        }
        // The chain below must be filters over the scan, whose columns the outputs read.
        var columns = Set<Int>()
        var node = input
        while true {
            switch node {
            case .filter(let p, let e):
                columns.formUnion(e.referencedColumns)
                node = p
                continue
            case .scan(let scan):
                for f in scan.dictionaryFilters { columns.formUnion(f.predicate.referencedColumns) }
            default:
                return nil
            }
            break
        }
        var kept: [BoundExpression] = []
        for (i, e) in outputs.enumerated() {
            if used.contains(i) {
                kept.append(e)
                columns.formUnion(e.referencedColumns)
            } else {
                kept.append(.constant(.null, e.type))
            }
        }
        let plan = Optimizer.setScanColumns(.project(input, kept), columns)
        return MaterializedRelation(origin: relation.origin, name: relation.name, plan: plan, columnNames: relation.columnNames)
    }

    /// `plan` with `old` replaced by `new` wherever this query level reads it.
    static func replace(_ old: MaterializedRelation, with new: MaterializedRelation, in plan: LogicalPlan) -> LogicalPlan {
        Optimizer.map(plan) { node in
            if case .relation(let r) = node, r === old { return .relation(new) }
            return node
        }
    }
}
