import Foundation
import Testing
import TallyExecution
import TallySystem
import TallyFormat
import TallyStore
import TallyTestSupport

/// Run rollups: what they answer, the row ranges they give raw scans, open-ended
/// windows over them, and the memory budget for decoded rollups.
@Suite struct RunRollupQueryTests {
    /// Records in runs: each run a stretch of rows on one day, as agents write them.
    static func runs(count: Int, rowsPerRun: Int, seed: UInt64) -> [UsageRecord] {
        var g = SeededGenerator(seed: seed)
        let start = Int64(CivilDate.dayNumber(year: 2025, month: 3, day: 1)) * CivilDate.millisecondsPerDay
        var out = [UsageRecord]()
        for run in 0..<count {
            let t0 = start + Int64.random(in: 0..<(40 * CivilDate.millisecondsPerDay), using: &g)
            let user = "user-\(Int.random(in: 0..<7, using: &g))"
            for i in 0..<rowsPerRun {
                var r = UsageRecord(
                    projectId: "p\(run % 2)", ts: t0 + Int64(i) * 1_000, service: "anthropic",
                    unit: UsageGenerator.tokenUnits[i % UsageGenerator.tokenUnits.count],
                    quantity: Double(Int.random(in: 0..<50_000, using: &g)), costNanos: Int64.random(in: 0..<9_000_000, using: &g),
                    costSource: .given)
                r.runId = "run-\(run)"
                r.userId = user
                r.personaId = i % 3 == 0 ? nil : "persona-\(run % 4)"
                r.stepType = ["designer", "checker"][i % 2]
                r.stepIndex = Int32(i / 4)
                r.modelId = "claude-sonnet-4-6"
                out.append(r)
            }
        }
        return out
    }

    @Test func runDetailReadsOnlyTheRunsRows() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let records = Self.runs(count: 300, rowsPerRun: 24, seed: 1)
        let store = try UsageGenerator.store(records, in: dir, flushes: 2, compact: true)
        defer { try? store.close() }
        let q = AggregateQuery(
            filters: [.oneOf(.projectId, [.string("p1")]), .oneOf(.runId, [.string("run-77")])],
            groupBy: [.dimension(.stepType), .dimension(.stepIndex), .dimension(.unit)],
            aggregates: [.count, .sum(.quantity), .sum(.cost), .max(.cost)])
        let fast = try QueryEngine().execute(q, on: store.snapshot())
        let raw = try QueryEngine(options: ExecutionOptions(useRollups: false)).execute(q, on: store.snapshot())
        #expect(fast.rows == ReferenceEngine.run(q, records))
        #expect(fast.rows == raw.rows)
        #expect(fast.stats.runIndexedParts > 0)
        #expect(fast.stats.scannedRows == 24, "only the run's own rows are read")
        #expect(raw.stats.scannedRows > 1_000)
    }

    /// When users change within runs, cells by day x run x user x persona are as many as
    /// the rows and the run rollup does not pay; the part then gets a run index, and a run's
    /// detail still reads only its own rows.
    @Test func runDetailReadsOnlyTheRunsRowsThroughTheRunIndex() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var records = Self.runs(count: 300, rowsPerRun: 24, seed: 5)
        for i in records.indices { records[i].userId = "user-\(i)" }
        let store = try UsageGenerator.store(records, in: dir, flushes: 2, compact: true, rollups: .whenTheyPay)
        defer { try? store.close() }
        let snapshot = store.snapshot()
        for part in snapshot.parts {
            let reader = try part.reader()
            #expect(try reader.rollupBatch(.runs) == nil, "the run rollup does not pay on this data")
            #expect(try reader.runIndex() != nil, "so the part has a run index")
        }
        for run in ["run-77", "run-151", "run-nobody"] {
            let q = AggregateQuery(
                filters: [.oneOf(.projectId, [.string("p1")]), .oneOf(.runId, [.string(run)])],
                groupBy: [.dimension(.stepType), .dimension(.unit)],
                aggregates: [.count, .sum(.quantity), .sum(.cost)])
            let fast = try QueryEngine().execute(q, on: snapshot)
            #expect(fast.rows == ReferenceEngine.run(q, records))
            // A run the partition's dictionary lacks rules its parts out before any index.
            let known = run != "run-nobody"
            #expect((fast.stats.runIndexedParts > 0) == known)
            #expect(fast.stats.scannedRows == (known ? 24 : 0), "only the run's own rows are read")
        }
    }

    @Test func runAndUserQuestionsAnswerFromRunRollups() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let records = Self.runs(count: 200, rowsPerRun: 30, seed: 2)
        let store = try UsageGenerator.store(records, in: dir, flushes: 3)
        defer { try? store.close() }
        let queries = [
            AggregateQuery(groupBy: [.dimension(.runId)], aggregates: [.count, .sum(.cost)], orderBy: [OrderTerm(.aggregate(1), descending: true)], limit: 10),
            AggregateQuery(groupBy: [.dimension(.userId), .time(.week)], aggregates: [.count, .sum(.cost), .avg(.cost), .countDistinct(.runId)]),
            AggregateQuery(filters: [.oneOf(.runId, [.string("run-3"), .string("run-150"), .string("nope")])], groupBy: [.dimension(.runId)], aggregates: [.count, .sum(.cost)]),
            AggregateQuery(filters: [.isNull(.personaId)], groupBy: [.dimension(.projectId), .date], aggregates: [.count, .sum(.cost)]),
        ]
        for q in queries {
            let fast = try QueryEngine().execute(q, on: store.snapshot())
            #expect(fast.rows == ReferenceEngine.run(q, records), "\(q)")
            #expect(fast.stats.runRollupParts > 0 && fast.stats.rawParts == 0, "\(q)")
        }
        // An hour bucket, a min, a quantity sum, or a filter on a column the run rollup lacks: raw.
        for q in [
            AggregateQuery(groupBy: [.dimension(.runId), .time(.hour)], aggregates: [.count]),
            AggregateQuery(groupBy: [.dimension(.userId)], aggregates: [.min(.cost)]),
            AggregateQuery(groupBy: [.dimension(.runId)], aggregates: [.sum(.quantity)]),
            AggregateQuery(filters: [.oneOf(.stepType, [.string("checker")])], groupBy: [.dimension(.userId)], aggregates: [.count]),
        ] {
            let r = try QueryEngine().execute(q, on: store.snapshot())
            #expect(r.rows == ReferenceEngine.run(q, records))
            #expect(r.stats.runRollupParts == 0)
        }
    }

    /// Windows open on one side (`date >= x`) reach the extreme day numbers.
    @Test func openEndedWindowsOverRollups() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let records = UsageGenerator.make(count: 500, seed: 4)
        let store = try UsageGenerator.store(records, in: dir)
        defer { try? store.close() }
        let middle = records[250].day
        for window in [middle...Int32.max, Int32.min...middle, Int32.min...Int32.max] {
            for keys: [GroupKey] in [[.dimension(.userId)], [.dimension(.service)], []] {
                let q = AggregateQuery(filters: [.date(window)], groupBy: keys, aggregates: [.count, .sum(.cost)])
                #expect(try QueryEngine().execute(q, on: store.snapshot()).rows == ReferenceEngine.run(q, records))
            }
        }
    }

    /// With no budget nothing stays decoded, and every answer is still right.
    @Test func aZeroRollupBudgetStillAnswers() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let records = Self.runs(count: 100, rowsPerRun: 12, seed: 5)
        var options = StoreOptions()
        options.rollupCacheBytes = 0
        options.compactionThreshold = 0
        options.maximumRollupCellShare = 1
        let store = try Store.open(at: dir.path + "/s", options: options)
        defer { try? store.close() }
        try store.append(contentsOf: records)
        try store.flush()
        let q = AggregateQuery(groupBy: [.dimension(.userId)], aggregates: [.count, .sum(.cost)])
        for _ in 0..<2 {
            let r = try QueryEngine().execute(q, on: store.snapshot())
            #expect(r.rows == ReferenceEngine.run(q, records))
            #expect(r.stats.runRollupParts > 0)
        }
    }

    /// Thousands of distinct run ids (the query-wide string table grows many times),
    /// from rollups and from rows, with and without a top-k.
    @Test func manyDistinctRunsGroupExactly() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // Shuffled, so most runs have rows in several parts and their ids are looked up
        // again after the table has grown.
        var g = SeededGenerator(seed: 6)
        let records = Self.runs(count: 3_000, rowsPerRun: 3, seed: 6).shuffled(using: &g)
        let store = try UsageGenerator.store(records, in: dir, flushes: 3)
        defer { try? store.close() }
        let queries = [
            AggregateQuery(groupBy: [.dimension(.runId)], aggregates: [.count, .sum(.cost)]),
            AggregateQuery(groupBy: [.dimension(.runId)], aggregates: [.sum(.cost)], orderBy: [OrderTerm(.aggregate(0), descending: true)], limit: 25),
            AggregateQuery(groupBy: [.dimension(.runId), .dimension(.unit)], aggregates: [.count, .max(.cost)]),
        ]
        for q in queries {
            for options in [ExecutionOptions(), ExecutionOptions(parallelism: 2, parallelRowThreshold: 0, useRollups: false)] {
                #expect(try QueryEngine(options: options).execute(q, on: store.snapshot()).rows == ReferenceEngine.run(q, records), "\(q)")
            }
        }
    }

    @Test func memoryBudgetReservesOnlyWhatItHas() {
        let budget = MemoryBudget(bytes: 100)
        #expect(budget.reserve(60))
        #expect(!budget.reserve(50))
        #expect(budget.reserve(40))
        #expect(budget.used == 100)
        budget.release(60)
        #expect(budget.used == 40)
        #expect(budget.reserve(60))
    }
}
