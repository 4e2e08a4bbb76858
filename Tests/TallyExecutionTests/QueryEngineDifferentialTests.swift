import Foundation
import Testing
import TallyExecution
import TallySystem
import TallyFormat
import TallyStore
import TallyTestSupport

/// Random data sets in real stores, random queries: the engine (serial, parallel, with
/// and without rollups) equals the reference exactly, cost to the nano-USD.
@Suite struct QueryEngineDifferentialTests {
    static let zones = ["UTC", "America/Los_Angeles", "Asia/Kolkata", "Europe/Berlin", "Australia/Lord_Howe"].map { TimeZone(identifier: $0)! }

    /// Which rollup a random query is shaped for (it may still need raw columns).
    enum Shape { case hourly, runs, any }

    static func randomQuery(_ g: inout SeededGenerator, records: [UsageRecord], shape: Shape) -> AggregateQuery {
        let hourlyDims: [UsageDimension] = [.service, .unit, .modelId, .toolId, .stepType, .projectId]
        let runDims: [UsageDimension] = [.runId, .userId, .personaId, .projectId]
        // Not request_id: the generator's rows have none (a column of nulls, which the
        // other nullable dimensions cover), and the seeds' query mixes stay as they were.
        let allDims: [UsageDimension] = UsageDimension.allCases.filter { $0 != .durationMs && $0 != .requestId }
        let rollupFriendly = shape != .any
        let dims = shape == .hourly ? hourlyDims : shape == .runs ? runDims : allDims
        var q = AggregateQuery()
        q.timeZone = zones.randomElement(using: &g)!
        let sample = records.randomElement(using: &g)!
        for _ in 0..<Int.random(in: 0...3, using: &g) {
            let d = dims.randomElement(using: &g)!
            switch Int.random(in: 0..<(rollupFriendly ? 7 : 10), using: &g) {
            case 0, 1:
                if d.isString {
                    let other = ReferenceEngine.string(d, records.randomElement(using: &g)!)
                    q.filters.append(.oneOf(d, [ReferenceEngine.string(d, sample), other, "missing"].compactMap { $0 }.map { .string($0) }))
                } else {
                    q.filters.append(.oneOf(d, [ReferenceEngine.int(d, sample) ?? 0, 3].map { .int($0) }))
                }
            case 2:
                let s = ReferenceEngine.string(d, sample) ?? "cl"
                q.filters.append(.prefix(d, String(s.prefix(Int.random(in: 0...3, using: &g)))))
            case 3: q.filters.append(.isNull(d))
            case 4: q.filters.append(.isNotNull(d))
            case 5: if shape != .runs { q.filters.append(.tokenUnits) }
            // Ranges are closed, or open on one side (what `ts >= X` binds to), at random.
            case 6:
                let a = records.randomElement(using: &g)!.day, b = records.randomElement(using: &g)!.day
                let (lo, hi) = Self.openSides(min(a, b), max(a, b), Int32.min, Int32.max, &g)
                q.filters.append(.date(lo...hi))
            case 7:
                let a = records.randomElement(using: &g)!.ts, b = records.randomElement(using: &g)!.ts
                let (lo, hi) = Self.openSides(min(a, b), max(a, b), Int64.min, Int64.max, &g)
                q.filters.append(.ts(lo...hi))
            case 8:
                let (lo, hi) = Self.openSides(Double(Int.random(in: 0..<1000, using: &g)), Double(Int.random(in: 1000..<150_000, using: &g)),
                                              -Double.infinity, Double.infinity, &g)
                q.filters.append(.quantity(lo...hi))
            default:
                let (lo, hi) = Self.openSides(Int64.random(in: 0..<500_000_000, using: &g), Int64.random(in: 500_000_000..<3_000_000_000, using: &g),
                                              Int64.min, Int64.max, &g)
                q.filters.append(.cost(lo...hi))
            }
        }
        if rollupFriendly && Bool.random(using: &g) {
            // Aligned to the rollup's hours or days (so it can serve), or off by one ms.
            // (Hourly-shaped queries are aligned to days half the time, so that a part's
            // daily time cells can serve them too.)
            let unit: Int64 = shape == .hourly && Bool.random(using: &g) ? 3_600_000 : 86_400_000
            let a = records.randomElement(using: &g)!.ts / unit * unit, b = records.randomElement(using: &g)!.ts / unit * unit
            let skew: Int64 = Int.random(in: 0..<4, using: &g) == 0 ? 1 : 0
            q.filters.append(.ts(min(a, b) + skew...(max(a, b) + unit - 1)))
        }
        var keys: [GroupKey] = dims.map { .dimension($0) } + [.date] + TimeBucket.allCases.map { .time($0) }
        keys.shuffle(using: &g)
        q.groupBy = Array(keys.prefix(Int.random(in: 0...3, using: &g)))
        let measures: [Measure] = shape == .runs ? [.cost, .cost, .quantity] : rollupFriendly ? [.quantity, .cost] : Measure.allCases
        var aggs: [Aggregate] = [.count]
        for _ in 0..<Int.random(in: 1...4, using: &g) {
            let m = measures.randomElement(using: &g)!
            switch Int.random(in: 0..<(rollupFriendly ? 3 : 7), using: &g) {
            case 0: aggs.append(.sum(m))
            case 1: aggs.append(.avg(m))
            case 2 where rollupFriendly: aggs.append(.countDistinct(dims.randomElement(using: &g)!))
            case 2: aggs.append(.min(m))
            case 3: aggs.append(.max(m))
            case 4: aggs.append(.countDistinct(allDims.randomElement(using: &g)!))
            case 5: aggs.append(.quantile(m, [0.5, 0.9, 0.99].randomElement(using: &g)!))
            default: aggs.append(.quantile(m, Double.random(in: 0...1, using: &g)))
            }
        }
        q.aggregates = aggs
        if Bool.random(using: &g) {
            q.orderBy = [OrderTerm(.aggregate(Int.random(in: 0..<aggs.count, using: &g)), descending: Bool.random(using: &g))]
            q.limit = Int.random(in: 0..<6, using: &g)
        }
        return q
    }

    /// `lo...hi`, or with one side replaced by the type's unbounded end (a third of the
    /// time each), as the SQL binder produces for one-sided comparisons.
    static func openSides<T>(_ lo: T, _ hi: T, _ least: T, _ most: T, _ g: inout SeededGenerator) -> (T, T) {
        switch Int.random(in: 0..<3, using: &g) {
        case 0: return (least, hi)
        case 1: return (lo, most)
        default: return (lo, hi)
        }
    }

    static func check(seed: UInt64, count: Int, queries: Int, compact: Bool, rollups: UsageGenerator.RollupWriting = .always) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let records = UsageGenerator.make(count: count, seed: seed)
        let store = try UsageGenerator.store(records, in: dir, flushes: Int(seed % 3) + 1, compact: compact, rollups: rollups)
        defer { try? store.close() }
        let snapshot = store.snapshot()
        let serialRaw = QueryEngine(options: ExecutionOptions(parallelism: 1, useRollups: false))
        let parallel = QueryEngine(options: ExecutionOptions(parallelism: 2, parallelRowThreshold: 0, useRollups: true))
        var g = SeededGenerator(seed: seed &* 31 &+ 5)
        var rollupAnswers = 0, runRollupAnswers = 0, runIndexed = 0, nonEmpty = 0
        for i in 0..<queries {
            let q = randomQuery(&g, records: records, shape: [.hourly, .runs, .any][i % 3])
            let expected = ReferenceEngine.run(q, records)
            let raw = try serialRaw.execute(q, on: snapshot)
            #expect(raw.rows == expected, "seed \(seed) query \(i): \(q)")
            #expect(raw.stats.rollupParts == 0)
            let fast = try parallel.execute(q, on: snapshot)
            #expect(fast.rows == expected, "parallel/rollup, seed \(seed) query \(i): \(q)")
            rollupAnswers += fast.stats.rollupParts
            runRollupAnswers += fast.stats.runRollupParts
            runIndexed += fast.stats.runIndexedParts
            if expected.contains(where: { $0.values[0] != .int(0) }) { nonEmpty += 1 }
        }
        #expect(nonEmpty > queries / 3, "most queries must select something")
        switch rollups {
        case .always, .alwaysDaily, .alwaysCoarseDaily:
            #expect(rollupAnswers > runRollupAnswers, "some queries must have been answered from time rollups")
            #expect(runRollupAnswers > 0, "some queries must have been answered from run rollups")
            #expect(runIndexed > 0, "some raw scans must have read only matching runs")
        case .never:
            // Run filters may still read only their runs' rows, through the run index a part
            // gets when it has no run rollup.
            #expect(rollupAnswers == 0, "a store without rollups answers from rows")
        case .whenTheyPay:
            break
        }
    }

    @Test(arguments: 0..<10)
    func randomQueriesMatchTheReference(seed: Int) throws {
        try Self.check(seed: UInt64(seed), count: 600 + seed * 40, queries: 36, compact: seed % 2 == 1)
    }

    /// Whatever rollups the parts carry (daily cells, none, or the store's own choice on
    /// data where some parts' rollups pay and others' do not), the answers are the same.
    @Test(arguments: 0..<8)
    func answersDoNotDependOnWhichRollupsArePresent(seed: Int) throws {
        let choices: [UsageGenerator.RollupWriting] = [.alwaysDaily, .alwaysCoarseDaily, .whenTheyPay, .never]
        try Self.check(
            seed: UInt64(100 + seed), count: 400 + seed * 300, queries: 30, compact: seed % 3 == 0,
            rollups: choices[seed % 4])
    }
}
