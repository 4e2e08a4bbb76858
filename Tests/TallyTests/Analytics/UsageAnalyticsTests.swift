import Foundation
import Testing
import Tally
import TallyTestSupport

/// The analytics API against plain computations over the same records.
@Suite struct UsageAnalyticsTests {
    static let day0 = CivilDate.dayNumber(year: 2024, month: 2, day: 20)
    static let units = ["input_tokens", "output_tokens", "cache_creation_5m_tokens", "cache_creation_1h_tokens", "cache_read_tokens", "reasoning_tokens", "sandbox_seconds"]

    static func records(seed: UInt64, count: Int = 500) -> [UsageRecord] {
        var g = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let unit = units.randomElement(using: &g)!
            var r = UsageRecord(
                projectId: ["a", "b"].randomElement(using: &g)!,
                ts: Int64(day0) * 86_400_000 + Int64.random(in: 0..<(20 * 86_400_000), using: &g),
                service: unit == "sandbox_seconds" ? "e2b" : ["anthropic", "openai"].randomElement(using: &g)!,
                unit: unit, quantity: Double(Int.random(in: 0..<10_000, using: &g)),
                costNanos: Int64.random(in: 0..<1_000_000_000, using: &g), costSource: .given)
            r.modelId = unit == "sandbox_seconds" ? nil : ["claude-sonnet-4-6", "gpt-5.4", "mystery"].randomElement(using: &g)!
            r.runId = "run-\(Int.random(in: 0..<12, using: &g))"
            r.stepType = ["designer", "checker", nil].randomElement(using: &g)!
            r.stepIndex = [0, 1, nil].randomElement(using: &g)!
            r.durationMs = Int64.random(in: 0..<1000, using: &g)
            return r
        }
    }

    static func open(_ records: [UsageRecord], _ dir: TemporaryDirectory) throws -> Store {
        var options = StoreOptions()
        options.compactionThreshold = 0
        let store = try Store.open(at: dir.path + "/s", options: options)
        try store.append(contentsOf: records)
        try store.flush()
        return store
    }

    static let pricer = ClosureCacheSavingsPricer { _, model, _, quantity in
        switch model {
        case "claude-sonnet-4-6": return Int64(quantity * 2700)  // (3.00 - 0.30) USD per 1M = 2700 nano-USD per token
        case "gpt-5.4": return Int64(quantity * 2250)
        default: return nil
        }
    }

    @Test(arguments: ["UTC", "America/Los_Angeles", "Asia/Kolkata"])
    func summaryMatchesPlainSums(zone: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let records = Self.records(seed: 1)
        let store = try Self.open(records, dir)
        defer { try? store.close() }
        let tz = TimeZone(identifier: zone)!
        let window = DateWindow(from: Self.day0 + 3, to: Self.day0 + 9, timeZone: tz)
        let s = try UsageAnalytics(store: store).summary(project: "a", window: window, pricer: Self.pricer)
        let range = window.instants!
        let kept = records.filter { $0.projectId == "a" && range.contains($0.ts) }
        #expect(s.records == Int64(kept.count))
        #expect(s.costNanos == kept.reduce(Int128(0)) { $0 + Int128($1.costNanos!) })
        #expect(s.tokens == kept.filter { $0.unit.hasSuffix("_tokens") }.reduce(0) { $0 + $1.quantity })
        #expect(s.sandboxHours == kept.filter { $0.unit == "sandbox_seconds" }.reduce(0) { $0 + $1.quantity } / 3600)
        #expect(s.byTokenClass[.cacheRead]?.quantity == kept.filter { $0.unit == "cache_read_tokens" }.reduce(0) { $0 + $1.quantity })
        // Savings: priced per (service, model, UTC day) group.
        var groups = [String: Double]()
        for r in kept where r.unit == "cache_read_tokens" { groups["\(r.service)|\(r.modelId!)|\(r.day)", default: 0] += r.quantity }
        var expected: Int128 = 0
        var unpriced = 0.0
        for (k, q) in groups {
            let model = k.split(separator: "|")[1]
            if model == "claude-sonnet-4-6" { expected += Int128(Int64(q * 2700)) } else if model == "gpt-5.4" { expected += Int128(Int64(q * 2250)) } else { unpriced += q }
        }
        #expect(s.cacheSavingsNanos == expected)
        #expect(s.unpricedCacheReadTokens == unpriced)
    }

    @Test func comparisonAndNoPreviousData() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Self.open(Self.records(seed: 2), dir)
        defer { try? store.close() }
        let api = UsageAnalytics(store: store)
        let first = try api.summaryComparison(project: "a", window: DateWindow(from: Self.day0, to: Self.day0 + 4))
        #expect(!first.hasPreviousData)
        #expect(first.changes[.cost] == .noPreviousData)
        let later = try api.summaryComparison(project: "a", window: DateWindow(from: Self.day0 + 5, to: Self.day0 + 9))
        #expect(later.previousWindow == DateWindow(from: Self.day0, to: Self.day0 + 4))
        #expect(later.previous == first.current)
        let expected = (Double(later.current.costNanos) - Double(later.previous.costNanos)) / Double(later.previous.costNanos) * 100
        #expect(later.changes[.cost] == .percent(expected))
        // Unknown project: empty summary everywhere.
        #expect(try api.summary(project: "zzz", window: DateWindow(from: Self.day0, to: Self.day0 + 30)) == .empty)
    }

    @Test(arguments: [TimeBucket.day, .week, .month])
    func seriesIsZeroFilledAndAddsUp(bucket: TimeBucket) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let records = Self.records(seed: 3)
        let store = try Self.open(records, dir)
        defer { try? store.close() }
        let tz = TimeZone(identifier: "America/Los_Angeles")!
        let window = DateWindow(from: Self.day0 - 10, to: Self.day0 + 40, timeZone: tz)
        let series = try UsageAnalytics(store: store).usageSeries(project: "b", window: window, bucket: bucket)
        let starts = series.compactMap(\.startDay)
        #expect(starts == starts.sorted() && Set(starts).count == starts.count)
        if bucket != .month { #expect(series.contains { $0.records == 0 }) }
        #expect(series.reduce(Int64(0)) { $0 + $1.records } == Int64(records.filter { $0.projectId == "b" }.count))
        if bucket == .day { #expect(series.count == window.dayCount) }
    }

    @Test func breakdownsRunsAndContext() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let records = Self.records(seed: 4)
        let store = try Self.open(records, dir)
        defer { try? store.close() }
        let api = UsageAnalytics(store: store)
        let window = DateWindow(from: Self.day0, to: Self.day0 + 30)
        let a = records.filter { $0.projectId == "a" }
        let byService = try api.usageByService(project: "a", window: window)
        #expect(byService.map(\.costNanos) == byService.map(\.costNanos).sorted(by: >))
        for b in byService { #expect(b.costNanos == a.filter { $0.service == b.value }.reduce(Int128(0)) { $0 + Int128($1.costNanos!) }) }
        #expect(try api.usageByModel(project: "a", window: window).contains { $0.value == nil })

        let costs = try api.runCosts(project: "a", runIds: ["run-1", "run-2", "nope"])
        #expect(costs["nope"]?.costNanos == 0 && costs["nope"]?.records == 0)
        #expect(costs["run-1"]!.costNanos == a.filter { $0.runId == "run-1" }.reduce(Int128(0)) { $0 + Int128($1.costNanos!) })

        let detail = try api.runDetail(project: "a", runId: "run-1")
        let run = a.filter { $0.runId == "run-1" }
        #expect(detail.costNanos == costs["run-1"]!.costNanos)
        for step in detail.steps {
            let rows = run.filter { $0.stepType == step.stepType && $0.stepIndex == step.stepIndex }
            #expect(step.durationMs == rows.compactMap(\.durationMs).max())
            #expect(step.tokens[.input] == (rows.contains { $0.unit == "input_tokens" } ? rows.filter { $0.unit == "input_tokens" }.reduce(0) { $0 + $1.quantity } : nil))
        }

        let ctx = try #require(try api.runContext(project: "a", runId: "run-1", trailingDays: 365))
        var perRun = [String: Int128]()
        for r in a { perRun[r.runId!, default: 0] += Int128(r.costNanos!) }
        let sorted = perRun.values.map(Double.init).sorted()
        #expect(ctx.runCount == perRun.count)
        #expect(ctx.rank == 1 + perRun.values.filter { $0 > perRun["run-1"]! }.count)
        #expect(ctx.medianNanos == Quantile.continuous(0.5, of: sorted))
        #expect(try api.runContext(project: "a", runId: "nope") == nil)

        let top = try api.aggregatedUsage(project: "a", window: window, groupBy: [.dimension(.runId)], aggregates: [.sum(.cost)],
                                          orderBy: [OrderTerm(.aggregate(0), descending: true)], limit: 3)
        #expect(top.rows.count == 3)
        #expect(top.rows[0].values[0] == .exact(perRun.values.max()!))
    }

    @Test func quotaWindowsClampAnchorsAndLeapDays() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let records = Self.records(seed: 5)
        let store = try Self.open(records, dir)
        defer { try? store.close() }
        let api = UsageAnalytics(store: store)
        // 2024-02-29 12:00 UTC with anchor 31: the period is 2024-01-31 ..< 2024-02-29? No:
        // February's anchor clamps to the 29th, so the 29th starts a new period until 03-31.
        let leap = Int64(CivilDate.dayNumber(year: 2024, month: 2, day: 29)) * 86_400_000 + 43_200_000
        let w = try api.quotaWindow(project: "a", containing: leap, anchorDay: 31, limit: 1_000_000)
        #expect(w.startDay == CivilDate.dayNumber(year: 2024, month: 2, day: 29))
        #expect(w.endDay == CivilDate.dayNumber(year: 2024, month: 3, day: 31))
        let used = records.filter { $0.projectId == "a" && $0.unit.hasSuffix("_tokens") && $0.ts >= w.start && $0.ts < w.end }.reduce(0) { $0 + $1.quantity }
        #expect(w.used == used)
        #expect(w.remaining == max(1_000_000 - used, 0))
        let before = try api.quotaWindow(project: "a", containing: leap - 86_400_000, anchorDay: 31, limit: nil)
        #expect(before.startDay == CivilDate.dayNumber(year: 2024, month: 1, day: 31))
        #expect(before.endDay == CivilDate.dayNumber(year: 2024, month: 2, day: 29))
        #expect(before.remaining == nil)
        let small = try api.quotaWindow(project: "a", containing: leap, anchorDay: 15, limit: 1)
        #expect(small.startDay == CivilDate.dayNumber(year: 2024, month: 2, day: 15))
        #expect(small.remaining == 0)
        #expect(throws: ExecutionError.self) { try api.quotaWindow(project: "a", containing: leap, anchorDay: 0, limit: nil) }
    }
}
