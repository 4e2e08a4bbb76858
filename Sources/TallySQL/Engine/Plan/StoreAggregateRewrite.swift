import TallyExecution

/// The rollup rule as an optimiser rule over plans: an aggregate over a filtered scan of
/// `usage` whose filters, keys and aggregates the store's aggregation engine answers
/// exactly is rewritten onto that engine, wherever it sits in the plan (a CTE, the inner
/// aggregate of a window or QUALIFY, a join's side).
///
/// `RollupRule` hands a whole single-table statement to the engine from its text; this
/// rule reaches the aggregates inside larger statements, which the text rule cannot see.
/// It translates only what maps one to one (conditions the engine filters by, keys that
/// are columns or `date_trunc` of ts, count/sum/min/max/avg of the measures) and leaves
/// every other aggregate to the operators, so both paths give the same answers.
enum StoreAggregateRewrite {
    /// `plan` with each aggregate the engine answers replaced by the engine's node (under
    /// `.whenRollupsAnswer`, only those the store's rollups can answer: the operators over
    /// resident columns read rows faster than the engine).
    static func apply(_ plan: LogicalPlan, mode: SQLQuery.RuleMode) -> LogicalPlan {
        guard mode != .off else { return plan }
        return Optimizer.map(plan) { node in
            guard case .aggregate(let input, let spec) = node, let prepared = translate(spec, over: input) else { return node }
            if mode == .whenRollupsAnswer,
               !(prepared.rollupsMayAnswer || prepared.filtersRunIndex || !ResidentCache.shared.isEnabled) {
                return node
            }
            return .storeAggregate(prepared, types: spec.outputTypes, operators: mode == .always ? nil : node)
        }
    }

    /// The engine's query for `spec` over `input`, or nil when the engine cannot answer it
    /// exactly.
    static func translate(_ spec: AggregateSpec, over input: LogicalPlan) -> SQLPreparedQuery? {
        guard spec.groupingSets == nil else { return nil }
        var filters: [RowFilter] = []
        switch input {
        case .scan: break
        case .filter(.scan, let predicate):
            for c in Optimizer.conjuncts(predicate) {
                guard let f = rowFilters(c) else { return nil }
                filters += f
            }
        default: return nil
        }
        var keys: [SQLGroupTerm] = []
        for k in spec.keys {
            guard let term = groupTerm(k) else { return nil }
            keys.append(term)
        }
        var slots: [SQLAggregateSlot] = []
        for a in spec.aggregates {
            guard let slot = aggregateSlot(a) else { return nil }
            slots.append(slot)
        }
        let outputs = keys.indices.map { SQLBoundExpression.slot($0) }
            + slots.indices.map { SQLBoundExpression.slot(SQLPreparedQuery.slotBase + $0) }
        let columns = keys.map { ResultColumn(name: "key", type: $0.type) } + slots.map { ResultColumn(name: "aggregate", type: $0.type) }
        return SQLPreparedQuery(filters: filters, domainFilters: [], keys: keys, slots: slots, outputs: outputs,
                                columns: columns, having: nil, order: [], limit: nil, offset: 0)
    }

    /// A dimension the engine groups and filters by: text and small integer columns
    /// (not the hidden ones, nor duration_ms, which the engine keeps as a measure).
    static func dimension(_ column: Int) -> UsageDimension? {
        let name = UsageTable.columns[column].name
        guard !UsageTable.columns[column].hidden, name != "duration_ms" else { return nil }
        return UsageDimension(rawValue: name)
    }

    static func groupTerm(_ key: BoundExpression) -> SQLGroupTerm? {
        switch key {
        case .column(let i, _, _):
            if i == UsageTable.dateIndex { return .date }
            return dimension(i).map { .dimension($0) }
        case .call(let f, let args) where (f.name == "date_trunc" || f.name == "datetrunc") && args.count == 2:
            // date is ts's UTC day, so its buckets of a day or more are ts's.
            guard case .string(let unit)? = args[0].constantValue, case .column(let i, _, _) = args[1],
                  let bucket = TimeBucket(rawValue: unit.lowercased()),
                  i == UsageTable.tsIndex || (i == UsageTable.dateIndex && bucket != .hour) else { return nil }
            return .bucket(bucket)
        case .call(let f, let args) where f.name == "CAST_TIMESTAMP" && args.count == 1:
            // date::TIMESTAMP, a daily series' usual key: the midnight of ts's UTC day.
            guard case .column(UsageTable.dateIndex, _, _) = args[0] else { return nil }
            return .bucket(.day)
        default:
            return nil
        }
    }

    static func aggregateSlot(_ a: BoundAggregate) -> SQLAggregateSlot? {
        guard a.filter == nil, a.orderBy.isEmpty else { return nil }
        if a.kind == .countStar { return a.distinct ? nil : SQLAggregateSlot(.count) }
        guard a.arguments.count == 1, case .column(let i, _, _) = a.arguments[0] else { return nil }
        let info = UsageTable.columns[i]
        if a.kind == .count {
            guard let d = dimension(i) else {
                // count(column) of a column that is never NULL counts rows.
                return a.distinct || info.nullable ? nil : SQLAggregateSlot(.count)
            }
            if a.distinct { return SQLAggregateSlot(.countDistinct(d)) }
            var slot = SQLAggregateSlot(.count)
            if info.nullable { slot.extraFilter = .isNotNull(d) }
            return slot
        }
        guard !a.distinct, let m = Measure(column: info.name) else { return nil }
        switch a.kind {
        case .sum: return SQLAggregateSlot(.sum(m))
        case .min: return SQLAggregateSlot(.min(m))
        case .max: return SQLAggregateSlot(.max(m))
        case .avg: return SQLAggregateSlot(.avg(m))
        default: return nil
        }
    }

    /// One conjunct as engine filters, or nil when the engine has no filter for it.
    static func rowFilters(_ c: BoundExpression) -> [RowFilter]? {
        guard case .call(let f, let args) = c else { return nil }
        switch f.filterForm {
        case .nullTest(let negated)?:
            guard case .column(let i, _, _) = args[0], let d = dimension(i) else { return nil }
            if !UsageTable.columns[i].nullable { return negated ? [] : [SQLBinder.nothing] }
            return [negated ? .isNotNull(d) : .isNull(d)]
        case .compare(let op)?:
            var o = op
            var column = args[0], constant = args[1]
            if case .column = args[1], args[0].constantValue != nil { (column, constant) = (args[1], args[0]); o = op.flipped }
            guard case .column(let i, let type, _) = column, let value = constant.constantValue, constant.type == type else { return nil }
            if value.isNull { return [SQLBinder.nothing] }
            return comparison(i, o, value)
        default:
            return nil
        }
    }

    /// `column op value` (value of the column's own type) as engine filters.
    static func comparison(_ i: Int, _ op: Comparison.Operator, _ value: ScalarValue) -> [RowFilter]? {
        if op == .notEqual { return nil }
        switch (UsageTable.columns[i].name, value) {
        case ("ts", .timestamp(let us)):
            // Instants are stored in whole milliseconds.
            let floor = TemporalText.floorDiv(us, 1000)
            let exact = floor * 1000 == us
            switch op {
            case .equal: return exact ? [.ts(floor...floor)] : [SQLBinder.nothing]
            case .less: return [.ts(Int64.min...(exact ? floor - 1 : floor))]
            case .lessOrEqual: return [.ts(Int64.min...floor)]
            case .greater: return [.ts((floor + 1)...Int64.max)]
            default: return [.ts((exact ? floor : floor + 1)...Int64.max)]
            }
        case ("date", .date(let d)):
            return integerRange(op, d, RowFilter.date)
        case ("quantity", .double(let v)):
            guard !v.isNaN else { return nil }
            switch op {
            case .equal: return [.quantity(v...v)]
            case .less: return [.quantity(-Double.infinity...v.nextDown)]
            case .lessOrEqual: return [.quantity(-Double.infinity...v)]
            case .greater: return [.quantity(v.nextUp...Double.infinity)]
            default: return [.quantity(v...Double.infinity)]
            }
        case ("cost_usd", .int(let nanos128)):
            guard let v = Int64(exactly: nanos128) else { return nil }
            return integerRange(op, v, RowFilter.cost)
        default:
            guard op == .equal, let d = dimension(i) else { return nil }
            switch value {
            case .string(let s) where d.isString: return [.oneOf(d, [.string(s)])]
            case .int(let x) where !d.isString: return Int64(exactly: x).map { [.oneOf(d, [.int($0)])] }
            default: return nil
            }
        }
    }
}

/// `x op v` over integers as the range filter `make` builds (`<>` is never passed).
private func integerRange<T: FixedWidthInteger>(_ op: Comparison.Operator, _ v: T,
                                                _ make: (ClosedRange<T>) -> RowFilter) -> [RowFilter] {
    switch op {
    case .equal: return [make(v...v)]
    case .less: return v == .min ? [SQLBinder.nothing] : [make(T.min...(v - 1))]
    case .lessOrEqual: return [make(T.min...v)]
    case .greater: return v == .max ? [SQLBinder.nothing] : [make((v + 1)...T.max)]
    default: return [make(v...T.max)]
    }
}

extension Measure {
    /// The measure stored in the column called `column`.
    init?(column: String) {
        switch column {
        case "quantity": self = .quantity
        case "cost_usd": self = .cost
        case "duration_ms": self = .durationMs
        default: return nil
        }
    }
}
