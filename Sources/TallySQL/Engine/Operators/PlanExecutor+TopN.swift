/// Top-N of wide rows in two passes (late materialisation): `SELECT * FROM usage ORDER BY
/// ts DESC LIMIT 50` first finds the 50th key with only the key column (and what the
/// filter reads) decoded, then reads the whole rows of those keys and the ties alone, with
/// the key bound also pushed into the scan (for `ts`, its parts, row groups and days are
/// pruned). A single pass carried every column of every row through the top-N: 237 ms
/// on per_step 10M, DuckDB 6.7 ms (BENCHMARKS.md, session 17).
extension PlanExecutor {
    /// The largest N this applies to: beyond it the first pass costs about what it saves.
    static let lateTopNLimit = 10_000

    /// `input` (what a top-N of `count` rows by `keys` reads) narrowed to the rows whose
    /// first key is at least as good as the `count`-th best, or nil when the shape does
    /// not allow it: the first key a non-null integer-like column of a usage scan read by
    /// wider rows, NULLs last, under at most one projection and one filter.
    func narrowedTopN(_ input: LogicalPlan, keys: [BoundSortKey], count: Int) throws -> LogicalPlan? {
        guard count > 0, count <= PlanExecutor.lateTopNLimit, let first = keys.first, !first.nullsFirst,
              case .column(let k, let type, _) = first.expression, type.isInt64Backed,
              case .project(let input, let exprs) = input, k < exprs.count,
              case .column(let c, _, let name) = exprs[k] else { return nil }
        var scan: TableScan, filter: BoundExpression?
        switch input {
        case .scan(let s): (scan, filter) = (s, nil)
        case .filter(.scan(let s), let p): (scan, filter) = (s, p)
        default: return nil
        }
        let narrow = Set([c]).union(filter?.referencedColumns ?? [])
        // Only when whole rows are much wider than what the first pass reads.
        guard scan.columns.count >= narrow.count + 3 else { return nil }
        if c == UsageTable.tsIndex || c == UsageTable.dateIndex, let day = dayBound(scan, filter, count: count, descending: first.descending) {
            Optimizer.narrowDays(&scan.bounds, first.descending ? day...Int32.max : Int32.min...day)
        }
        let below: LogicalPlan = filter.map { .filter(.scan(scan), $0) } ?? .scan(scan)
        let key = BoundExpression.column(c, type, name: name)
        let keyOnly = LogicalPlan.limit(.sort(.project(Optimizer.setScanColumns(below, narrow), [key]),
                                              [BoundSortKey(expression: .column(0, type, name: name), descending: first.descending, nullsFirst: false)]),
                                        limit: count, offset: 0)
        let best = try run(keyOnly)
        guard best.reduce(0, { $0 + $1.count }) == count, let last = best.last(where: { $0.count > 0 }) else { return nil }
        let threshold = last.columns[0].value(last.count - 1)
        // NULLs sort last, so `count` rows with a key mean the N-th key is a value.
        guard !threshold.isNull else { return nil }
        let op: Comparison.Operator = first.descending ? .greaterOrEqual : .lessOrEqual
        let bound = BoundExpression.call(BoundFunction(name: op.rawValue, returnType: .boolean, canFail: false,
                                                       kernel: Comparison.kernel(op, type: type), filterForm: .compare(op)),
                                         [key, .constant(threshold, type)])
        Optimizer.push(bound, into: &scan)
        let predicate = filter.map { BoundExpression.conjunction(isAnd: true, [$0, bound]) } ?? bound
        return .project(.filter(.scan(scan), predicate), exprs)
    }

    /// For a top-N by time: the first (descending) or last day the best `count` rows can
    /// be on, from the manifest alone. The parts latest by their last day (earliest by
    /// their first) that together hold `count` rows, all of which the scan reads, hold
    /// `count` rows on or after the earliest first day among them, so no better row is
    /// before it. Nil when the filter is not enforced by the scan's pruning (its rows could
    /// fail it) or no such parts are found. The first pass guards the bound as well: any
    /// day that leaves `count` rows on or after it holds the best `count`, and one that
    /// leaves fewer sends the statement back to the plain top-N.
    func dayBound(_ scan: TableScan, _ filter: BoundExpression?, count: Int, descending: Bool) -> Int32? {
        if let filter, Optimizer.residual(filter, over: scan) != nil { return nil }
        let days = scan.bounds.days ?? Int32.min...Int32.max
        let parts = TableScanOperator(scan, counters: counters).candidateParts(snapshot)
            .filter { days.contains($0.entry.minDay) && days.contains($0.entry.maxDay) }
            .sorted { descending ? $0.entry.maxDay > $1.entry.maxDay : $0.entry.minDay < $1.entry.minDay }
        var rows = 0
        var bound: Int32? = nil
        for p in parts {
            rows += p.entry.rowCount
            bound = descending ? min(bound ?? Int32.max, p.entry.minDay) : max(bound ?? Int32.min, p.entry.maxDay)
            if rows >= count { return bound }
        }
        return nil
    }
}
