/// What FROM reads: a named table, a query in parentheses, or a set operation.
package indirect enum SyntaxTableReference: Sendable {
    /// `usage` or a common table expression, `[AS] alias[(a, b)]`.
    case named(SyntaxTable)
    /// `(SELECT ...) [AS] alias[(a, b)]`: a derived table.
    case derived(SyntaxSelect, alias: SyntaxTable?, SourceRange)
    /// `left UNION|INTERSECT|EXCEPT [ALL] right`: the parser makes a set operation the
    /// FROM of a `SELECT *` that carries the whole's ORDER BY and LIMIT.
    case setOperation(SyntaxSetOperation)
    /// `left [INNER|LEFT|RIGHT|FULL|CROSS] JOIN right [ON c | USING (cols)]`, and `left, right`.
    case join(SyntaxJoin)
    /// `generate_series(...)` / `range(...)`: rows a function makes.
    case tableFunction(SyntaxTableFunction)
    /// `LATERAL (SELECT ...) [AS] alias[(a, b)]`: a derived table that reads the columns of
    /// the tables before it (the right side of a join).
    case lateral(SyntaxSelect, alias: SyntaxTable?, SourceRange)

    /// The alias (or the table's own name) the query qualifies columns with, if written.
    package var alias: SyntaxTable? {
        switch self {
        case .named(let t): return t
        case .derived(_, let alias, _): return alias
        case .tableFunction(let f): return f.alias
        case .lateral(_, let alias, _): return alias
        case .setOperation, .join: return nil
        }
    }

    /// Where the reference is in the query.
    package var range: SourceRange {
        switch self {
        case .named(let t): return t.name.range
        case .derived(_, _, let r): return r
        case .setOperation(let s): return s.range
        case .join(let j): return j.range
        case .tableFunction(let f): return f.range
        case .lateral(_, _, let r): return r
        }
    }
}

/// The kinds of join.
package enum JoinKind: String, Sendable {
    case inner = "INNER", left = "LEFT", right = "RIGHT", full = "FULL", cross = "CROSS"
}

/// How a join matches rows.
package enum SyntaxJoinCondition: Sendable {
    /// `ON condition`.
    case on(SyntaxExpression)
    /// `USING (a, b)`: equal columns of the same names, shown once.
    case using([SQLIdentifier])
    /// CROSS JOIN and comma joins: every pair.
    case none
}

/// A join of two table references.
package struct SyntaxJoin: Sendable {
    /// The kind.
    package var kind: JoinKind
    /// The left side.
    package var left: SyntaxTableReference
    /// The right side.
    package var right: SyntaxTableReference
    /// How rows match.
    package var condition: SyntaxJoinCondition
    /// Where the JOIN keyword (or the comma) is.
    package var keywordRange: SourceRange
    /// The whole join.
    package var range: SourceRange
}

/// `UNION`, `INTERSECT` or `EXCEPT`.
package enum SetOperator: String, Sendable {
    case union = "UNION", intersect = "INTERSECT", except = "EXCEPT"
}

/// `left op [ALL] right`.
package struct SyntaxSetOperation: Sendable {
    /// The operator.
    package var op: SetOperator
    /// `ALL` was written (keep duplicates: a bag operation).
    package var all: Bool
    /// The left query (its column names name the result).
    package var left: SyntaxSelect
    /// The right query.
    package var right: SyntaxSelect
    /// Where the operator is (for errors about it).
    package var operatorRange: SourceRange
    /// The whole operation.
    package var range: SourceRange
}

/// `name[(a, b)] AS [NOT MATERIALIZED] (query)` of a WITH clause.
package struct SyntaxCommonTable: Sendable {
    /// The name queries read it by.
    package var name: SQLIdentifier
    /// New names for its first columns.
    package var columnAliases: [SQLIdentifier]
    /// The query.
    package var query: SyntaxSelect
}

extension SyntaxSelect {
    /// Whether this is one SELECT over usage itself, with no WITH, set operation or
    /// subquery anywhere: the only shape the rollup rule may hand to the store's
    /// aggregation engine.
    package var isPlainUsageQuery: Bool {
        guard commonTables.isEmpty, case .named(let t)? = from, t.name.normalized == "usage" else { return false }
        // (a join is not `.named`, so it never reaches the rule)
        var expressions: [SyntaxExpression] = []
        for item in items {
            switch item {
            case .expression(let e, _): expressions.append(e)
            case .star(_, _, let replace, _): expressions += replace.map(\.0)
            }
        }
        expressions += [whereClause, having, qualify, limit, offset].compactMap { $0 }
        expressions += orderBy.map(\.expression) + (distinctOn ?? [])
        for g in groupBy {
            switch g {
            case .expression(let e): expressions.append(e)
            case .rollup(let xs), .cube(let xs): expressions += xs
            case .groupingSets(let sets): expressions += sets.flatMap { $0 }
            case .empty: break
            }
        }
        return !expressions.contains(where: \.containsSubquery)
    }
}

extension SyntaxExpression {
    /// Whether a subquery occurs in the expression.
    package var containsSubquery: Bool {
        switch self {
        case .subquery, .inSubquery, .exists: return true
        default: return children.contains(where: \.containsSubquery)
        }
    }
}
