import Foundation
import TallySystem
import TallyFormat
import TallyStore
import TallyTestSupport

/// Realistic random usage: a few projects, services, token units and models, runs with
/// steps, timestamps over a few months (so partitions straddle query windows), integer
/// or quarter quantities (so floating-point sums do not depend on the order of
/// addition) and costs that sometimes overflow Int64 when summed.
enum UsageGenerator {
    static let tokenUnits = ["input_tokens", "output_tokens", "cache_creation_5m_tokens", "cache_creation_1h_tokens", "cache_read_tokens", "reasoning_tokens"]
    static let models = ["claude-sonnet-4-6", "claude-opus-4-7", "gpt-5.4-mini", "gpt-5.5", "openai/gpt-5.4"]

    static func make(count: Int, seed: UInt64, startDay: Int32 = CivilDate.dayNumber(year: 2024, month: 1, day: 20), days: Int = 70) -> [UsageRecord] {
        var g = SeededGenerator(seed: seed)
        var out = [UsageRecord]()
        let huge = Int.random(in: 0..<4, using: &g) == 0
        for _ in 0..<count {
            let project = "p\(Int.random(in: 0..<3, using: &g))"
            let ts = Int64(startDay) * CivilDate.millisecondsPerDay + Int64.random(in: 0..<(Int64(days) * CivilDate.millisecondsPerDay), using: &g)
            let sandbox = Int.random(in: 0..<6, using: &g) == 0
            let service = sandbox ? "e2b" : ["anthropic", "openai", "openrouter"].randomElement(using: &g)!
            let unit = sandbox ? "sandbox_seconds" : tokenUnits.randomElement(using: &g)!
            let quantity = sandbox ? Double(Int.random(in: 0..<40_000, using: &g)) / 4 : Double(Int.random(in: 0..<200_000, using: &g))
            let cost: Int64 = huge && Int.random(in: 0..<50, using: &g) == 0 ? Int64.max / 3 : Int64.random(in: 0..<2_000_000_000, using: &g)
            var r = UsageRecord(projectId: project, ts: ts, service: service, unit: unit, quantity: quantity, costNanos: cost, costSource: .given)
            func maybe<T>(_ v: T) -> T? { Int.random(in: 0..<5, using: &g) == 0 ? nil : v }
            r.modelId = sandbox ? nil : maybe(models.randomElement(using: &g)!)
            r.toolId = maybe(["claude", "codex", "opencode", "pi"].randomElement(using: &g)!)
            r.runId = maybe("run-\(Int.random(in: 0..<40, using: &g))")
            r.stepType = maybe(["designer", "checker", "optimizer", "chat"].randomElement(using: &g)!)
            r.stepIndex = maybe(Int32.random(in: -1..<6, using: &g))
            r.userId = maybe("user-\(Int.random(in: 0..<25, using: &g))")
            r.personaId = maybe(["ada", "ünï", "bob"].randomElement(using: &g)!)
            r.sandboxId = sandbox ? "sb-\(Int.random(in: 0..<9, using: &g))" : nil
            r.chainId = maybe("chain-\(Int.random(in: 0..<4, using: &g))")
            r.issueSessionId = maybe("is-\(Int.random(in: 0..<7, using: &g))")
            r.durationMs = maybe(Int64.random(in: 0..<600_000, using: &g))
            r.captureSource = maybe(["claude-stream-json", "codex-ndjson", "csv"].randomElement(using: &g)!)
            r.parserVersion = maybe(Int32.random(in: 1...3, using: &g))
            out.append(r)
        }
        return out
    }

    /// Writes records to a new store in a few flushes (several parts per partition),
    /// optionally compacting so that merged parts (and merged rollups) are read too.
    /// `rollups` decides which parts carry rollups: by default every part (whatever its
    /// size: the tests' stores are small), or as `RollupPolicy` would on real data.
    static func store(
        _ records: [UsageRecord], in dir: TemporaryDirectory, flushes: Int = 3, compact: Bool = false,
        rollups: RollupWriting = .always
    ) throws -> Store {
        var options = StoreOptions()
        options.compactionThreshold = 0
        switch rollups {
        case .always: options.maximumRollupCellShare = 1
        case .alwaysDaily: options.maximumRollupCellShare = 1; options.finestTimeRollup = .daily
        case .alwaysCoarseDaily: options.maximumRollupCellShare = 1; options.finestTimeRollup = .dailyCoarse
        case .whenTheyPay: break
        case .never: options.maximumRollupCellShare = 0
        }
        let store = try Store.open(at: dir.path + "/store", options: options)
        let chunk = Swift.max(1, (records.count + flushes - 1) / flushes)
        var i = 0
        while i < records.count {
            try store.append(contentsOf: records[i..<Swift.min(records.count, i + chunk)])
            try store.flush()
            i += chunk
        }
        if compact { try store.compact() }
        return store
    }

    /// Which parts of a test store carry rollups.
    enum RollupWriting: CaseIterable {
        /// Every part: hourly time cells and run cells.
        case always
        /// Every part: daily time cells and run cells.
        case alwaysDaily
        /// Every part: daily time cells by service, unit and model, and run cells.
        case alwaysCoarseDaily
        /// As the store decides on real data (`RollupPolicy`).
        case whenTheyPay
        /// No part.
        case never
    }
}
