import TallyFormat

/// The `usage` table as the engine sees it: every column with its SQL type and where its
/// values come from.
package enum UsageTable {
    /// The table's name.
    package static let name = "usage"

    /// One column.
    package struct ColumnInfo: Sendable {
        /// The schema name.
        package var name: String
        /// The SQL type (DuckDB's type of the same column when loaded from Tally's CSV).
        package var type: LogicalType
        /// The stored column it is read from (nil for project_id and date, which are
        /// derived from the part and from ts).
        package var stored: Column?
        /// Whether NULL can occur.
        package var nullable: Bool
        /// Hidden columns are queryable by name but not part of `*` or DESCRIBE.
        package var hidden: Bool = false
    }

    /// The columns in schema order; a column's index here is its index in a scan's chunk.
    package static let columns: [ColumnInfo] = [
        ColumnInfo(name: "project_id", type: .varchar, stored: nil, nullable: false),
        ColumnInfo(name: "ts", type: .timestamp, stored: .ts, nullable: false),
        ColumnInfo(name: "date", type: .date, stored: nil, nullable: false),
        ColumnInfo(name: "service", type: .varchar, stored: .service, nullable: false),
        ColumnInfo(name: "unit", type: .varchar, stored: .unit, nullable: false),
        ColumnInfo(name: "quantity", type: .double, stored: .quantity, nullable: false),
        ColumnInfo(name: "cost_usd", type: .decimal(width: 18, scale: 9), stored: .cost, nullable: false),
        ColumnInfo(name: "run_id", type: .varchar, stored: .runId, nullable: true),
        ColumnInfo(name: "sandbox_id", type: .varchar, stored: .sandboxId, nullable: true),
        ColumnInfo(name: "chain_id", type: .varchar, stored: .chainId, nullable: true),
        ColumnInfo(name: "issue_session_id", type: .varchar, stored: .issueSessionId, nullable: true),
        ColumnInfo(name: "tool_id", type: .varchar, stored: .toolId, nullable: true),
        ColumnInfo(name: "model_id", type: .varchar, stored: .modelId, nullable: true),
        ColumnInfo(name: "step_type", type: .varchar, stored: .stepType, nullable: true),
        ColumnInfo(name: "step_index", type: .integer, stored: .stepIndex, nullable: true),
        ColumnInfo(name: "user_id", type: .varchar, stored: .userId, nullable: true),
        ColumnInfo(name: "persona_id", type: .varchar, stored: .personaId, nullable: true),
        ColumnInfo(name: "duration_ms", type: .bigint, stored: .durationMs, nullable: true),
        ColumnInfo(name: "capture_source", type: .varchar, stored: .captureSource, nullable: true),
        ColumnInfo(name: "parser_version", type: .integer, stored: .parserVersion, nullable: true),
        // The runtime's request id (idempotent imports): queryable by name, outside `*`
        // and DESCRIBE, so `SELECT *` keeps the usage schema's columns.
        ColumnInfo(name: "request_id", type: .varchar, stored: .requestId, nullable: true, hidden: true),
        ColumnInfo(name: "cost_source", type: .bigint, stored: .costSource, nullable: false, hidden: true),
    ]

    /// Index of the column called `name` (already normalised), if any.
    package static func index(of name: String) -> Int? { indexByName[name] }

    private static let indexByName: [String: Int] = {
        var d: [String: Int] = [:]
        for (i, c) in columns.enumerated() { d[c.name] = i }
        return d
    }()

    /// Index of project_id, ts and date, which the scan derives.
    package static let projectIndex = 0, tsIndex = 1, dateIndex = 2
}
