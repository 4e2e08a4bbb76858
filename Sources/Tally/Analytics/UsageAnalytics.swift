import Foundation
import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing

/// The analytics questions of a store, each one engine query (or two) on one snapshot.
///
/// Windows are inclusive calendar days in their time zone. Queries that the hourly
/// rollups can answer (project totals by unit, service, model, day in whole-hour zones)
/// are answered from them.
package struct UsageAnalytics: Sendable {
    /// The store asked.
    package let store: Store
    /// The engine that answers.
    package var engine: QueryEngine

    /// Creates the API over a store.
    package init(store: Store, options: ExecutionOptions = ExecutionOptions()) {
        self.store = store
        self.engine = QueryEngine(options: options)
    }

    private func run(_ q: AggregateQuery, _ snapshot: Snapshot) throws -> [ResultRow] {
        try engine.execute(q, on: snapshot).rows
    }

    private func filters(project: String, window: DateWindow) -> [RowFilter]? {
        guard let instants = window.instants else { return nil }
        return [.oneOf(.projectId, [.string(project)]), .ts(instants)]
    }

    // MARK: (1) Summary

    /// Totals of `project` over `window`; cache savings priced by `pricer` per
    /// (service, model, UTC day) of cache-read tokens (nil = no savings computed).
    package func summary(project: String, window: DateWindow, pricer: (any CacheSavingsPricer)? = nil) throws -> UsageSummary {
        try summary(project: project, window: window, pricer: pricer, snapshot: store.snapshot())
    }

    func summary(project: String, window: DateWindow, pricer: (any CacheSavingsPricer)?, snapshot: Snapshot) throws -> UsageSummary {
        guard let base = filters(project: project, window: window) else { return .empty }
        var s = UsageSummary.empty
        let byUnit = try run(AggregateQuery(filters: base, groupBy: [.dimension(.unit)], aggregates: [.count, .sum(.quantity), .sum(.cost)]), snapshot)
        for row in byUnit {
            let unit = row.keys[0].string ?? ""
            let count = Int64(row.values[0].exactValue ?? 0)
            let quantity = row.values[1].doubleValue ?? 0
            let cost = row.values[2].exactValue ?? 0
            s.records += count
            s.costNanos += cost
            if TokenClass.isTokenUnit(unit) { s.tokens += quantity }
            if unit == "sandbox_seconds" { s.sandboxHours += quantity / 3600 }
            if let c = TokenClass(rawValue: unit) { s.byTokenClass[c] = .init(quantity: quantity, costNanos: cost) }
        }
        if let pricer, (s.byTokenClass[.cacheRead]?.quantity ?? 0) > 0 {
            var byDay = AggregateQuery(
                filters: base + [.oneOf(.unit, [.string(TokenClass.cacheRead.unit)])],
                groupBy: [.dimension(.service), .dimension(.modelId), .date], aggregates: [.sum(.quantity)])
            // The rows are only summed (exactly: nano-USD in Int128, whole token counts in
            // Double), so their order does not matter; sorting a year's 1,800 of them
            // was a third of a 365-day summary.
            byDay.ordersByKeys = false
            let rows = try run(byDay, snapshot)
            // Priced a model at a time, all its days in one call: the pricer looks its
            // rates up once per model instead of once per day.
            var slot: [ModelKey: Int] = [:]
            var models: [(key: ModelKey, days: [(day: Int32, quantity: Double)])] = []
            for row in rows {
                let quantity = row.values[0].doubleValue ?? 0
                guard case let .string(service) = row.keys[0], case let .string(model) = row.keys[1], case let .date(day) = row.keys[2]
                else { s.unpricedCacheReadTokens += quantity; continue }
                let key = ModelKey(service: service, model: model)
                if let i = slot[key] {
                    models[i].days.append((day, quantity))
                } else {
                    slot[key] = models.count
                    models.append((key, [(day, quantity)]))
                }
            }
            for (key, entries) in models {
                for (entry, saved) in zip(entries, pricer.cacheSavingsNanos(service: key.service, modelId: key.model, days: entries)) {
                    if let saved { s.cacheSavingsNanos += Int128(saved) } else { s.unpricedCacheReadTokens += entry.quantity }
                }
            }
        }
        return s
    }

    /// A (service, model) whose cache reads are priced together.
    private struct ModelKey: Hashable {
        var service: String
        var model: String
    }

    // MARK: (2) Comparison

    /// The summary of `window` and of the equal-length period right before it.
    package func summaryComparison(project: String, window: DateWindow, pricer: (any CacheSavingsPricer)? = nil) throws -> SummaryComparison {
        let snapshot = store.snapshot()
        let current = try summary(project: project, window: window, pricer: pricer, snapshot: snapshot)
        let previousWindow = window.previous
        let previous = try summary(project: project, window: previousWindow, pricer: pricer, snapshot: snapshot)
        var changes = [SummaryComparison.Metric: SummaryComparison.Change]()
        for m in SummaryComparison.Metric.allCases {
            let (now, before): (Double, Double)
            switch m {
            case .cost: (now, before) = (Double(current.costNanos), Double(previous.costNanos))
            case .tokens: (now, before) = (current.tokens, previous.tokens)
            case .sandboxHours: (now, before) = (current.sandboxHours, previous.sandboxHours)
            case .records: (now, before) = (Double(current.records), Double(previous.records))
            case .cacheSavings: (now, before) = (Double(current.cacheSavingsNanos), Double(previous.cacheSavingsNanos))
            }
            if previous.records == 0 { changes[m] = .noPreviousData }
            else if before == 0 { changes[m] = now == 0 ? .percent(0) : .fromZero }
            else { changes[m] = .percent((now - before) / before * 100) }
        }
        return SummaryComparison(current: current, previous: previous, previousWindow: previousWindow, changes: changes)
    }

    // MARK: (3) Time series

    /// Usage per local day, ISO week (Monday) or month of `window`, every bucket
    /// present (zero-filled), in order. Hour buckets are not offered here.
    package func usageSeries(project: String, window: DateWindow, bucket: TimeBucket) throws -> [UsageBucket] {
        guard bucket != .hour else { throw ExecutionError.unsupported("hourly series (use aggregatedUsage with .time(.hour))") }
        guard let base = filters(project: project, window: window) else { return [] }
        // Two queries keyed by the bucket alone (dense accumulators), rather than one by
        // bucket and unit (a hash table of buckets x units, 8x slower over a year): the
        // records and costs of every unit, and the quantities of the token units.
        let snapshot = store.snapshot()
        var all = AggregateQuery(filters: base, groupBy: [.time(bucket)], aggregates: [.count, .sum(.cost)], timeZone: window.timeZone)
        var tokens = AggregateQuery(
            filters: base + [.tokenUnits], groupBy: [.time(bucket)], aggregates: [.sum(.quantity)], timeZone: window.timeZone)
        all.ordersByKeys = false  // the rows go into a dictionary by bucket
        tokens.ordersByKeys = false
        var byStart = [Int32: UsageBucket]()
        for row in try run(all, snapshot) {
            guard case let .date(start) = row.keys[0] else { continue }
            byStart[start] = UsageBucket(
                startDay: start, value: nil, costNanos: row.values[1].exactValue ?? 0, tokens: 0,
                records: Int64(row.values[0].exactValue ?? 0))
        }
        for row in try run(tokens, snapshot) {
            guard case let .date(start) = row.keys[0] else { continue }
            byStart[start]?.tokens += row.values[0].doubleValue ?? 0
        }
        var out = [UsageBucket]()
        var start = UsageAnalytics.bucketStart(window.from, bucket)
        while start <= window.to {
            out.append(byStart[start] ?? UsageBucket(startDay: start, value: nil, costNanos: 0, tokens: 0, records: 0))
            start = UsageAnalytics.nextBucket(start, bucket)
        }
        return out
    }

    static func bucketStart(_ day: Int32, _ bucket: TimeBucket) -> Int32 {
        switch bucket {
        case .hour, .day: return day
        case .week: return day - Int32(((Int(day) + 3) % 7 + 7) % 7)
        case .month:
            let c = CivilDate.civil(fromDayNumber: day)
            return CivilDate.dayNumber(year: c.year, month: c.month, day: 1)
        }
    }

    static func nextBucket(_ start: Int32, _ bucket: TimeBucket) -> Int32 {
        switch bucket {
        case .hour, .day: return start + 1
        case .week: return start + 7
        case .month:
            let c = CivilDate.civil(fromDayNumber: start)
            return start + Int32(CivilDate.daysInMonth(year: c.year, month: c.month))
        }
    }

    // MARK: (4) Breakdowns

    /// Usage per service over `window`, most expensive first.
    package func usageByService(project: String, window: DateWindow) throws -> [UsageBucket] {
        try breakdown(project: project, window: window, by: .service)
    }

    /// Usage per model over `window`, most expensive first (nil = rows without a model).
    package func usageByModel(project: String, window: DateWindow) throws -> [UsageBucket] {
        try breakdown(project: project, window: window, by: .modelId)
    }

    private func breakdown(project: String, window: DateWindow, by dim: UsageDimension) throws -> [UsageBucket] {
        guard let base = filters(project: project, window: window) else { return [] }
        var query = AggregateQuery(
            filters: base, groupBy: [.dimension(dim), .dimension(.unit)], aggregates: [.count, .sum(.quantity), .sum(.cost)])
        query.ordersByKeys = false  // merged into a dictionary, then sorted by cost below
        let rows = try run(query, store.snapshot())
        var by = [KeyValue: UsageBucket]()
        for row in rows {
            var b = by[row.keys[0]] ?? UsageBucket(startDay: nil, value: row.keys[0].string, costNanos: 0, tokens: 0, records: 0)
            b.records += Int64(row.values[0].exactValue ?? 0)
            b.costNanos += row.values[2].exactValue ?? 0
            if row.keys[1].string.map(TokenClass.isTokenUnit) == true { b.tokens += row.values[1].doubleValue ?? 0 }
            by[row.keys[0]] = b
        }
        return by.sorted { a, b in a.value.costNanos != b.value.costNanos ? a.value.costNanos > b.value.costNanos : a.key < b.key }.map(\.value)
    }

    // MARK: (5) Aggregated usage

    /// Any grouping with filters, ordering and a limit, over `project` (nil = all) and
    /// `window` (nil = all time; its zone also buckets `.time` keys).
    package func aggregatedUsage(
        project: String?, window: DateWindow?, groupBy: [GroupKey], filters extra: [RowFilter] = [],
        aggregates: [Aggregate] = [.count, .sum(.quantity), .sum(.cost)], orderBy: [OrderTerm] = [], limit: Int? = nil
    ) throws -> QueryResult {
        var f = extra
        if let project { f.append(.oneOf(.projectId, [.string(project)])) }
        if let window {
            guard let instants = window.instants else { f.append(.ts(1...0)); return try engine.execute(AggregateQuery(filters: f, groupBy: groupBy, aggregates: aggregates), on: store.snapshot()) }
            f.append(.ts(instants))
        }
        let q = AggregateQuery(filters: f, groupBy: groupBy, aggregates: aggregates, orderBy: orderBy, limit: limit,
                               timeZone: window?.timeZone ?? TimeZone(identifier: "UTC")!)
        return try engine.execute(q, on: store.snapshot())
    }

    // MARK: (6) Runs

    /// The cost of each of `runIds` in `project`, in one query; every asked id is present.
    package func runCosts(project: String, runIds: [String]) throws -> [String: RunCost] {
        var out = [String: RunCost]()
        for id in runIds { out[id] = RunCost(runId: id, costNanos: 0, records: 0) }
        guard !runIds.isEmpty else { return out }
        var query = AggregateQuery(
            filters: [.oneOf(.projectId, [.string(project)]), .oneOf(.runId, runIds.map { .string($0) })],
            groupBy: [.dimension(.runId)], aggregates: [.sum(.cost), .count])
        query.ordersByKeys = false  // the rows go into a dictionary
        let rows = try run(query, store.snapshot())
        for row in rows {
            guard let id = row.keys[0].string else { continue }
            out[id] = RunCost(runId: id, costNanos: row.values[0].exactValue ?? 0, records: Int64(row.values[1].exactValue ?? 0))
        }
        return out
    }

    /// One run per step type and step index: tokens per class, cost and duration.
    package func runDetail(project: String, runId: String) throws -> RunDetail {
        var query = AggregateQuery(
            filters: [.oneOf(.projectId, [.string(project)]), .oneOf(.runId, [.string(runId)])],
            groupBy: [.dimension(.stepType), .dimension(.stepIndex), .dimension(.unit)],
            aggregates: [.sum(.quantity), .sum(.cost), .max(.durationMs)])
        query.ordersByKeys = false  // the steps are sorted below, once merged
        let rows = try run(query, store.snapshot())
        var steps = [[KeyValue]: RunStep]()
        var total: Int128 = 0
        for row in rows {
            let key = Array(row.keys[0..<2])
            var step = steps[key] ?? RunStep(
                stepType: row.keys[0].string,
                stepIndex: { if case let .int(v) = row.keys[1] { return Int32(v) } else { return nil } }(),
                tokens: [:], costNanos: 0, durationMs: nil)
            let cost = row.values[1].exactValue ?? 0
            step.costNanos += cost
            total += cost
            if let c = row.keys[2].string.flatMap(TokenClass.init(rawValue:)) { step.tokens[c, default: 0] += row.values[0].doubleValue ?? 0 }
            if case let .int(d) = row.values[2] { step.durationMs = Swift.max(step.durationMs ?? d, d) }
            steps[key] = step
        }
        let ordered = steps.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.value)
        return RunDetail(runId: runId, steps: ordered, costNanos: total)
    }

    /// A run's cost against the project's runs of the `trailingDays` UTC days ending on
    /// the run's last day: mean, median, p90 and its rank. Nil if the run has no rows.
    package func runContext(project: String, runId: String, trailingDays: Int = 30) throws -> RunContext? {
        let snapshot = store.snapshot()
        let days = try run(AggregateQuery(
            filters: [.oneOf(.projectId, [.string(project)]), .oneOf(.runId, [.string(runId)])],
            groupBy: [.date], aggregates: [.count], orderBy: [OrderTerm(.key(0), descending: true)], limit: 1), snapshot)
        guard let first = days.first, case let .date(last) = first.keys[0] else { return nil }
        let window = DateWindow(from: last - Int32(Swift.max(trailingDays, 1)) + 1, to: last)
        var perRun = AggregateQuery(
            filters: [.oneOf(.projectId, [.string(project)]), .date(window.from...window.to), .isNotNull(.runId)],
            groupBy: [.dimension(.runId)], aggregates: [.sum(.cost)])
        // Only the costs matter, not which run has which: sorting the runs by id was
        // half of a call.
        perRun.ordersByKeys = false
        let rows = try run(perRun, snapshot)
        let costs = rows.map { $0.values[0].exactValue ?? 0 }
        // The run's own cost counts all its rows, also those before the window.
        let own = try runCosts(project: project, runIds: [runId])[runId]!.costNanos
        let values = costs.map(Double.init)
        let total = costs.reduce(Int128(0), +)
        return RunContext(
            runId: runId, costNanos: own, window: window, runCount: costs.count,
            meanNanos: costs.isEmpty ? 0 : Double(total) / Double(costs.count),
            medianNanos: Quantile.continuous(0.5, of: values) ?? 0,
            p90Nanos: Quantile.continuous(0.9, of: values) ?? 0,
            rank: 1 + costs.filter { $0 > own }.count)
    }

    // MARK: (7) Quota

    /// Tokens used in the billing period containing `instant`, for periods that reset
    /// monthly on `anchorDay` (1...31, clamped to each month's last day) in `timeZone`.
    package func quotaWindow(
        project: String, containing instant: Int64, anchorDay: Int, limit: Double?, timeZone: TimeZone = TimeZone(identifier: "UTC")!
    ) throws -> QuotaWindow {
        guard (1...31).contains(anchorDay) else { throw ExecutionError.invalidArgument("anchor day \(anchorDay) is not in 1...31") }
        let offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant) / 1000))) * 1000
        let localDay = Int32(truncatingIfNeeded: (instant + offset - (instant + offset < 0 ? CivilDate.millisecondsPerDay - 1 : 0)) / CivilDate.millisecondsPerDay)
        let c = CivilDate.civil(fromDayNumber: localDay)
        func anchor(_ y: Int, _ m: Int) -> Int32 {
            let (yy, mm) = m < 1 ? (y - 1, m + 12) : (m > 12 ? (y + 1, m - 12) : (y, m))
            return CivilDate.dayNumber(year: yy, month: mm, day: Swift.min(anchorDay, CivilDate.daysInMonth(year: yy, month: mm)))
        }
        let thisMonth = anchor(c.year, c.month)
        let (startDay, endDay) = localDay >= thisMonth
            ? (thisMonth, anchor(c.year, c.month + 1))
            : (anchor(c.year, c.month - 1), thisMonth)
        let start = DateWindow.startOfDay(startDay, in: timeZone)
        let end = DateWindow.startOfDay(endDay, in: timeZone)
        let rows = try run(AggregateQuery(
            filters: [.oneOf(.projectId, [.string(project)]), .ts(start...(end - 1)), .tokenUnits], aggregates: [.sum(.quantity)]), store.snapshot())
        let used = rows.first?.values[0].doubleValue ?? 0
        return QuotaWindow(
            startDay: startDay, endDay: endDay, start: start, end: end, limit: limit, used: used,
            remaining: limit.map { Swift.max($0 - used, 0) })
    }
}
