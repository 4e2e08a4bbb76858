import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// What the caller knows about a captured stream that the stream itself does not say.
///
/// Runtimes report tokens, but not which project, run or persona they were for; the
/// harness that ran the agent does. Every record a parser emits copies these fields.
public struct StreamAttribution: Sendable, Hashable {
    /// The project (tenant) that owns the usage.
    public var projectId: String
    /// The workflow run.
    public var runId: String?
    /// The sandbox VM.
    public var sandboxId: String?
    /// The sprint chain.
    public var chainId: String?
    /// The issue session.
    public var issueSessionId: String?
    /// The step type: designer, checker, optimizer, ...
    public var stepType: String?
    /// The iteration number within the step.
    public var stepIndex: Int32?
    /// The team member who triggered the run.
    public var userId: String?
    /// The persona responsible.
    public var personaId: String?
    /// The agent runtime; `nil` uses the format's ``StreamFormat/defaultToolId``.
    public var toolId: String?
    /// A model id that replaces whatever the stream reports (for gateways that rename models).
    public var modelOverride: String?
    /// The model id used where the stream reports none (Codex and OpenCode never do), for
    /// example from the `-m` flag the harness passed.
    public var defaultModel: String?
    /// A service that replaces the one the parser derives (anthropic, openai, a provider prefix).
    public var serviceOverride: String?
    /// The timestamp (ms since the epoch, UTC) of usage whose entry carries none, for
    /// example the capture time. Without it such usage is dropped and reported.
    public var defaultTimestampMs: Int64?
    /// The step's execution time, copied to every record's `duration_ms`.
    public var durationMs: Int64?

    /// Creates an attribution. Only the project is required.
    public init(
        projectId: String, runId: String? = nil, sandboxId: String? = nil, chainId: String? = nil,
        issueSessionId: String? = nil, stepType: String? = nil, stepIndex: Int32? = nil,
        userId: String? = nil, personaId: String? = nil, toolId: String? = nil,
        modelOverride: String? = nil, defaultModel: String? = nil, serviceOverride: String? = nil,
        defaultTimestampMs: Int64? = nil, durationMs: Int64? = nil
    ) {
        self.projectId = projectId
        self.runId = runId
        self.sandboxId = sandboxId
        self.chainId = chainId
        self.issueSessionId = issueSessionId
        self.stepType = stepType
        self.stepIndex = stepIndex
        self.userId = userId
        self.personaId = personaId
        self.toolId = toolId
        self.modelOverride = modelOverride
        self.defaultModel = defaultModel
        self.serviceOverride = serviceOverride
        self.defaultTimestampMs = defaultTimestampMs
        self.durationMs = durationMs
    }
}
