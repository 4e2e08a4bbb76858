import Testing
@testable import TallyDemo
import Tally

/// Collects every record of a generator (only for small row counts).
private func collect(_ generator: DemoDataGenerator, batch: Int = 4096) -> [UsageRecord] {
    var g = generator
    var all: [UsageRecord] = []
    while g.nextBatch(into: &all, maxCount: batch) > 0 {}
    return all
}

/// FNV-1a over the fields of records: a fingerprint that, unlike `Hasher`, is the same in every process.
private struct Fingerprint {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ bytes: some Sequence<UInt8>) {
        for b in bytes { value = (value ^ UInt64(b)) &* 0x100_0000_01b3 }
        value = (value ^ 0xff) &* 0x100_0000_01b3
    }
    mutating func add(_ s: String?) { add((s ?? "\u{0}").utf8) }
    mutating func add(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { add($0) } }
    mutating func add(_ r: UsageRecord) {
        add(r.projectId); add(UInt64(bitPattern: r.ts)); add(r.service); add(r.unit)
        add(r.quantity.bitPattern); add(UInt64(bitPattern: r.costNanos ?? -1)); add(UInt64(r.costSource.rawValue))
        add(r.runId); add(r.sandboxId); add(r.chainId); add(r.issueSessionId); add(r.toolId); add(r.modelId)
        add(r.stepType); add(UInt64(bitPattern: Int64(r.stepIndex ?? -1))); add(r.userId); add(r.personaId)
        add(UInt64(bitPattern: r.durationMs ?? -1)); add(r.captureSource)
        add(UInt64(bitPattern: Int64(r.parserVersion ?? -1)))
    }
}

private func isLowerSnake(_ s: String) -> Bool {
    !s.isEmpty && s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
}

/// Aggregates of a generated data set, gathered in one streaming pass.
private struct Profile {
    var rows = 0
    var byProject: [String: Int] = [:]
    var byDayOffset: [Int: Int] = [:]
    var runs: [String: (steps: Set<Int32>, chain: String?, issue: String?)] = [:]
    var usersByProject: [String: Set<String>] = [:]
    var given = 0
    var personaMissing = 0
    var tokenRows = 0
    var anthropicInput: [Double] = []
    var anthropicCacheRead: [Double] = []
    var problems: [String] = []

    init(rows: Int, seed: UInt64) {
        var g = DemoDataGenerator(rows: rows, seed: seed)
        var batch: [UsageRecord] = []
        var lastTs = Int64.min
        while true {
            batch.removeAll(keepingCapacity: true)
            guard g.nextBatch(into: &batch, maxCount: 8192) > 0 else { break }
            for r in batch {
                self.rows += 1
                if r.ts < lastTs { problems.append("ts went back at row \(self.rows)") }
                lastTs = r.ts
                byProject[r.projectId, default: 0] += 1
                byDayOffset[Int(r.day - g.startDay), default: 0] += 1
                check(r)
            }
        }
    }

    mutating func check(_ r: UsageRecord) {
        if r.projectId.isEmpty || !isLowerSnake(r.service) || !isLowerSnake(r.unit) {
            problems.append("bad names: \(r)")
        }
        if !r.quantity.isFinite || r.quantity < 0 { problems.append("bad quantity: \(r)") }
        if r.costSource == .given {
            given += 1
            guard let cost = r.costNanos, cost >= 0, r.unit.hasSuffix("_tokens"),
                  r.quantity == 0 || cost % Int64(r.quantity) == 0 else {
                problems.append("given cost is not quantity x integer rate: \(r)")
                return
            }
        } else if r.costNanos != nil {
            problems.append("unexpected cost: \(r)")
        }
        if let user = r.userId {
            if !user.hasPrefix("user_") { problems.append("user id: \(r)") }
            usersByProject[r.projectId, default: []].insert(user)
        }
        if let run = r.runId {
            if run.utf8.count != 36 || Array(run.utf8).enumerated().contains(where: { i, c in
                [8, 13, 18, 23].contains(i) != (c == UInt8(ascii: "-")) }) {
                problems.append("run id: \(run)")
            }
            var entry = runs[run] ?? (steps: [], chain: r.chainId, issue: r.issueSessionId)
            if let step = r.stepIndex { entry.steps.insert(step) }
            if entry.chain != r.chainId || entry.issue != r.issueSessionId { problems.append("run changed chain: \(r)") }
            runs[run] = entry
        }
        if r.unit.hasSuffix("_tokens") {
            tokenRows += 1
            if r.personaId == nil { personaMissing += 1 }
            checkTokenRow(r)
        } else if r.toolId != nil || r.modelId != nil || r.personaId != nil {
            problems.append("infrastructure row with a model: \(r)")
        } else if ![("e2b", "sandbox_seconds"), ("trigger_dev", "task_seconds"), ("convex", "db_bytes")]
            .contains(where: { $0 == (r.service, r.unit) }) {
            problems.append("unknown service/unit: \(r)")
        }
    }

    mutating func checkTokenRow(_ r: UsageRecord) {
        guard let tool = r.toolId, let model = r.modelId, let step = r.stepType, r.stepIndex != nil,
              r.durationMs != nil, r.captureSource != nil, r.runId != nil, r.userId != nil else {
            problems.append("token row without its attribution: \(r)")
            return
        }
        let claude = model.hasPrefix("claude-") || model.hasPrefix("anthropic/claude-")
        let gpt = model.hasPrefix("gpt-") || model.hasPrefix("openai/gpt-")
        switch r.service {
        case "anthropic": if !model.hasPrefix("claude-") { problems.append("anthropic model: \(r)") }
        case "openai": if !model.hasPrefix("gpt-") { problems.append("openai model: \(r)") }
        case "openrouter": if !model.contains("/") { problems.append("openrouter model: \(r)") }
        default: problems.append("token service: \(r)")
        }
        switch tool {
        case "claude": if !claude || r.service != "anthropic" { problems.append("claude runs Anthropic models: \(r)") }
        case "codex": if !gpt || r.service != "openai" { problems.append("codex runs OpenAI models: \(r)") }
        case "opencode", "pi": if !claude && !gpt { problems.append("model: \(r)") }
        default: problems.append("tool: \(r)")
        }
        if r.unit == "reasoning_tokens" && !gpt { problems.append("reasoning on an Anthropic model: \(r)") }
        if r.unit.hasPrefix("cache_creation") && gpt { problems.append("cache writes on an OpenAI model: \(r)") }
        let steps = ["designer", "checker", "optimizer", "discovery", "issue_session", "chat", "reviewer", "planner"]
        if !steps.contains(step) { problems.append("step type: \(r)") }
        if r.service == "anthropic" && r.unit == "input_tokens" { anthropicInput.append(r.quantity) }
        if r.service == "anthropic" && r.unit == "cache_read_tokens" { anthropicCacheRead.append(r.quantity) }
    }
}

private func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

@Suite struct DemoDataGeneratorTests {
    @Test func sameSeedGivesSameRecordsAndOtherSeedsDiffer() {
        let a = collect(DemoDataGenerator(rows: 30_000, seed: 11))
        let b = collect(DemoDataGenerator(rows: 30_000, seed: 11))
        let c = collect(DemoDataGenerator(rows: 30_000, seed: 12))
        #expect(a == b)
        #expect(a != c)
        #expect(Set(a.compactMap(\.runId)).isDisjoint(with: Set(c.compactMap(\.runId))))
    }

    /// Guards reproducibility across machines and releases: these records must never change silently.
    @Test func fingerprintOfSeed42IsStable() {
        var fingerprint = Fingerprint()
        for r in collect(DemoDataGenerator(rows: 5_000, seed: 42, days: 60)) { fingerprint.add(r) }
        #expect(fingerprint.value == 9_001_293_419_565_015_554)
    }

    @Test(arguments: [1, 7, 1000, 8192])
    func batchSizeDoesNotChangeTheRecords(batch: Int) {
        let reference = collect(DemoDataGenerator(rows: 12_345, seed: 3), batch: 4096)
        #expect(collect(DemoDataGenerator(rows: 12_345, seed: 3), batch: batch) == reference)
    }

    @Test func sequenceIterationMatchesBatches() {
        let generator = DemoDataGenerator(rows: 9_999, seed: 5)
        #expect(generator.underestimatedCount == 9_999)
        #expect(Array(generator) == collect(generator))
    }

    @Test(arguments: [(0, 730), (1, 730), (5, 730), (999, 730), (12_345, 730), (4_000, 1), (50_000, 30)])
    func producesExactlyTheRequestedRows(rows: Int, days: Int) {
        var g = DemoDataGenerator(rows: rows, seed: 99, days: days)
        var out: [UsageRecord] = []
        while g.nextBatch(into: &out, maxCount: 1000) > 0 {}
        #expect(out.count == rows)
        #expect(g.produced == rows && g.remaining == 0)
        #expect(g.nextBatch(into: &out, maxCount: 10) == 0)
        // Timestamps are nondecreasing and lie in the requested days (the very last runs
        // may run on a little past the last midnight).
        #expect(zip(out, out.dropFirst()).allSatisfy { $0.ts <= $1.ts })
        #expect(out.allSatisfy { $0.day >= g.startDay && $0.day <= g.startDay + Int32(days) })
    }

    @Test func defaultStartIs2024November22() {
        #expect(CivilDate.isoString(forDayNumber: DemoDataGenerator.defaultStartDay) == "2024-11-22")
        let ids = DemoDataGenerator(rows: 0, seed: 1).projectIds
        #expect(ids.count == 200 && Set(ids).count == 200)
        #expect(ids.allSatisfy { $0.contains("-") && $0 == $0.lowercased() })
        let many = DemoDataGenerator(rows: 0, seed: 1, projects: 2_000).projectIds
        #expect(Set(many).count == 2_000)
    }

    @Test func dataLooksLikeRealUsage() {
        let p = Profile(rows: 250_000, seed: 2026)
        #expect(p.rows == 250_000)
        #expect(p.problems.count == 0, "\(p.problems.prefix(3))")

        // Projects: nearly all appear, very unequal sizes with a long tail.
        #expect(p.byProject.count >= 150)
        let sizes = p.byProject.values.sorted(by: >)
        let topShare = Double(sizes[0]) / Double(p.rows)
        #expect(topShare > 0.12 && topShare < 0.30, "top project share \(topShare)")
        #expect(Double(sizes[sizes.count / 2]) / Double(p.rows) < 0.005)

        // Growth and the weekly rhythm.
        let firstYear = p.byDayOffset.filter { $0.key < 365 }.values.reduce(0, +)
        let secondYear = p.byDayOffset.filter { $0.key >= 365 }.values.reduce(0, +)
        #expect(Double(secondYear) > 1.4 * Double(firstYear))
        let start = DemoDataGenerator.defaultStartDay
        var weekday = (rows: 0, days: 0), weekend = (rows: 0, days: 0)
        for offset in 0..<730 {
            let dow = (Int(start) + offset + 3) % 7  // 0 = Monday
            if dow >= 5 { weekend.rows += p.byDayOffset[offset] ?? 0; weekend.days += 1 }
            else { weekday.rows += p.byDayOffset[offset] ?? 0; weekday.days += 1 }
        }
        #expect(Double(weekday.rows) / Double(weekday.days) > 2 * Double(weekend.rows) / Double(weekend.days))

        // Runs: 1-10 steps, about half in chains, about 30% in issue sessions.
        let runs = p.runs.values
        #expect(runs.allSatisfy { $0.steps.count <= 10 && ($0.steps.max() ?? 0) <= 9 })
        #expect(runs.contains { $0.steps.count >= 5 } && runs.contains { $0.steps.count == 1 })
        let chained = Double(runs.filter { $0.chain != nil }.count) / Double(runs.count)
        let inIssue = Double(runs.filter { $0.issue != nil }.count) / Double(runs.count)
        #expect(chained > 0.35 && chained < 0.7, "chained \(chained)")
        #expect(inIssue > 0.2 && inIssue < 0.4, "issue sessions \(inIssue)")
        let chains = Set(runs.compactMap(\.chain))
        #expect(Double(chains.count) < 0.6 * Double(runs.filter { $0.chain != nil }.count))

        // Users per project, personas sometimes absent.
        #expect(p.usersByProject.values.allSatisfy { $0.count <= 30 })
        let personaMissing = Double(p.personaMissing) / Double(p.tokenRows)
        #expect(personaMissing > 0.05 && personaMissing < 0.5)

        // Tokens: caching dominates the prompt; a few percent of rows carry a runtime-reported cost.
        #expect(median(p.anthropicCacheRead) > 20 * median(p.anthropicInput))
        let given = Double(p.given) / Double(p.rows)
        #expect(given > 0.01 && given < 0.06, "given-cost share \(given)")
    }

    @Test func memoryDoesNotGrowWithRows() {
        var g = DemoDataGenerator(rows: 2_000_000, seed: 8)
        var batch: [UsageRecord] = []
        batch.reserveCapacity(10_000)
        var count = 0, lastTs = Int64.min, ordered = true
        while true {
            batch.removeAll(keepingCapacity: true)
            let n = g.nextBatch(into: &batch, maxCount: 10_000)
            if n == 0 { break }
            count += n
            if batch[0].ts < lastTs { ordered = false }
            lastTs = batch[n - 1].ts
        }
        #expect(count == 2_000_000 && ordered)
        // Only the runs in flight are kept: a handful, whatever the row count.
        #expect(g.peakActiveRuns <= 64)
        #expect(g.runs.count <= 64)
        #expect(g.pending.capacity <= 64)
        #expect(batch.capacity < 20_000)
    }
}
