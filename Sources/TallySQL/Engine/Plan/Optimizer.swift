import TallyFormat
import TallyStore

/// Rewrites of a bound plan: projection pushdown (the scan decodes only referenced
/// columns) and filter pushdown into the scan's pruning (projects, days, instants,
/// quantity and cost ranges, dictionary code masks of text columns).
enum Optimizer {
    /// Sets the columns the scan must decode.
    static func setScanColumns(_ plan: LogicalPlan, _ columns: Set<Int>) -> LogicalPlan {
        map(plan) { node in
            if case .scan(var s) = node { s.columns = columns; return .scan(s) }
            return node
        }
    }

    /// Applies `f` bottom-up, within one query level: a relation or a set operation's
    /// inputs are queries of their own, bound and optimised on their own (their scans read
    /// their own columns).
    static func map(_ plan: LogicalPlan, _ f: (LogicalPlan) -> LogicalPlan) -> LogicalPlan {
        switch plan {
        case .scan, .values, .series, .table, .storeAggregate, .relation, .setOperation: return f(plan)
        case .filter(let p, let e): return f(.filter(map(p, f), e))
        case .project(let p, let e): return f(.project(map(p, f), e))
        case .aggregate(let p, let s): return f(.aggregate(map(p, f), s))
        case .distinct(let p, let on): return f(.distinct(map(p, f), onColumns: on))
        case .sort(let p, let k): return f(.sort(map(p, f), k))
        case .window(let p, let fs): return f(.window(map(p, f), fs))
        case .limit(let p, let l, let o): return f(.limit(map(p, f), limit: l, offset: o))
        case .unnest(let p, let c): return f(.unnest(map(p, f), columns: c))
        case .lateral(var l):
            // The right side is a query of its own (bound and optimised by itself).
            l.left = map(l.left, f)
            return f(.lateral(l))
        case .join(var j):
            // Both sides belong to this query level (a usage side's scan reads its columns).
            j.left = map(j.left, f)
            j.right = map(j.right, f)
            return f(.join(j))
        }
    }

    static func optimize(_ plan: LogicalPlan) -> LogicalPlan {
        map(plan) { node in
            guard case .filter(let input, let predicate) = node else { return node }
            if case .bool(true)? = predicate.constantValue { return input }
            guard case .scan(var scan) = input else { return node }
            for c in conjuncts(predicate) { push(c, into: &scan) }
            // With the days bounded by all of them, conditions the day alone decides.
            for c in conjuncts(predicate) { DayBounds.narrow(c, into: &scan) }
            return .filter(.scan(scan), predicate)
        }
    }

    /// The part of a filter right above `scan` that needs a check per row: nil when the
    /// scan's pruning enforces every conjunct (see `isEnforced`). Applied when the
    /// pipeline runs, not to the plan, whose filters the rollup rule still reads.
    static func residual(_ predicate: BoundExpression, over scan: TableScan) -> BoundExpression? {
        let parts = conjuncts(predicate)
        let rest = parts.filter { !isEnforced($0, by: scan) }
        if rest.isEmpty { return nil }
        if rest.count == parts.count { return predicate }
        return rest.count == 1 ? rest[0] : .conjunction(isAnd: true, rest)
    }

    /// Whether the scan reads only rows passing `c`: `project_id = 'p'` when it reads only
    /// p's parts (a part holds one project), and a comparison of `date` with a DATE when
    /// its days bound the rows (a part's rows are ordered by day, and the scan reads only
    /// the rows of the bounded days).
    static func isEnforced(_ c: BoundExpression, by scan: TableScan) -> Bool {
        guard case .call(let f, let args) = c, args.count == 2, let op = Comparison.Operator(rawValue: f.name), op != .notEqual else { return false }
        let column: Int, constant: ScalarValue
        if case .column(let i, _, _) = args[0], let k = args[1].constantValue { column = i; constant = k }
        else if case .column(let i, _, _) = args[1], let k = args[0].constantValue { column = i; constant = k }
        else { return holdsOnEveryDay(c, args, of: scan) }
        switch (column, constant) {
        case (UsageTable.projectIndex, .string(let name)):
            return op == .equal && scan.projects == [name]
        case (UsageTable.dateIndex, .date(let d)):
            // The rows read are those of the scan's days: enforced when every one of those
            // days passes (whoever narrowed them).
            guard let days = scan.bounds.days else { return false }
            let columnFirst: Bool
            if case .column = args[0] { columnFirst = true } else { columnFirst = false }
            switch columnFirst ? op : op.flipped {
            case .equal: return days.lowerBound == d && days.upperBound == d
            case .less: return days.upperBound < d
            case .lessOrEqual: return days.upperBound <= d
            case .greater: return days.lowerBound > d
            case .greaterOrEqual: return days.lowerBound >= d
            case .notEqual: return false
            }
        default:
            return false
        }
    }

    /// Whether a comparison of a constant with a monotone function of `date`
    /// (`date_diff('day', date, DATE '2026-01-01') < 30`, `year(date) = 2025`) holds on
    /// every day the scan reads. The days passing it are one stretch (a ray for `<`, `<=`,
    /// `>`, `>=`, from which `MonotoneBounds` narrowed the scan's days), and every row of a
    /// day has that day's date: it holds on all of them when it holds at the ends the days
    /// have. An end left open must be the side the ray runs to. The ends are tested only
    /// inside `MonotoneBounds.days`, where that search tests them too. The row-by-row test
    /// is then left out: it was most of `date_diff('day', date, ...) < 30` over per_step 10M.
    static func holdsOnEveryDay(_ c: BoundExpression, _ args: [BoundExpression], of scan: TableScan) -> Bool {
        guard let days = scan.bounds.days, case .call(let f, _) = c, let op = Comparison.Operator(rawValue: f.name) else { return false }
        let functionFirst = args[1].constantValue != nil
        guard functionFirst || args[0].constantValue != nil else { return false }
        let function = functionFirst ? args[0] : args[1]
        guard Set(function.referencedColumns) == [UsageTable.dateIndex],
              let sign = MonotoneBounds.direction(function, UsageTable.dateIndex) else { return false }
        // Whether the passing days run up from some day (true) or down to one (false).
        let upward: Bool?
        switch functionFirst ? op : op.flipped {
        case .greater, .greaterOrEqual: upward = sign > 0
        case .less, .lessOrEqual: upward = sign < 0
        case .equal, .notEqual: upward = nil
        }
        let domain = MonotoneBounds.days
        // Days wholly outside the domain (an impossible day, `Int32.max`, when conditions
        // contradict each other): not tested, so not enforced.
        guard Int64(days.lowerBound) <= domain.upperBound, Int64(days.upperBound) >= domain.lowerBound else { return false }
        var ends: [Int64] = []
        if Int64(days.lowerBound) < domain.lowerBound { guard upward == false else { return false } } else { ends.append(Int64(days.lowerBound)) }
        if Int64(days.upperBound) > domain.upperBound { guard upward == true else { return false } } else { ends.append(Int64(days.upperBound)) }
        guard !ends.isEmpty else { return false }
        var columns = UsageTable.columns.map { ColumnVector.constant(.null, type: $0.type, count: 1) }
        for day in ends {
            columns[UsageTable.dateIndex] = .constant(.date(Int32(day)), type: .date, count: 1)
            guard let v = try? ExpressionEvaluator.evaluate(c, DataChunk(columns: columns, count: 1)), v.value(0) == .bool(true) else { return false }
        }
        return true
    }

    static func conjuncts(_ e: BoundExpression) -> [BoundExpression] {
        if case .conjunction(true, let xs) = e { return xs.flatMap(conjuncts) }
        return [e]
    }

    /// Adds what a conjunct tells the scan (it is still checked row by row above).
    static func push(_ c: BoundExpression, into scan: inout TableScan) {
        let columns = c.referencedColumns
        guard columns.count == 1, let column = columns.first else {
            if columns.isEmpty, case .bool(false)? = c.constantValue { scan.projects = [] }
            return
        }
        let info = UsageTable.columns[column]
        if info.type == .varchar {
            // Any predicate of one text column: evaluated per part on its dictionary.
            if !c.canFail { scan.dictionaryFilters.append((column, c)) }
            // `project_id = 'p'` names the only project whose parts are read.
            if column == UsageTable.projectIndex, case .call(let f, let args) = c, args.count == 2,
               Comparison.Operator(rawValue: f.name) == .equal {
                var constant: ScalarValue? = nil
                if case .column = args[0] { constant = args[1].constantValue }
                if case .column = args[1] { constant = args[0].constantValue }
                if case .string(let name)? = constant {
                    scan.projects = (scan.projects ?? [name]).intersection([name])
                }
            }
            return
        }
        guard case .call(let f, let args) = c, args.count == 2, let op = Comparison.Operator(rawValue: f.name) else { return }
        var columnFirst = true
        var constant: ScalarValue
        if case .column = args[0], let k = args[1].constantValue { constant = k }
        else if case .column = args[1], let k = args[0].constantValue { constant = k; columnFirst = false }
        else {
            // A function of the column against a constant: bounds if it is monotone.
            MonotoneBounds.push(c, column: column, into: &scan)
            return
        }
        if constant.isNull { scan.projects = []; return }
        let o = columnFirst ? op : op.flipped
        switch column {
        case UsageTable.tsIndex:
            guard case .timestamp(let us) = constant else { return }
            // Instants are stored in ms: a bound between two ms rounds outward.
            let lo = TemporalText.floorDiv(us, 1000), hi = TemporalText.floorDiv(us + 999, 1000)
            narrow(&scan.bounds.ts, o, loExclusive: lo, hiExclusive: hi, exact: us % 1000 == 0)
            let days = scan.bounds.ts
            let d0 = Int32(clamping: TemporalText.floorDiv(days.lowerBound, 86_400_000))
            let d1 = Int32(clamping: TemporalText.floorDiv(days.upperBound, 86_400_000))
            narrowDays(&scan.bounds, d0...d1)
        case UsageTable.dateIndex:
            guard case .date(let d) = constant else { return }
            var r: ClosedRange<Int32> = Int32.min...Int32.max
            switch o {
            case .equal: r = d...d
            case .less: if d > Int32.min { r = Int32.min...(d - 1) } else { scan.projects = [] }
            case .lessOrEqual: r = Int32.min...d
            case .greater: if d < Int32.max { r = (d + 1)...Int32.max } else { scan.projects = [] }
            case .greaterOrEqual: r = d...Int32.max
            case .notEqual: return
            }
            narrowDays(&scan.bounds, r)
        case UsageTable.projectIndex:
            break
        default:
            return
        }
    }

    static func narrow(_ range: inout ClosedRange<Int64>, _ op: Comparison.Operator, loExclusive lo: Int64, hiExclusive hi: Int64, exact: Bool) {
        var l = range.lowerBound, h = range.upperBound
        switch op {
        case .equal: l = max(l, lo); h = min(h, hi)
        case .less, .lessOrEqual: h = min(h, hi)
        case .greater, .greaterOrEqual: l = max(l, lo)
        case .notEqual: return
        }
        // Contradictory bounds keep one impossible instant; the row filter decides anyway.
        range = l <= h ? l...h : Int64.max...Int64.max
    }

    static func narrowDays(_ bounds: inout ScanBounds, _ r: ClosedRange<Int32>) {
        let current = bounds.days ?? Int32.min...Int32.max
        let lo = max(current.lowerBound, r.lowerBound), hi = min(current.upperBound, r.upperBound)
        bounds.days = lo <= hi ? lo...hi : Int32.max...Int32.max
    }
}
