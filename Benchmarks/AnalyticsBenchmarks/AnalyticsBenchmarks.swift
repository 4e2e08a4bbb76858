import Benchmark
import Foundation
import Tally
import TallyDemo

// One benchmark per analytics API method (issue 3), on the largest project of a store
// and its last 30 and 365 days. The store is `TALLY_BENCH_STORE` when set (for example
// a 10M-record `tally demo` store, as in BENCHMARKS.md), otherwise a 1M-record demo
// store made once in a temporary folder.

private func benchStore() throws -> Store {
    var options = StoreOptions()
    options.readOnly = true
    options.createIfMissing = false
    if let path = ProcessInfo.processInfo.environment["TALLY_BENCH_STORE"] {
        return try Store.open(at: path, options: options)
    }
    let path = FileManager.default.temporaryDirectory.path + "/tally-bench-analytics-" + UUID().uuidString
    var writing = StoreOptions()
    writing.pricer = RateCardPricer(card: .reference)
    let store = try Store.open(at: path, options: writing)
    var generator = DemoDataGenerator(rows: 1_000_000, seed: 1)
    var batch = [UsageRecord]()
    while generator.nextBatch(into: &batch, maxCount: 65_536) > 0 {
        try store.append(contentsOf: batch)
        batch.removeAll(keepingCapacity: true)
    }
    try store.flush()
    _ = try store.compact()
    try store.close()
    return try Store.open(at: path, options: options)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(5), maxIterations: 1_000)
    let store: Store
    do { store = try benchStore() } catch { fatalError("cannot open the benchmark store: \(error)") }
    let analytics = UsageAnalytics(store: store)
    let engine = QueryEngine()
    func first(_ q: AggregateQuery) -> ResultRow? { try? engine.execute(q, on: store.snapshot()).rows.first }
    guard
        let largest = first(AggregateQuery(groupBy: [.dimension(.projectId)], aggregates: [.count], orderBy: [OrderTerm(.aggregate(0), descending: true)], limit: 1)),
        case let .string(project) = largest.keys[0],
        let lastRow = first(AggregateQuery(filters: [.oneOf(.projectId, [.string(project)])], groupBy: [.date], aggregates: [.count], orderBy: [OrderTerm(.key(0), descending: true)], limit: 1)),
        case let .date(lastDay) = lastRow.keys[0]
    else { fatalError("the benchmark store is empty") }
    let runs = (try? engine.execute(AggregateQuery(
        filters: [.oneOf(.projectId, [.string(project)]), .date((lastDay - 30)...lastDay), .isNotNull(.runId)],
        groupBy: [.dimension(.runId)], aggregates: [.count], limit: 100), on: store.snapshot()).rows.compactMap { $0.keys[0].string }) ?? []
    let run = runs.first ?? ""
    let pricer = RateCardCacheSavings(card: .reference)

    for days in [30, 365] {
        let window = DateWindow(from: lastDay - Int32(days - 1), to: lastDay)
        Benchmark("summary, largest project, \(days) days") { _ in
            blackHole(try analytics.summary(project: project, window: window, pricer: pricer))
        }
        Benchmark("summaryComparison, largest project, \(days) days") { _ in
            blackHole(try analytics.summaryComparison(project: project, window: window, pricer: pricer))
        }
        Benchmark("usageSeries by day, largest project, \(days) days") { _ in
            blackHole(try analytics.usageSeries(project: project, window: window, bucket: .day))
        }
        Benchmark("usageByService, largest project, \(days) days") { _ in
            blackHole(try analytics.usageByService(project: project, window: window))
        }
        Benchmark("usageByModel, largest project, \(days) days") { _ in
            blackHole(try analytics.usageByModel(project: project, window: window))
        }
    }
    Benchmark("aggregatedUsage model x tool x step, largest project, 30 days") { _ in
        blackHole(try analytics.aggregatedUsage(
            project: project, window: DateWindow(from: lastDay - 29, to: lastDay),
            groupBy: [.dimension(.modelId), .dimension(.toolId), .dimension(.stepType)]))
    }
    Benchmark("aggregatedUsage top 100 runs by cost, whole store") { _ in
        blackHole(try analytics.aggregatedUsage(
            project: nil, window: nil, groupBy: [.dimension(.runId)], aggregates: [.sum(.cost)],
            orderBy: [OrderTerm(.aggregate(0), descending: true)], limit: 100))
    }
    Benchmark("runCosts, 100 runs of the largest project") { _ in
        blackHole(try analytics.runCosts(project: project, runIds: runs))
    }
    Benchmark("runDetail, one run") { _ in
        blackHole(try analytics.runDetail(project: project, runId: run))
    }
    Benchmark("runContext, one run, trailing 30 days") { _ in
        blackHole(try analytics.runContext(project: project, runId: run))
    }
    Benchmark("quotaWindow, anchor day 31") { _ in
        let instant = Int64(lastDay) * 86_400_000 + 43_200_000
        blackHole(try analytics.quotaWindow(project: project, containing: instant, anchorDay: 31, limit: 1e9))
    }
}
