import TallySystem
import TallyFormat
import TallyStore

/// A small deterministic PRNG (SplitMix64) so test data is the same on every run.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    /// Creates a generator from a seed.
    public init(seed: UInt64) { state = seed }
    /// Creates a generator from a seed (the spelling some tests use).
    public init(state: UInt64) { self.state = state }
    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The name some test suites know the generator by.
public typealias SplitMix64 = SeededGenerator

/// Random records that exercise every column: nulls, unicode, quotes and newlines in
/// ids, extreme quantities and costs, timestamps spread over years.
public enum RandomRecords {
    static let strangeStrings = [
        "plain", "with space", "ünïcødé-ß", "日本語のラン", "emoji 🚀🔥", "quote\"inside", "comma,inside",
        "new\nline", "tab\tchar", "", "a", String(repeating: "x", count: 300), "'single'", "back\\slash",
    ]

    /// `count` random, schema-valid records for `projects` projects.
    public static func make(count: Int, seed: UInt64, projects: Int = 5, days: Int = 400) -> [UsageRecord] {
        var g = SeededGenerator(seed: seed)
        let start = Int64(CivilDate.dayNumber(year: 2025, month: 1, day: 1)) * CivilDate.millisecondsPerDay
        let services = ["anthropic", "openai", "e2b", "trigger_dev", "openrouter"]
        let units = ["input_tokens", "output_tokens", "cache_read_tokens", "cache_creation_5m_tokens", "sandbox_seconds", "reasoning_tokens"]
        func maybe(_ s: @autoclosure () -> String) -> String? {
            Int.random(in: 0..<4, using: &g) == 0 ? nil : s()
        }
        var out = [UsageRecord]()
        out.reserveCapacity(count)
        for i in 0..<count {
            let project = i % 7 == 0 ? "proj/../ünï \(Int.random(in: 0..<projects, using: &g))" : "project-\(Int.random(in: 0..<projects, using: &g))"
            let ts = start + Int64.random(in: 0..<(Int64(days) * CivilDate.millisecondsPerDay), using: &g)
            let quantity: Double
            switch Int.random(in: 0..<6, using: &g) {
            case 0: quantity = Double(Int.random(in: 0..<1_000_000, using: &g))
            case 1: quantity = Double(Int.random(in: 0..<100_000, using: &g)) / 10
            case 2: quantity = Double.random(in: 0..<1e6, using: &g)
            case 3: quantity = [0, 1e300, Double.leastNonzeroMagnitude, 9.007199254740992e15, 0.1, 1e-9].randomElement(using: &g)!
            default: quantity = Double(Int.random(in: 0..<5000, using: &g))
            }
            let cost: Int64 = [Int64(0), Int64.max / 4, 1, Int64.random(in: 0..<10_000_000_000, using: &g)].randomElement(using: &g)!
            var r = UsageRecord(
                projectId: project, ts: ts, service: services.randomElement(using: &g)!, unit: units.randomElement(using: &g)!,
                quantity: quantity, costNanos: cost, costSource: CostSource.allCases.randomElement(using: &g)!)
            r.runId = maybe("run-\(Int.random(in: 0..<50, using: &g))")
            r.sandboxId = maybe(strangeStrings.randomElement(using: &g)!)
            r.chainId = maybe("chain-\(Int.random(in: 0..<5, using: &g))")
            r.issueSessionId = maybe(strangeStrings.randomElement(using: &g)!)
            r.toolId = maybe(["claude", "codex", "opencode", "pi"].randomElement(using: &g)!)
            r.modelId = maybe(["claude-sonnet-4-6", "gpt-5.4-mini", "anthropic/claude-opus-4-7"].randomElement(using: &g)!)
            r.stepType = maybe(["designer", "checker", "chat"].randomElement(using: &g)!)
            r.stepIndex = Int.random(in: 0..<3, using: &g) == 0 ? nil : [Int32.min, Int32.max, 0, Int32.random(in: 0..<20, using: &g)].randomElement(using: &g)!
            r.userId = maybe("user-\(Int.random(in: 0..<1000, using: &g))")
            r.personaId = maybe(strangeStrings.randomElement(using: &g)!)
            r.durationMs = Int.random(in: 0..<3, using: &g) == 0 ? nil : [Int64.max, 0, Int64.random(in: 0..<1_000_000, using: &g)].randomElement(using: &g)!
            r.captureSource = maybe(["claude-stream-json", "api"].randomElement(using: &g)!)
            r.parserVersion = Int.random(in: 0..<3, using: &g) == 0 ? nil : Int32.random(in: 1...3, using: &g)
            // Unique per record and seed (with strange characters around): tests that import
            // these rows expect every one stored, never one left out as already stored.
            r.requestId = maybe("\(strangeStrings.randomElement(using: &g)!)#\(seed)-\(i)")
            out.append(r)
        }
        return out
    }

    /// A canonical order for comparing record multisets.
    public static func sorted(_ records: [UsageRecord]) -> [UsageRecord] {
        records.sorted { a, b in
            if a.projectId != b.projectId { return a.projectId < b.projectId }
            if a.ts != b.ts { return a.ts < b.ts }
            return "\(a)" < "\(b)"
        }
    }
}
