import TallySystem
/// The columns of the usage table, as stored in part files.
///
/// `project_id` and `date` are not stored per row: a part holds one project, and the
/// date is derived from `ts` (each part also indexes its rows by day).
package enum Column: UInt8, Sendable, CaseIterable, Hashable, CustomStringConvertible {
    case ts = 1
    case service = 2
    case unit = 3
    case quantity = 4
    case cost = 5
    case costSource = 6
    case runId = 7
    case sandboxId = 8
    case chainId = 9
    case issueSessionId = 10
    case toolId = 11
    case modelId = 12
    case stepType = 13
    case stepIndex = 14
    case userId = 15
    case personaId = 16
    case durationMs = 17
    case captureSource = 18
    case parserVersion = 19
    /// The runtime's request or message id (added in footer version 2: older parts have no
    /// chunk for it and read as null).
    case requestId = 20

    /// How a column's values are physically represented.
    package enum Kind: Sendable {
        /// Dictionary-coded strings (code 0 = null).
        case string
        /// 64-bit integers, never null (ts, cost, cost source).
        case int64
        /// Non-negative doubles (quantity).
        case double
        /// Integers that may be null (step_index, duration_ms, parser_version).
        case nullableInt
    }

    /// The physical kind of the column.
    package var kind: Kind {
        switch self {
        case .ts, .cost, .costSource: return .int64
        case .quantity: return .double
        case .stepIndex, .durationMs, .parserVersion: return .nullableInt
        default: return .string
        }
    }

    /// The string columns, in storage order.
    package static let stringColumns: [Column] = allCases.filter { $0.kind == .string }

    /// The schema's name for the column (`cost_usd` for cost).
    package var name: String {
        switch self {
        case .ts: return "ts"
        case .service: return "service"
        case .unit: return "unit"
        case .quantity: return "quantity"
        case .cost: return "cost_usd"
        case .costSource: return "cost_source"
        case .runId: return "run_id"
        case .sandboxId: return "sandbox_id"
        case .chainId: return "chain_id"
        case .issueSessionId: return "issue_session_id"
        case .toolId: return "tool_id"
        case .modelId: return "model_id"
        case .stepType: return "step_type"
        case .stepIndex: return "step_index"
        case .userId: return "user_id"
        case .personaId: return "persona_id"
        case .durationMs: return "duration_ms"
        case .captureSource: return "capture_source"
        case .parserVersion: return "parser_version"
        case .requestId: return "request_id"
        }
    }

    package var description: String { name }

    /// The first footer version whose parts store this column. A part of an older version
    /// has no chunk or dictionary for it: every row reads as null.
    package var sinceFooterVersion: UInt64 { self == .requestId ? 2 : 1 }

    /// The column with a schema name, if any.
    package init?(name: String) {
        guard let c = Column.allCases.first(where: { $0.name == name }) else { return nil }
        self = c
    }

    /// The string value of a string column in a record.
    @inlinable
    package func string(of r: UsageRecord) -> String? {
        switch self {
        case .service: return r.service
        case .unit: return r.unit
        case .runId: return r.runId
        case .sandboxId: return r.sandboxId
        case .chainId: return r.chainId
        case .issueSessionId: return r.issueSessionId
        case .toolId: return r.toolId
        case .modelId: return r.modelId
        case .stepType: return r.stepType
        case .userId: return r.userId
        case .personaId: return r.personaId
        case .captureSource: return r.captureSource
        case .requestId: return r.requestId
        default: return nil
        }
    }

    /// Sets the string value of a string column in a record.
    package func setString(_ v: String?, in r: inout UsageRecord) {
        switch self {
        case .service: r.service = v ?? ""
        case .unit: r.unit = v ?? ""
        case .runId: r.runId = v
        case .sandboxId: r.sandboxId = v
        case .chainId: r.chainId = v
        case .issueSessionId: r.issueSessionId = v
        case .toolId: r.toolId = v
        case .modelId: r.modelId = v
        case .stepType: r.stepType = v
        case .userId: r.userId = v
        case .personaId: r.personaId = v
        case .captureSource: r.captureSource = v
        case .requestId: r.requestId = v
        default: break
        }
    }
}
