import TallyStore

/// A query plan: a tree of relational operators, each producing chunks of columns.
///
/// Operators over the usage table's scan (filter, project) run inside the scan's parallel
/// pipeline; the others (aggregate, sort, distinct, limit) collect their input first.
package indirect enum LogicalPlan: Sendable {
    /// Rows of the usage table: every schema column (unreferenced ones stay NULL).
    case scan(TableScan)
    /// Fixed rows (a query without FROM reads one row of no columns).
    case values([[ScalarValue]], types: [LogicalType])
    /// `generate_series` / `range` in FROM: one column of generated values.
    case series(SeriesNode)
    /// A file in FROM (`read_csv`, `read_parquet`) or a side table of the store (`rates`):
    /// rows from outside usage, as one chunk.
    case table(TableNode)
    /// `SELECT unnest(list)`: the input's rows, one per element of the lists in `columns`
    /// (those columns become their elements).
    case unnest(LogicalPlan, columns: [Int])
    /// Rows where the predicate is TRUE.
    case filter(LogicalPlan, BoundExpression)
    /// New columns computed from the input's.
    case project(LogicalPlan, [BoundExpression])
    /// Groups: output is the keys, then (with grouping sets) the grouping id, then the
    /// aggregates.
    case aggregate(LogicalPlan, AggregateSpec)
    /// Distinct rows (of the first `columns` columns when given: DISTINCT ON keeps the
    /// first row of each, in the input order).
    case distinct(LogicalPlan, onColumns: Int?)
    /// Rows ordered by the keys.
    case sort(LogicalPlan, [BoundSortKey])
    /// The input's columns, then one column per window function (computed on the collected input).
    case window(LogicalPlan, [BoundWindowFunction])
    /// OFFSET then LIMIT.
    case limit(LogicalPlan, limit: Int?, offset: Int)
    /// A CTE's or derived table's rows, computed once per run and scanned like a table.
    case relation(MaterializedRelation)
    /// UNION / INTERSECT / EXCEPT of two inputs with the same column types.
    case setOperation(SetOperationNode)
    /// A join: the left input's columns then the right's.
    case join(JoinNode)
    /// A LATERAL join: the right query runs per distinct value of the left columns it reads.
    case lateral(LateralJoinNode)
    /// A whole statement answered by the store's aggregation engine (rollups, code-space
    /// scans): the rollup rule's rewrite.
    /// `operators` is the same statement on the operators, run instead when the rollups
    /// turn out not to pay on the data (see `RollupCost`).
    case storeAggregate(SQLPreparedQuery, types: [LogicalType], operators: LogicalPlan?)

    /// The output column types.
    package var types: [LogicalType] {
        switch self {
        case .scan: return UsageTable.columns.map(\.type)
        case .values(_, let t): return t
        case .series(let n): return [n.type]
        case .table(let t): return t.types
        case .unnest(let p, let columns):
            return p.types.enumerated().map { columns.contains($0.offset) ? ($0.element.listElement ?? $0.element) : $0.element }
        case .filter(let p, _), .distinct(let p, _), .sort(let p, _), .limit(let p, _, _): return p.types
        case .project(_, let exprs): return exprs.map(\.type)
        case .aggregate(_, let spec): return spec.outputTypes
        case .storeAggregate(_, let t, _): return t
        case .relation(let r): return r.types
        case .setOperation(let s): return s.left.types
        case .join(let j): return j.types
        case .lateral(let l): return l.types
        case .window(let p, let fs): return p.types + fs.map(\.returnType)
        }
    }
}

/// What the scan reads and what it may skip.
package struct TableScan: Sendable {
    /// Schema columns the plan reads (others are left NULL).
    package var columns: Set<Int>
    /// Projects the filters allow (nil: any).
    package var projects: Set<String>? = nil
    /// Bounds on days, instants, quantity, cost for pruning.
    package var bounds = ScanBounds()
    /// Conjuncts on one text column each, evaluated per part on its dictionary into code masks.
    package var dictionaryFilters: [(column: Int, predicate: BoundExpression)] = []
}

/// A hash aggregate's keys and aggregates.
package struct AggregateSpec: Sendable {
    /// The group keys over the input.
    package var keys: [BoundExpression]
    /// The aggregates.
    package var aggregates: [BoundAggregate]
    /// GROUPING SETS / ROLLUP / CUBE: each set lists the keys it groups by (nil: one set
    /// of all keys).
    package var groupingSets: [[Int]]?

    /// The input columns the keys and aggregates read.
    package var referencedColumns: Set<Int> {
        var out = Set<Int>()
        for k in keys { out.formUnion(k.referencedColumns) }
        for a in aggregates {
            for e in a.arguments { out.formUnion(e.referencedColumns) }
            for k in a.orderBy { out.formUnion(k.expression.referencedColumns) }
            if let f = a.filter { out.formUnion(f.referencedColumns) }
        }
        return out
    }

    /// The output columns' types.
    package var outputTypes: [LogicalType] {
        keys.map(\.type) + (groupingSets == nil ? [] : [.bigint]) + aggregates.map(\.returnType)
    }
}

extension LogicalPlan {
    /// The expressions this node evaluates (not its inputs'), for EXPLAIN's subqueries.
    package var expressions: [BoundExpression] {
        switch self {
        case .scan(let s): return s.dictionaryFilters.map(\.predicate)
        case .values, .table, .distinct, .limit, .relation, .setOperation, .storeAggregate, .unnest: return []
        case .series(let n): return n.expressions
        case .filter(_, let e): return [e]
        case .project(_, let es): return es
        case .aggregate(_, let spec):
            return spec.keys + spec.aggregates.flatMap { $0.arguments + $0.orderBy.map(\.expression) + ($0.filter.map { [$0] } ?? []) }
        case .sort(_, let keys): return keys.map(\.expression)
        case .window(_, let fs): return fs.flatMap(\.expressions)
        case .join(let j): return j.leftKeys + j.rightKeys + (j.residual.map { [$0] } ?? [])
        case .lateral(let l): return l.keys + (l.residual.map { [$0] } ?? [])
        }
    }
}
