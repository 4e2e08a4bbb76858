import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyIngest
/// The fixed vocabulary of the demo data: models, tools, step types, names and the
/// daily and weekly activity profiles.
///
/// Everything here is a constant shared by all generated rows; rows refer to these
/// strings rather than building their own, which keeps generation allocation-free.
enum DemoCatalog {
    // MARK: Models

    /// Model families; a run picks a family, then the newest version its project has adopted.
    static let familySonnet = 0, familyOpus = 1, familyHaiku = 2
    static let familyGPT = 3, familyCodex = 4, familyMini = 5, familyNano = 6

    /// The models, oldest version of each family first.
    static let models: [DemoModel] = [
        DemoModel("claude-sonnet-4-5", dated: "claude-sonnet-4-5-20250929", provider: .anthropic,
                  family: familySonnet, release: 0, input: 3000, write5m: 3750, write1h: 6000, read: 300, output: 15000),
        DemoModel("claude-sonnet-4-6", provider: .anthropic,
                  family: familySonnet, release: 0.42, input: 3000, write5m: 3750, write1h: 6000, read: 300, output: 15000),
        DemoModel("claude-opus-4-5", dated: "claude-opus-4-5-20251101", provider: .anthropic,
                  family: familyOpus, release: 0, input: 5000, write5m: 6250, write1h: 10000, read: 500, output: 25000),
        DemoModel("claude-opus-4-7", provider: .anthropic,
                  family: familyOpus, release: 0.68, input: 5000, write5m: 6250, write1h: 10000, read: 500, output: 25000),
        DemoModel("claude-haiku-4-5", dated: "claude-haiku-4-5-20251001", provider: .anthropic,
                  family: familyHaiku, release: 0, input: 1000, write5m: 1250, write1h: 2000, read: 100, output: 5000),
        DemoModel("gpt-5.4", provider: .openai, family: familyGPT, release: 0, input: 2500, read: 250, output: 15000),
        DemoModel("gpt-5.5", provider: .openai, family: familyGPT, release: 0.66, input: 5000, read: 500, output: 30000),
        DemoModel("gpt-5.3-codex", provider: .openai, family: familyCodex, release: 0, input: 1750, read: 175, output: 14000),
        DemoModel("gpt-5.4-mini", provider: .openai, family: familyMini, release: 0, input: 750, read: 75, output: 4500),
        DemoModel("gpt-5.4-nano", provider: .openai, family: familyNano, release: 0, input: 200, read: 20, output: 1250),
    ]

    /// Families by provider with their cumulative popularity (Sonnet-heavy, Opus second; GPT flagship and Codex lead).
    static let anthropicFamilies = [familySonnet, familyOpus, familyHaiku]
    static let anthropicFamilyCumulative: [Double] = [0.55, 0.85, 1.0]
    static let openaiFamilies = [familyGPT, familyCodex, familyMini, familyNano]
    static let openaiFamilyCumulative: [Double] = [0.40, 0.75, 0.93, 1.0]

    // MARK: Tools

    /// Agent runtimes, in the order of `DemoProject.toolCumulative`.
    static let toolIds = ["claude", "codex", "opencode", "pi"]
    static let toolClaude = 0, toolCodex = 1, toolOpenCode = 2, toolPi = 3
    /// Overall shares: Claude Code dominates, Pi is the smallest.
    static let toolShares: [Double] = [0.50, 0.28, 0.13, 0.09]
    /// The parser that captures each runtime's output.
    static let captureSources = ["claude-stream-json", "codex-ndjson", "opencode-ndjson", "pi-jsonl"]
    /// Where on the timeline each parser moved to its next schema version.
    static let parserUpgrades: [[Double]] = [[0.35, 0.8], [0.5], [0.6], [0.7]]
    /// The capture source of rows that came in through the HTTP API instead of a parser.
    static let apiCaptureSource = "api"

    // MARK: Step types

    static let designer = "designer", checker = "checker", optimizer = "optimizer", discovery = "discovery"
    static let issueSession = "issue_session", chat = "chat", reviewer = "reviewer", planner = "planner"

    /// Median step duration in seconds for a step type.
    static func medianStepSeconds(_ stepType: String) -> Double {
        switch stepType {
        case chat: return 45
        case planner: return 110
        case designer: return 300
        case checker: return 150
        case optimizer: return 360
        case discovery: return 180
        case issueSession: return 420
        default: return 120
        }
    }

    // MARK: Services and units

    static let anthropic = "anthropic", openai = "openai", openrouter = "openrouter"
    static let e2b = "e2b", triggerDev = "trigger_dev", convex = "convex"
    static let inputTokens = TokenClass.input.unit, outputTokens = TokenClass.output.unit
    static let cacheWrite5mTokens = TokenClass.cacheWrite5m.unit, cacheWrite1hTokens = TokenClass.cacheWrite1h.unit
    static let cacheReadTokens = TokenClass.cacheRead.unit, reasoningTokens = TokenClass.reasoning.unit
    static let sandboxSeconds = "sandbox_seconds", taskSeconds = "task_seconds", dbBytes = "db_bytes"

    // MARK: Activity profiles

    /// Relative activity per UTC hour: teams in Europe and the Americas, plus scheduled night jobs.
    static let hourWeights: [Double] = [
        0.42, 0.35, 0.30, 0.28, 0.30, 0.38, 0.52, 0.72, 0.95, 1.10, 1.15, 1.10,
        1.05, 1.20, 1.35, 1.42, 1.40, 1.32, 1.15, 1.00, 0.85, 0.70, 0.58, 0.48,
    ]
    /// Relative activity per weekday, Monday first.
    static let weekdayWeights: [Double] = [1.0, 1.06, 1.05, 1.0, 0.88, 0.34, 0.28]

    // MARK: Names

    /// First halves of project ids.
    static let projectPrefixes = [
        "acme", "nimbus", "orbit", "polar", "quartz", "ember", "cobalt", "lumen", "vertex", "harbor",
        "summit", "atlas", "nova", "pixel", "cedar", "falcon", "zephyr", "aurora", "beacon", "cirrus",
        "delta", "echo", "fjord", "granite", "helix", "indigo", "juniper", "kestrel", "lattice", "meridian",
        "nexus", "onyx", "prism", "quill", "raven", "sierra", "tundra", "umber", "vector", "willow",
    ]
    /// Second halves of project ids.
    static let projectSuffixes = [
        "payments", "billing", "search", "checkout", "analytics", "gateway", "auth", "mobile", "web", "api",
        "infra", "ledger", "inventory", "catalog", "notifications", "onboarding", "support", "reports",
        "scheduler", "pipeline", "crawler", "storefront", "identity", "messaging", "maps", "media",
        "insights", "platform", "portal", "sync", "backend", "dashboard", "docs", "ml", "data",
        "shipping", "pricing", "compliance", "growth", "ops",
    ]
    /// Persona ids a project may define.
    static let personas = [
        "backend-lead", "frontend-lead", "security-reviewer", "release-captain", "data-engineer",
        "platform-sre", "product-designer", "qa-lead", "staff-architect", "docs-writer", "mobile-dev",
        "ml-engineer", "tech-lead", "on-call", "perf-tuner", "api-steward", "devex", "compliance-officer",
        "triage-bot", "migration-owner",
    ]
}
