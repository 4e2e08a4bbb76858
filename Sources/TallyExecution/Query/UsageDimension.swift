import TallySystem
import TallyFormat
import TallyStore

/// A column a query can filter on, group by or count distinct values of.
public enum UsageDimension: String, Sendable, Hashable, CaseIterable {
    /// The project (each part holds one).
    case projectId = "project_id"
    /// The service (anthropic, openai, e2b, ...).
    case service
    /// The unit measured (input_tokens, sandbox_seconds, ...).
    case unit
    /// The model id.
    case modelId = "model_id"
    /// The agent runtime (claude, codex, opencode, pi).
    case toolId = "tool_id"
    /// The step type (designer, checker, ...).
    case stepType = "step_type"
    /// The iteration within the step.
    case stepIndex = "step_index"
    /// The team member who triggered the usage.
    case userId = "user_id"
    /// The persona responsible.
    case personaId = "persona_id"
    /// Which parser or importer wrote the row.
    case captureSource = "capture_source"
    /// The workflow run.
    case runId = "run_id"
    /// The sandbox VM.
    case sandboxId = "sandbox_id"
    /// The sprint chain.
    case chainId = "chain_id"
    /// The issue session.
    case issueSessionId = "issue_session_id"
    /// The step execution time in milliseconds.
    case durationMs = "duration_ms"
    /// The schema version of the parser that wrote the row.
    case parserVersion = "parser_version"
    /// How the row's cost was obtained (given, rate card, unpriced).
    case costSource = "cost_source"
    /// The runtime's request or message id (null for rows imported without one).
    case requestId = "request_id"

    /// The stored column (nil for project_id, which is the part's, not the row's).
    package var column: Column? {
        switch self {
        case .projectId: return nil
        case .service: return .service
        case .unit: return .unit
        case .modelId: return .modelId
        case .toolId: return .toolId
        case .stepType: return .stepType
        case .stepIndex: return .stepIndex
        case .userId: return .userId
        case .personaId: return .personaId
        case .captureSource: return .captureSource
        case .runId: return .runId
        case .sandboxId: return .sandboxId
        case .chainId: return .chainId
        case .issueSessionId: return .issueSessionId
        case .durationMs: return .durationMs
        case .parserVersion: return .parserVersion
        case .costSource: return .costSource
        case .requestId: return .requestId
        }
    }

    /// Whether values are strings (otherwise integers).
    public var isString: Bool {
        switch self {
        case .stepIndex, .durationMs, .parserVersion, .costSource: return false
        default: return true
        }
    }

    /// The schema name (`model_id`, ...).
    public var name: String { rawValue }

    /// The dimension with a schema name, if any.
    public init?(name: String) { self.init(rawValue: name) }
}
