import Foundation
import Testing
import TallyExecution
import TallySystem
import TallyFormat
import TallyStore
import TallyTestSupport

@Suite struct QueryEngineEdgeCaseTests {
    static let utc = TimeZone(identifier: "UTC")!

    @Test func emptyStoreAndUnknownProjectGiveOneZeroRowWithoutKeys() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try UsageGenerator.store([], in: dir)
        defer { try? store.close() }
        let q = AggregateQuery(filters: [.oneOf(.projectId, [.string("nope")])], aggregates: [.count, .sum(.cost), .countDistinct(.runId), .quantile(.cost, 0.5)])
        let r = try QueryEngine().execute(q, on: store.snapshot())
        #expect(r.rows == [ResultRow(keys: [], values: [.int(0), .null, .int(0), .null])])
        var grouped = q
        grouped.groupBy = [.dimension(.service)]
        #expect(try QueryEngine().execute(grouped, on: store.snapshot()).rows.isEmpty)
    }

    @Test func contradictoryRangesSelectNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let records = UsageGenerator.make(count: 300, seed: 9)
        let store = try UsageGenerator.store(records, in: dir)
        defer { try? store.close() }
        let q = AggregateQuery(filters: [.date(19_800...19_810), .date(19_900...19_910)], aggregates: [.count])
        #expect(try QueryEngine().execute(q, on: store.snapshot()).rows[0].values == [.int(0)])
    }

    /// Rollups serve whole-hour zones and fall back to raw columns for half-hour ones.
    @Test func rollupsServeWholeHourZonesOnly() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let records = UsageGenerator.make(count: 800, seed: 3)
        let store = try UsageGenerator.store(records, in: dir)
        defer { try? store.close() }
        for (zone, rollup) in [("UTC", true), ("America/Los_Angeles", true), ("Asia/Kolkata", false)] {
            let q = AggregateQuery(
                filters: [.tokenUnits], groupBy: [.time(.day), .dimension(.modelId)],
                aggregates: [.count, .sum(.quantity), .sum(.cost), .avg(.cost)], timeZone: TimeZone(identifier: zone)!)
            let fast = try QueryEngine().execute(q, on: store.snapshot())
            let raw = try QueryEngine(options: ExecutionOptions(useRollups: false)).execute(q, on: store.snapshot())
            #expect(fast.rows == raw.rows)
            #expect(fast.rows == ReferenceEngine.run(q, records))
            #expect((fast.stats.rollupParts > 0) == rollup, "\(zone)")
            #expect(fast.stats.rawParts == (rollup ? 0 : raw.stats.rawParts))
        }
        // A filter the rollup cannot answer (user) forces raw columns.
        let q = AggregateQuery(filters: [.oneOf(.userId, [.string("user-1")])], groupBy: [.dimension(.service)], aggregates: [.sum(.cost)])
        #expect(try QueryEngine().execute(q, on: store.snapshot()).stats.rollupParts == 0)
    }

    @Test func costSumsAreExactBeyondInt64() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ts = Int64(CivilDate.dayNumber(year: 2024, month: 2, day: 29)) * CivilDate.millisecondsPerDay
        let records = (0..<7).map { i in
            UsageRecord(projectId: "p", ts: ts + Int64(i), service: "anthropic", unit: "input_tokens", quantity: 1, costNanos: Int64.max - Int64(i), costSource: .given)
        }
        let store = try UsageGenerator.store(records, in: dir, flushes: 2)
        defer { try? store.close() }
        let q = AggregateQuery(groupBy: [.date], aggregates: [.sum(.cost), .count])
        for engine in [QueryEngine(), QueryEngine(options: ExecutionOptions(useRollups: false))] {
            let r = try engine.execute(q, on: store.snapshot())
            let expected = (0..<7).reduce(Int128(0)) { $0 + Int128(Int64.max - Int64($1)) }
            #expect(r.rows == [ResultRow(keys: [.date(CivilDate.dayNumber(year: 2024, month: 2, day: 29))], values: [.exact(expected), .int(7)])])
        }
    }

    @Test func quantilesInterpolateLikeDuckDB() {
        // DuckDB: quantile_cont([1, 2, 3, 4], 0.5) = 2.5, 0.9 = 3.7; median([5]) = 5.
        #expect(Quantile.continuous(0.5, of: [4, 1, 3, 2]) == 2.5)
        #expect(abs(Quantile.continuous(0.9, of: [1, 2, 3, 4])! - 3.7) < 1e-12)
        #expect(Quantile.continuous(0.5, of: [5]) == 5)
        #expect(Quantile.continuous(0.5, of: []) == nil)
    }

    @Test func isoWeeksStartOnMondayAndHoursAreLocal() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // 2024-03-10 09:30 UTC = 01:30 PST (before the 02:00 DST jump in Los Angeles).
        let sunday = CivilDate.dayNumber(year: 2024, month: 3, day: 10)
        let ts = Int64(sunday) * CivilDate.millisecondsPerDay + 9 * 3_600_000 + 1_800_000
        let records = [UsageRecord(projectId: "p", ts: ts, service: "openai", unit: "output_tokens", quantity: 5, costNanos: 1, costSource: .given)]
        let store = try UsageGenerator.store(records, in: dir)
        defer { try? store.close() }
        let la = TimeZone(identifier: "America/Los_Angeles")!
        let q = AggregateQuery(groupBy: [.time(.week), .time(.hour), .time(.month)], aggregates: [.count], timeZone: la)
        let r = try QueryEngine().execute(q, on: store.snapshot())
        let monday = CivilDate.dayNumber(year: 2024, month: 3, day: 4)
        #expect(r.rows[0].keys == [.date(monday), .localTime(Int64(sunday) * CivilDate.millisecondsPerDay + 3_600_000), .date(CivilDate.dayNumber(year: 2024, month: 3, day: 1))])
    }

    @Test func unsupportedAndInvalidQueriesThrow() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try UsageGenerator.store([], in: dir)
        defer { try? store.close() }
        #expect(throws: ExecutionError.self) { try QueryEngine().execute(AggregateQuery(aggregates: [.quantile(.cost, 1.5)]), on: store.snapshot()) }
        #expect(throws: ExecutionError.self) { try QueryEngine().execute(AggregateQuery(groupBy: [.dimension(.durationMs)]), on: store.snapshot()) }
    }
}
