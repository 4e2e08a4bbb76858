import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyIngest
/// One generated project (tenant): its fixed profile plus the chain and issue session
/// that its next runs join.
struct DemoProject: Sendable {
    /// The project id, e.g. `acme-payments`.
    let id: String
    /// Relative share of runs (Zipf by rank).
    let weight: Double
    /// First active day, as an offset from the generator's start day.
    let startDay: Int
    /// Team members and their cumulative activity weights (a few people do most of the work).
    let users: [String]
    let userCumulative: [Double]
    /// Personas defined in the project.
    let personas: [String]
    /// Cumulative weights over `DemoCatalog.toolIds`.
    let toolCumulative: [Double]
    /// Share of Claude runs that report a dated snapshot model id.
    let datedModelRate: Double
    /// Share of runs ingested through the HTTP API instead of a runtime parser.
    let apiCaptureRate: Double
    /// How completely the project moves to a newly released model version (0...1).
    let adoption: Double
    /// Repository size factor for prompt context.
    let contextScale: Double

    /// The sprint chain new chained runs join, and how many more runs it takes.
    var chainId: String? = nil
    var chainRemaining = 0
    /// The issue session new issue runs join, and how many more runs it takes.
    var issueSessionId: String? = nil
    var issueRemaining = 0

    /// Generates `count` projects ordered by start day, with unique ids.
    ///
    /// Rank 0 is the largest project; weights follow 1/rank^1.05, so the top project
    /// has about a sixth of all runs and the smallest few hundredths of a percent.
    static func makeAll(count: Int, days: Int, rng: inout DemoRandom) -> [DemoProject] {
        let prefixes = DemoCatalog.projectPrefixes, suffixes = DemoCatalog.projectSuffixes
        let combinations = prefixes.count * suffixes.count
        // A multiplier coprime with `combinations` makes index -> name a bijection.
        let offset = rng.below(combinations)
        var projects: [DemoProject] = []
        projects.reserveCapacity(count)
        for rank in 0..<count {
            let j = (rank * 1021 + offset) % combinations
            var id = prefixes[j / suffixes.count] + "-" + suffixes[j % suffixes.count]
            if rank >= combinations { id += "-" + String(rank / combinations + 1) }

            let weight = 1 / DemoMath.exp(1.05 * DemoMath.log(Double(rank + 1)))
            let startDay: Int
            if rank < 5 || rng.chance(0.55) {
                startDay = 0
            } else {
                startDay = 1 + rng.below(max(1, days * 9 / 10))
            }

            let userCount = rng.int(in: 3...30)
            var users: [String] = []
            var userCumulative: [Double] = []
            var total = 0.0
            while users.count < userCount {
                let user = DemoIdentifiers.base36(&rng, prefix: "user_", count: 6)
                if users.contains(user) { continue }
                users.append(user)
                total += 1 / Double(users.count)
                userCumulative.append(total)
            }

            var pool = DemoCatalog.personas
            var personas: [String] = []
            for _ in 0..<rng.int(in: 1...5) { personas.append(pool.remove(at: rng.below(pool.count))) }

            var toolWeights = DemoCatalog.toolShares
            if rng.chance(0.22) {
                // Single-runtime teams: mostly Claude Code, some Codex.
                let only = rng.chance(0.65) ? DemoCatalog.toolClaude : DemoCatalog.toolCodex
                toolWeights = toolWeights.indices.map { $0 == only ? 1 : 0 }
            } else {
                toolWeights = toolWeights.map { $0 * rng.logNormal(median: 1, sigma: 0.7) }
            }
            var toolCumulative: [Double] = []
            var running = 0.0
            for w in toolWeights {
                running += w
                toolCumulative.append(running)
            }

            projects.append(DemoProject(
                id: id, weight: weight, startDay: startDay, users: users, userCumulative: userCumulative,
                personas: personas, toolCumulative: toolCumulative,
                datedModelRate: rng.chance(0.25) ? rng.uniform(0.4, 0.9) : rng.uniform(0, 0.05),
                apiCaptureRate: rng.chance(0.15) ? rng.uniform(0.1, 0.5) : 0,
                adoption: rng.uniform(0.55, 0.97),
                contextScale: rng.logNormal(median: 1, sigma: 0.35)))
        }
        // Stable order by start day, so the projects active on a day are a prefix.
        return projects.enumerated()
            .sorted { ($0.element.startDay, $0.offset) < ($1.element.startDay, $1.offset) }
            .map(\.element)
    }
}
