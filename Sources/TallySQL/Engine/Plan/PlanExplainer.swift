import TallyStore

/// EXPLAIN's text: the plan as an indented tree, with what the scan prunes and reads.
package enum PlanExplainer {
    /// One line naming an operator.
    static func label(_ plan: LogicalPlan) -> String {
        switch plan {
        case .scan(let s):
            let cols = s.columns.sorted().map { UsageTable.columns[$0].name }
            return "SCAN usage [\(cols.joined(separator: ", "))]"
        case .values(let rows, _): return "VALUES (\(rows.count) row\(rows.count == 1 ? "" : "s"))"
        case .series(let n):
            return "\(n.function.uppercased()) (\(n.expressions.map(\.explained).joined(separator: ", ")))\(n.inclusive ? "" : " stop excluded")"
        case .table(let t): return t.label
        case .filter(_, let e): return "FILTER \(e.explained)"
        case .project(_, let es): return "PROJECT \(es.map(\.explained).joined(separator: ", "))"
        case .aggregate(_, let spec):
            var text = "HASH_AGGREGATE keys [\(spec.keys.map(\.explained).joined(separator: ", "))] aggregates [\(spec.aggregates.map(\.text).joined(separator: ", "))]"
            if let sets = spec.groupingSets { text += " grouping sets \(sets)" }
            return text
        case .distinct(_, let on): return on.map { "DISTINCT ON (\($0) columns)" } ?? "DISTINCT"
        case .sort(_, let keys):
            return "ORDER BY " + keys.map { "\($0.expression.explained)\($0.descending ? " DESC" : "")\($0.nullsFirst ? " NULLS FIRST" : "")" }.joined(separator: ", ")
        case .window(_, let fs):
            return "WINDOW " + fs.map { f in
                var parts: [String] = []
                if !f.partitionBy.isEmpty { parts.append("PARTITION BY " + f.partitionBy.map(\.explained).joined(separator: ", ")) }
                if !f.orderBy.isEmpty {
                    parts.append("ORDER BY " + f.orderBy.map { "\($0.expression.explained)\($0.descending ? " DESC" : "")\($0.nullsFirst ? " NULLS FIRST" : "")" }.joined(separator: ", "))
                }
                parts.append(f.frame.text)
                return "\(f.callText) OVER (\(parts.joined(separator: " ")))"
            }.joined(separator: "; ")
        case .limit(_, let l, let o): return "LIMIT \(l.map(String.init) ?? "ALL") OFFSET \(o)"
        case .unnest(_, let columns): return "UNNEST columns \(columns)"
        case .relation(let r):
            return "\(r.origin.rawValue) \(r.name) [\(r.columnNames.joined(separator: ", "))]"
        case .setOperation(let s): return s.label
        case .join(let j): return j.label
        case .lateral(let l): return l.label
        case .storeAggregate: return "STORE_AGGREGATE (rollup rule: the store's aggregation engine answers the whole query, from rollups where they apply; the operators do when the data's rollups are too large to pay)"
        }
    }

    static func children(_ plan: LogicalPlan) -> [LogicalPlan] {
        switch plan {
        case .scan, .values, .series, .table, .storeAggregate: return []
        case .filter(let p, _), .project(let p, _), .aggregate(let p, _), .distinct(let p, _), .sort(let p, _), .limit(let p, _, _), .window(let p, _),
             .unnest(let p, _): return [p]
        case .relation(let r): return [r.plan]
        case .setOperation(let s): return [s.left, s.right]
        case .join(let j): return [j.left, j.right]
        case .lateral(let l): return [l.left, l.right]
        }
    }

    /// The plan as text, with the scan's pruning resolved against `snapshot`.
    package static func explain(_ plan: LogicalPlan, snapshot: Snapshot) -> String {
        var lines: [String] = []
        func walk(_ p: LogicalPlan, _ depth: Int) {
            lines.append(String(repeating: "  ", count: depth) + label(p))
            if case .scan(let s) = p {
                let op = TableScanOperator(s, counters: ScanCounters())
                let parts = op.candidateParts(snapshot)
                let pad = String(repeating: "  ", count: depth + 1)
                lines.append(pad + "parts: \(parts.count) of \(snapshot.parts.count) (by project and day, from the manifest)")
                if let days = s.bounds.days {
                    lines.append(pad + "days: \(TemporalText.dateText(days.lowerBound == Int32.min ? -719_162 : days.lowerBound))..\(TemporalText.dateText(days.upperBound == Int32.max ? 2_932_896 : days.upperBound))")
                }
                if !s.dictionaryFilters.isEmpty {
                    lines.append(pad + "dictionary masks: " + s.dictionaryFilters.map { UsageTable.columns[$0.column].name }.joined(separator: ", "))
                }
                if s.bounds.hasTs { lines.append(pad + "row groups pruned by ts statistics") }
            }
            if case .storeAggregate(let prepared, _, _) = p {
                lines.append(String(repeating: "  ", count: depth + 1) + "engine: \(prepared.columns.count) result columns")
            }
            for c in children(p) { walk(c, depth + 1) }
            // Subqueries of the node's expressions run once before the plan: shown under it.
            for sub in p.expressions.flatMap(\.subqueries) {
                lines.append(String(repeating: "  ", count: depth + 1) + "SUBQUERY \(sub.text)")
                walk(sub.plan, depth + 2)
            }
        }
        walk(plan, 0)
        return lines.joined(separator: "\n")
    }
}
