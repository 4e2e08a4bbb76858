import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// The columns of the usage record as named in CSV/JSONL files, in schema order.
///
/// The order is the one of `usage-schema.md` and is the column order the writers use.
/// `date` is a derived column: readers accept it alone (meaning midnight UTC) or
/// together with `ts` (then both must name the same UTC day).
package enum RecordColumn: Int, CaseIterable, Sendable, Hashable {
    /// `project_id`, required.
    case projectId
    /// `ts`, milliseconds since the epoch; required unless `date` is given.
    case ts
    /// `date`, `YYYY-MM-DD`, the UTC day of `ts`.
    case date
    /// `service`, required.
    case service
    /// `unit`, required.
    case unit
    /// `quantity`, required, finite and >= 0.
    case quantity
    /// `cost_usd`, exact decimal with up to 9 fractional digits; empty means "price it".
    case costUsd
    /// `run_id`.
    case runId
    /// `sandbox_id`.
    case sandboxId
    /// `chain_id`.
    case chainId
    /// `issue_session_id`.
    case issueSessionId
    /// `tool_id`.
    case toolId
    /// `model_id`.
    case modelId
    /// `step_type`.
    case stepType
    /// `step_index`, Int32.
    case stepIndex
    /// `user_id`.
    case userId
    /// `persona_id`.
    case personaId
    /// `duration_ms`, Int64.
    case durationMs
    /// `capture_source`.
    case captureSource
    /// `parser_version`, Int32.
    case parserVersion
    /// `request_id`: the runtime's request or message id; a row whose (project,
    /// capture_source, request_id, unit) is already stored is skipped on import.
    case requestId

    /// The column's name in files, e.g. `project_id`.
    package var name: String { Self.names[rawValue] }

    /// Looks a column up by its file name, ignoring case (`PROJECT_ID` is
    /// `project_id`: spreadsheets and SQL tools upper-case headers); `nil` for unknown names.
    package init?(name: some StringProtocol) {
        let lower = String(name).lowercased()
        guard let index = Self.names.firstIndex(where: { $0 == lower }) else { return nil }
        self.init(rawValue: index)
    }

    /// The columns a record cannot do without. `ts` stands for "`ts` or `date`".
    package static let required: [RecordColumn] = [.projectId, .ts, .service, .unit, .quantity]

    static let names: [String] = [
        "project_id", "ts", "date", "service", "unit", "quantity", "cost_usd", "run_id",
        "sandbox_id", "chain_id", "issue_session_id", "tool_id", "model_id", "step_type",
        "step_index", "user_id", "persona_id", "duration_ms", "capture_source", "parser_version", "request_id",
    ]

    /// The names as UTF-8, for matching JSON keys without building Strings.
    static let nameBytes: [[UInt8]] = names.map { Array($0.utf8) }
}
