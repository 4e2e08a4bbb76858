import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing

/// A bound query, ready to run on any snapshot: the engine queries to issue and the
/// per-group work that follows (select expressions, HAVING, ORDER BY, OFFSET, LIMIT).
package struct SQLPreparedQuery: Sendable {
    /// A WHERE condition on one dimension the engine has no filter for (`<>`, `NOT IN`,
    /// `OR`, general `LIKE`, ranges over text): answered by listing the dimension's values
    /// under the other filters and keeping those that satisfy it.
    struct DomainFilter: Sendable {
        var dimension: UsageDimension
        /// Evaluated with the dimension's value at slot 0.
        var predicate: SQLBoundExpression
        var range: SourceRange
    }

    /// One ORDER BY term.
    struct OrderSpec: Sendable {
        enum Target: Sendable {
            /// A result column.
            case output(Int)
            /// A per-group expression that is not selected.
            case expression(SQLBoundExpression)
        }
        var target: Target
        var descending: Bool
        var nullsFirst: Bool
    }

    /// Evaluation rows hold the group keys first; aggregates start at this slot.
    static let slotBase = 1 << 16

    var filters: [RowFilter]
    var domainFilters: [DomainFilter]
    var keys: [SQLGroupTerm]
    var slots: [SQLAggregateSlot]
    var outputs: [SQLBoundExpression]
    /// The result's columns.
    package let columns: [ResultColumn]

    /// Whether the rollup rule may hand it to the engine (conditions the engine has no
    /// filter for, `<>`, `OR`, `LIKE`, are answered by listing values first, still from rollups).
    /// Quantiles of cost are left out: the engine interpolates them in Double nano-USD,
    /// which rounds costs above 2^53 nano-USD, where the operators interpolate exactly.
    package var isPlainAggregate: Bool {
        !slots.contains { if case .quantile(.cost, _) = $0.aggregate { return true }; return false }
    }
    /// Whether the store's rollups can answer every engine query this statement issues
    /// (the domain listings, the main query, the side queries of FILTER clauses): the
    /// rollup rule hands the statement to the store only then; otherwise the engine would
    /// read rows, which the vectorised operators over resident columns do faster.
    package var rollupsMayAnswer: Bool {
        for domain in domainFilters {
            let listing = AggregateQuery(filters: filters, groupBy: [.dimension(domain.dimension)], aggregates: [.count])
            if !QueryEngine.rollupsMayAnswer(listing) { return false }
        }
        let main = mainQueryShape
        if !QueryEngine.rollupsMayAnswer(main) { return false }
        for slot in slots {
            guard let extra = slot.extraFilter else { continue }
            if !QueryEngine.rollupsMayAnswer(AggregateQuery(filters: main.filters + [extra], groupBy: main.groupBy, aggregates: [slot.aggregate])) { return false }
        }
        return true
    }

    /// The rollups that can answer the main engine query (what `rollupsMayAnswer` found).
    package var rollupKinds: Set<RollupBatch.Kind> { QueryEngine.rollupKinds(mainQueryShape) }

    /// The main engine query as far as rollups care: a domain filter becomes a filter on
    /// its dimension (a placeholder of the same kind), FILTER clauses' aggregates left out.
    var mainQueryShape: AggregateQuery {
        let placeholders = domainFilters.map { RowFilter.isNull($0.dimension) }
        let main = slots.filter { $0.extraFilter == nil }.map(\.aggregate)
        return AggregateQuery(filters: filters + placeholders, groupBy: keys.map(\.groupKey), aggregates: [.count] + main)
    }

    /// Whether a filter names runs, users or personas: the engine then reads only those
    /// runs' rows through each part's run index (a run's detail), whatever its keys.
    package var filtersRunIndex: Bool {
        filters.contains { f in
            if case .oneOf(let d, _) = f { return d == .runId || d == .userId || d == .personaId }
            return false
        }
    }

    /// The projects the statement's filters name (nil: any).
    package var filteredProjects: Set<String>? {
        var out: Set<String>? = nil
        for f in filters {
            guard case .oneOf(.projectId, let values) = f else { continue }
            let names = Set(values.compactMap { if case .string(let s) = $0 { return s } else { return nil } })
            out = out.map { $0.intersection(names) } ?? names
        }
        return out
    }
    var having: SQLBoundExpression?
    var order: [OrderSpec]
    var limit: Int?
    var offset: Int

    /// Runs the query. `isCancelled` is polled between the engine calls; when it returns
    /// true the query stops with `ExecutionError.cancelled`, the error the engine throws
    /// when its own `QueryProgress` is cancelled, so a caller handles one cancellation.
    package func execute(
        on snapshot: Snapshot, engine: QueryEngine = QueryEngine(), isCancelled: () -> Bool = { false }
    ) throws -> SQLResultTable {
        var scanned = 0
        var filters = self.filters
        for domain in domainFilters {
            if isCancelled() { throw ExecutionError.cancelled }
            let listing = try engine.execute(
                AggregateQuery(filters: filters, groupBy: [.dimension(domain.dimension)], aggregates: [.count]), on: snapshot)
            scanned += listing.stats.scannedRows
            var values: [FilterValue] = []
            var keepsNull = false
            let term = SQLGroupTerm.dimension(domain.dimension)
            for row in listing.rows {
                let v = term.value(row.keys[0])
                guard try domain.predicate.evaluate([v]) == .bool(true) else { continue }
                switch row.keys[0] {
                case .string(let s): values.append(.string(s))
                case .int(let i): values.append(.int(i))
                default: keepsNull = true
                }
            }
            if keepsNull && !values.isEmpty {
                throw SQLError(
                    .unsupported, "this condition keeps both NULL and non-NULL values of \(domain.dimension.name)",
                    at: domain.range, hint: "add AND \(domain.dimension.name) IS NOT NULL, or query the NULL rows separately")
            }
            filters.append(keepsNull ? .isNull(domain.dimension) : .oneOf(domain.dimension, values))
        }

        // One engine query per distinct extra condition; the first (none) defines the groups.
        let groupBy = keys.map(\.groupKey)
        var mainAggregates: [Aggregate] = [.count]
        var mainIndex = [Int: Int]()
        var sideQueries: [RowFilter: [Int]] = [:]
        for (i, slot) in slots.enumerated() {
            if let extra = slot.extraFilter {
                sideQueries[extra, default: []].append(i)
            } else if let j = mainAggregates.firstIndex(of: slot.aggregate) {
                mainIndex[i] = j
            } else {
                mainAggregates.append(slot.aggregate)
                mainIndex[i] = mainAggregates.count - 1
            }
        }
        if isCancelled() { throw ExecutionError.cancelled }
        // With an ORDER BY of its own, the statement sorts the rows below (ties broken on
        // the group keys); without one, SQL promises no order (DuckDB's varies with its
        // threads, and so does the operators' hash aggregate). Either way the engine need
        // not sort them by key: that sort of 12,740 users' strings was 40% of a
        // `GROUP BY user_id` answered from run rollups (high_card, 1M rows).
        var mainQuery = AggregateQuery(filters: filters, groupBy: groupBy, aggregates: mainAggregates)
        mainQuery.ordersByKeys = false
        if let limit, having == nil, sideQueries.isEmpty, let terms = engineOrder(mainIndex: mainIndex) {
            // ORDER BY aggregates ... LIMIT: the engine picks the rows from its
            // accumulators, so only offset + limit groups become rows here.
            mainQuery.orderBy = terms
            mainQuery.limit = offset + limit
        }
        let main = try engine.execute(mainQuery, on: snapshot)
        scanned += main.stats.scannedRows
        var side: [Int: [[KeyValue]: AggregateValue]] = [:]
        for (extra, indices) in sideQueries.sorted(by: { $0.value[0] < $1.value[0] }) {
            if isCancelled() { throw ExecutionError.cancelled }
            let aggregates = indices.map { slots[$0].aggregate }
            let result = try engine.execute(AggregateQuery(filters: filters + [extra], groupBy: groupBy, aggregates: aggregates), on: snapshot)
            scanned += result.stats.scannedRows
            for (k, i) in indices.enumerated() {
                var byKey = [[KeyValue]: AggregateValue]()
                for row in result.rows { byKey[row.keys] = row.values[k] }
                side[i] = byKey
            }
        }

        var evaluated: [(row: [SQLValue], order: [SQLValue], group: Int)] = []
        evaluated.reserveCapacity(main.rows.count)
        let lookup = Self.remap(keyCount: keys.count)
        let mainSlot = slots.indices.map { mainIndex[$0] }
        // ORDER BY terms that are output columns are read from the row itself: no array
        // of order values per row.
        let outputOrder: [Int]? = order.allSatisfy({ if case .output = $0.target { true } else { false } })
            ? order.map { if case .output(let i) = $0.target { i } else { 0 } } : nil
        // One context, overwritten row after row.
        var context = [SQLValue](repeating: .null, count: keys.count + slots.count)
        for (group, row) in main.rows.enumerated() {
            // An engine query without keys reports one row even over no data; SQL does too.
            for (j, term) in keys.enumerated() { context[j] = term.value(row.keys[j]) }
            for (i, slot) in slots.enumerated() {
                if let j = mainSlot[i] {
                    context[keys.count + i] = slot.value(row.values[j])
                } else if let v = side[i]?[row.keys] {
                    context[keys.count + i] = slot.value(v)
                } else {
                    context[keys.count + i] = slot.emptyValue
                }
            }
            if let having, try having.evaluate(context, lookup) != .bool(true) { continue }
            let out = try outputs.map { (e) throws(SQLError) in try e.evaluate(context, lookup) }
            let orderValues = outputOrder != nil ? [] : try order.map { (spec) throws(SQLError) -> SQLValue in
                switch spec.target {
                case .output(let i): return out[i]
                case .expression(let e): return try e.evaluate(context, lookup)
                }
            }
            evaluated.append((out, orderValues, group))
        }
        var rows: [[SQLValue]]
        if !order.isEmpty {
            // Ties are broken on the group keys (`GroupKeyOrder`, the engine's own), so the
            // order is total and the same as the engine's key order would give; with a
            // LIMIT only the first offset + limit rows are selected (TopK), not all sorted.
            // Read through a constant: the closure reading the `var` itself paid a
            // dynamic exclusivity check per access (a fifth of a 589-row sort).
            let sorted = evaluated, groupRows = main.rows
            // A term whose values are all integers, or all money (sums of cost), with
            // nulls, is compared as plain integers (read through one flat buffer, without
            // reference counting), not through SQLValue's general compare.
            let n = sorted.count
            var termIsInteger = [Bool](repeating: false, count: order.count)
            var integerKeys = [Int128](repeating: 0, count: order.count * n)
            var isNull = [Bool](repeating: false, count: order.count * n)
            for k in order.indices {
                var kind: Int? = nil
                termIsInteger[k] = true
                for (i, row) in sorted.enumerated() {
                    switch outputOrder.map({ row.row[$0[k]] }) ?? row.order[k] {
                    case .null: isNull[k * n + i] = true
                    case .int(let v) where kind != 1: kind = 0; integerKeys[k * n + i] = v
                    case .money(let v) where kind != 0: kind = 1; integerKeys[k * n + i] = v
                    default: termIsInteger[k] = false
                    }
                    if !termIsInteger[k] { break }
                }
            }
            // Constants: a closure reading a `var` pays a dynamic exclusivity check per access.
            let integerTerm = termIsInteger, descending = order.map(\.descending), nullsFirst = order.map(\.nullsFirst)
            func precedes(_ a: Int, _ b: Int, _ keyBase: UnsafeBufferPointer<Int128>, _ nullBase: UnsafeBufferPointer<Bool>) -> Bool {
                for k in descending.indices {
                    if integerTerm[k] {
                        let na = nullBase[k * n + a], nb = nullBase[k * n + b]
                        if na || nb {
                            if na && nb { continue }
                            return na ? nullsFirst[k] : !nullsFirst[k]
                        }
                        let x = keyBase[k * n + a], y = keyBase[k * n + b]
                        if x == y { continue }
                        return descending[k] ? x > y : x < y
                    }
                    let spec = order[k]
                    let x = outputOrder.map { sorted[a].row[$0[k]] } ?? sorted[a].order[k]
                    let y = outputOrder.map { sorted[b].row[$0[k]] } ?? sorted[b].order[k]
                    if x.isNull && y.isNull { continue }
                    if x.isNull { return spec.nullsFirst }
                    if y.isNull { return !spec.nullsFirst }
                    guard let c = SQLBoundExpression.compare(x, y), c != 0 else { continue }
                    return spec.descending ? c > 0 : c < 0
                }
                return GroupKeyOrder.precedes(groupRows[sorted[a].group].keys, groupRows[sorted[b].group].keys)
            }
            let wanted = limit.map { offset + $0 } ?? evaluated.count
            rows = integerKeys.withUnsafeBufferPointer { keys in
                isNull.withUnsafeBufferPointer { nulls in
                    TopK.indices(count: evaluated.count, first: wanted) { precedes($0, $1, keys, nulls) }.map { evaluated[$0].row }
                }
            }
        } else {
            rows = evaluated.map(\.row)
        }
        if offset > 0 { rows = Array(rows.dropFirst(offset)) }
        if let limit, rows.count > limit { rows = Array(rows.prefix(limit)) }
        return SQLResultTable(columns: columns, rows: rows, scannedRows: scanned)
    }

    /// The ORDER BY as engine terms, when every term is a group key or an aggregate the
    /// main engine query computes, sorted with nulls last (the engine's order); nil otherwise. Ties
    /// are broken by `GroupKeyOrder` in both places, so the engine's first rows are
    /// exactly the first rows of this statement's own sort.
    func engineOrder(mainIndex: [Int: Int]) -> [OrderTerm]? {
        var terms = [OrderTerm]()
        for spec in order {
            guard !spec.nullsFirst else { return nil }
            let expression: SQLBoundExpression
            switch spec.target {
            case .output(let i): expression = outputs[i]
            case .expression(let e): expression = e
            }
            guard case .slot(let s) = expression else { return nil }
            if s < Self.slotBase {
                // A group key: both sides order keys by value (strings by UTF-8 bytes).
                terms.append(OrderTerm(.key(s), descending: spec.descending))
            } else if let j = mainIndex[s - Self.slotBase] {
                terms.append(OrderTerm(.aggregate(j), descending: spec.descending))
            } else {
                return nil
            }
        }
        return terms.isEmpty ? nil : terms
    }

    /// Slot numbers as bound (keys from 0, aggregates from ``slotBase``) to context indices.
    static func remap(keyCount: Int) -> (Int) -> Int {
        { $0 >= slotBase ? keyCount + ($0 - slotBase) : $0 }
    }
}
