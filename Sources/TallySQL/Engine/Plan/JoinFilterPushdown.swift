/// Moves WHERE conditions into joins: a conjunct over one side's columns filters that side
/// before the join (where the scan can prune by it), and over an INNER or CROSS join an
/// equality between the two sides becomes a hash key (`FROM a, b WHERE a.x = b.y` is a hash
/// join, not every pair) and any other conjunct of both sides part of the join's condition.
/// Over an outer join only a conjunct of its preserved side moves (LEFT: the left side),
/// since the rows it drops would be dropped above all the same; the rest stay above.
enum JoinFilterPushdown {
    static func apply(_ plan: LogicalPlan) -> LogicalPlan {
        switch plan {
        case .filter(.join(let j), let predicate):
            var join = j
            let width = join.left.types.count
            var above: [BoundExpression] = []
            var leftFilters: [BoundExpression] = [], rightFilters: [BoundExpression] = []
            let innerLike = join.kind == .inner || join.kind == .cross
            for c in Optimizer.conjuncts(predicate) {
                let columns = c.referencedColumns
                let readsLeft = columns.contains { $0 < width }, readsRight = columns.contains { $0 >= width }
                if columns.isEmpty || c.containsSubquery {
                    above.append(c)
                } else if !readsRight, join.kind == .inner || join.kind == .cross || join.kind == .left {
                    // Left rows a LEFT JOIN drops here would have been dropped above as well.
                    leftFilters.append(c)
                } else if !readsLeft, join.kind == .inner || join.kind == .cross || join.kind == .right {
                    rightFilters.append(c.remapColumns { $0 - width })
                } else if innerLike, let (l, r) = SelectBinder.equalityKey(c, leftWidth: width) {
                    join.leftKeys.append(l)
                    join.rightKeys.append(r.remapColumns { $0 - width })
                    join.kind = .inner
                } else if innerLike {
                    join.residual = join.residual.map { .conjunction(isAnd: true, [$0, c]) } ?? c
                } else {
                    above.append(c)
                }
            }
            if !leftFilters.isEmpty { join.left = .filter(join.left, conjunction(leftFilters)) }
            if !rightFilters.isEmpty { join.right = .filter(join.right, conjunction(rightFilters)) }
            join.left = apply(join.left)
            join.right = apply(join.right)
            return above.isEmpty ? .join(join) : .filter(.join(join), conjunction(above))
        case .lateral(var l):
            l.left = apply(l.left)
            return .lateral(l)
        case .join(var j):
            j.left = apply(j.left)
            j.right = apply(j.right)
            return .join(j)
        case .filter(let p, let e): return .filter(apply(p), e)
        case .project(let p, let e): return .project(apply(p), e)
        case .aggregate(let p, let s): return .aggregate(apply(p), s)
        case .distinct(let p, let on): return .distinct(apply(p), onColumns: on)
        case .sort(let p, let k): return .sort(apply(p), k)
        case .window(let p, let fs): return .window(apply(p), fs)
        case .limit(let p, let l, let o): return .limit(apply(p), limit: l, offset: o)
        case .unnest(let p, let c): return .unnest(apply(p), columns: c)
        case .scan, .values, .series, .table, .storeAggregate, .relation, .setOperation: return plan
        }
    }

    static func conjunction(_ xs: [BoundExpression]) -> BoundExpression {
        xs.count == 1 ? xs[0] : .conjunction(isAnd: true, xs)
    }
}
