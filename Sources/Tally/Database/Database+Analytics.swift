import Foundation

/// The dashboard questions, answered by the database's engine from its own data and rate
/// card: no store, engine or pricer to pass.
extension Database {
    /// Cost, tokens, sandbox hours, records and cache savings of `project` over `window`
    /// (cache savings priced from the database's rate card; zero with pricing off).
    public func summary(project: String, window: DateWindow) throws -> UsageSummary {
        try analytics.summary(project: project, window: window, pricer: rates?.cacheSavings())
    }

    /// `summary` for `window` and for the window of equal length just before it.
    public func summaryComparison(project: String, window: DateWindow) throws -> SummaryComparison {
        try analytics.summaryComparison(project: project, window: window, pricer: rates?.cacheSavings())
    }

    /// Cost, tokens and records per day, week or month of `window`, with empty buckets.
    public func usageSeries(project: String, window: DateWindow, bucket: TimeBucket) throws -> [UsageBucket] {
        try analytics.usageSeries(project: project, window: window, bucket: bucket)
    }

    /// Usage per service over `window`, most expensive first.
    public func usageByService(project: String, window: DateWindow) throws -> [UsageBucket] {
        try analytics.usageByService(project: project, window: window)
    }

    /// Usage per model over `window`, most expensive first (nil = rows without a model).
    public func usageByModel(project: String, window: DateWindow) throws -> [UsageBucket] {
        try analytics.usageByModel(project: project, window: window)
    }

    /// Any grouping of `project`'s usage (nil = every project) over `window` (nil = all
    /// time; its zone also buckets `.time` keys), with filters, an order and a limit.
    ///
    /// The result has a column per key, named as the schema names it (`model_id`,
    /// `date`, `week`, ...), then one per aggregate: `records` (count), `quantity`,
    /// `cost_usd` and `duration_ms` (sums), `avg_`/`min_`/`max_` of a measure,
    /// `distinct_` of a dimension, `p50_` (or any percentile) of a measure; typed and
    /// valued as the same aggregate in SQL (cost sums money, averages of cost in USD).
    public func aggregatedUsage(
        project: String?, window: DateWindow?, groupBy: [GroupKey], filters: [RowFilter] = [],
        aggregates: [Aggregate] = [.count, .sum(.quantity), .sum(.cost)], orderBy: [OrderTerm] = [], limit: Int? = nil
    ) throws -> ResultSet {
        let result = try analytics.aggregatedUsage(
            project: project, window: window, groupBy: groupBy, filters: filters, aggregates: aggregates,
            orderBy: orderBy, limit: limit)
        return ResultSet(groupBy: groupBy, aggregates: aggregates, rows: result.rows)
    }

    /// The cost of each of `runIds` in `project`; every asked id is present.
    public func runCosts(project: String, runIds: [String]) throws -> [String: RunCost] {
        try analytics.runCosts(project: project, runIds: runIds)
    }

    /// One run per step type and step index: tokens per class, cost and duration.
    public func runDetail(project: String, runId: String) throws -> RunDetail {
        try analytics.runDetail(project: project, runId: runId)
    }

    /// A run's cost against the project's runs of the `trailingDays` UTC days ending on
    /// its last day: mean, median, p90 and its rank. Nil if the run has no rows.
    public func runContext(project: String, runId: String, trailingDays: Int = 30) throws -> RunContext? {
        try analytics.runContext(project: project, runId: runId, trailingDays: trailingDays)
    }

    /// Tokens used in the billing period containing `instant`, for periods that reset
    /// monthly on `anchorDay` (1...31) in `timeZone` (the configuration's by default).
    public func quotaWindow(
        project: String, containing instant: Int64, anchorDay: Int, limit: Double?, timeZone: TimeZone? = nil
    ) throws -> QuotaWindow {
        try analytics.quotaWindow(
            project: project, containing: instant, anchorDay: anchorDay, limit: limit,
            timeZone: timeZone ?? configuration.timeZone)
    }

    /// The days from `from` to `to` (inclusive, `YYYY-MM-DD`) in the configuration's
    /// time zone, for the questions above.
    public func window(from: String, to: String) throws -> DateWindow {
        try DateWindow(from, to, timeZone: configuration.timeZone)
    }
}

extension ResultSet {
    /// An engine result as named, typed columns; aggregates typed and read as SQL reads
    /// them (money exact, averages and quantiles of cost in USD).
    init(groupBy: [GroupKey], aggregates: [Aggregate], rows: [ResultRow]) {
        let slots = aggregates.map(SQLAggregateSlot.init)
        var columns = groupBy.map { Column(name: $0.columnName, type: $0.resultType) }
        columns += zip(aggregates, slots).map { Column(name: $0.columnName, type: $1.type) }
        let values = rows.map { row in
            row.keys.map(ResultValue.init) + zip(slots, row.values).map { ResultValue($0.value($1)) }
        }
        self.init(columns: columns, rows: values)
    }
}

extension GroupKey {
    /// The name of its result column.
    var columnName: String {
        switch self {
        case let .dimension(d): return d.name
        case .date: return "date"
        case let .time(b): return b.rawValue
        }
    }

    var resultType: ResultType {
        switch self {
        case let .dimension(d): return d.isString ? .varchar : .bigint
        case .date: return .date
        case .time: return .timestamp
        }
    }
}

extension Aggregate {
    /// The name of its result column.
    var columnName: String {
        switch self {
        case .count: return "records"
        case let .sum(m): return m.columnName
        case let .avg(m): return "avg_" + m.columnName
        case let .min(m): return "min_" + m.columnName
        case let .max(m): return "max_" + m.columnName
        case let .countDistinct(d): return "distinct_" + d.name
        case let .quantile(m, q): return "p\(Self.percentile(q))_" + m.columnName
        }
    }

    /// `0.5` as `50`, `0.999` as `99.9`.
    private static func percentile(_ q: Double) -> String {
        let p = q * 100
        return p == p.rounded() ? String(Int(p)) : String(p)
    }
}

extension Measure {
    var columnName: String {
        switch self {
        case .quantity: return "quantity"
        case .cost: return "cost_usd"
        case .durationMs: return "duration_ms"
        }
    }
}

extension ResultValue {
    /// A group key's value.
    init(_ key: KeyValue) {
        switch key {
        case .null: self = .null
        case let .string(s): self = .string(s)
        case let .int(v): self = .integer(Int128(v))
        case let .date(d): self = .date(day: d)
        case let .localTime(t): self = .timestamp(milliseconds: t)
        }
    }
}
