import TallySystem
import TallyFormat
import TallyStore

/// A column a query can filter on, group by or count distinct values of.
public enum UsageDimension: String, Sendable, Hashable, CaseIterable {
    case projectId = "project_id"
    case service
    case unit
    case modelId = "model_id"
    case toolId = "tool_id"
    case stepType = "step_type"
    case stepIndex = "step_index"
    case userId = "user_id"
    case personaId = "persona_id"
    case captureSource = "capture_source"
    case runId = "run_id"
    case sandboxId = "sandbox_id"
    case chainId = "chain_id"
    case issueSessionId = "issue_session_id"
    case durationMs = "duration_ms"
    case parserVersion = "parser_version"
    case costSource = "cost_source"

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
