import TallySystem
/// One measured quantity of one unit, attributed to whatever produced it.
///
/// This is the canonical usage record of `usage-schema.md`. Property names are the
/// schema's column names in lowerCamelCase. Money is exact: `costNanos` is the cost in
/// nano-USD (1 USD = 1_000_000_000), never a floating-point value.
public struct UsageRecord: Sendable, Hashable {
    /// The project (tenant) that owns the usage; the first partition key.
    public var projectId: String
    /// When the usage happened, in milliseconds since the Unix epoch (UTC).
    public var ts: Int64
    /// The service that was used: `anthropic`, `openai`, `e2b`, or any other lower_snake name.
    public var service: String
    /// The unit of `quantity`: `input_tokens`, `sandbox_seconds`, ...
    public var unit: String
    /// The amount of `unit`; never negative, never NaN or infinite.
    public var quantity: Double
    /// The cost in nano-USD, or `nil` when it is to be computed from the rate card.
    public var costNanos: Int64?
    /// How `costNanos` was obtained. Set by the store when it prices a record.
    public var costSource: CostSource
    /// The workflow run.
    public var runId: String?
    /// The sandbox VM.
    public var sandboxId: String?
    /// The sprint chain.
    public var chainId: String?
    /// The issue session.
    public var issueSessionId: String?
    /// The agent runtime: claude, codex, opencode, pi.
    public var toolId: String?
    /// The exact model id the runtime reported.
    public var modelId: String?
    /// The step type: designer, checker, optimizer, ...
    public var stepType: String?
    /// The iteration number within the step.
    public var stepIndex: Int32?
    /// The team member who triggered the usage.
    public var userId: String?
    /// The persona responsible.
    public var personaId: String?
    /// The step's execution time in milliseconds.
    public var durationMs: Int64?
    /// Which parser or importer wrote the row.
    public var captureSource: String?
    /// The schema version of that parser at capture time.
    public var parserVersion: Int32?
    /// The runtime's id of the request or message that used this quantity (Claude's
    /// message id and request id, OpenCode's step part id, ...). An import skips a row whose
    /// (project, capture source, request id, unit) is already stored on its day; nil rows
    /// are never deduplicated.
    public var requestId: String?

    /// Creates a record. Only the non-nullable columns are required.
    @inlinable
    public init(
        projectId: String, ts: Int64, service: String, unit: String, quantity: Double,
        costNanos: Int64? = nil, costSource: CostSource? = nil,
        runId: String? = nil, sandboxId: String? = nil, chainId: String? = nil,
        issueSessionId: String? = nil, toolId: String? = nil, modelId: String? = nil,
        stepType: String? = nil, stepIndex: Int32? = nil, userId: String? = nil,
        personaId: String? = nil, durationMs: Int64? = nil, captureSource: String? = nil,
        parserVersion: Int32? = nil, requestId: String? = nil
    ) {
        self.projectId = projectId
        self.ts = ts
        self.service = service
        self.unit = unit
        self.quantity = quantity
        self.costNanos = costNanos
        self.costSource = costSource ?? (costNanos == nil ? .unpriced : .given)
        self.runId = runId
        self.sandboxId = sandboxId
        self.chainId = chainId
        self.issueSessionId = issueSessionId
        self.toolId = toolId
        self.modelId = modelId
        self.stepType = stepType
        self.stepIndex = stepIndex
        self.userId = userId
        self.personaId = personaId
        self.durationMs = durationMs
        self.captureSource = captureSource
        self.parserVersion = parserVersion
        self.requestId = requestId
    }

    /// The UTC day of `ts`, as days since 1970-01-01 (the second partition key).
    public var day: Int32 { CivilDate.dayNumber(forMilliseconds: ts) }
}

/// Where a record's cost came from.
public enum CostSource: UInt8, Sendable, Hashable, CaseIterable {
    /// The input carried the cost; re-pricing never touches it.
    case given = 0
    /// Computed by Tally from the rate card in effect at the record's timestamp.
    case rateCard = 1
    /// No rate existed for the record's (service, unit, model): the cost is 0.
    case unpriced = 2
}
