import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing

/// A column of the `usage` table as SQL sees it (see usage-schema.md).
package enum SQLSchemaColumn: Sendable, Hashable {
    /// `ts`: milliseconds since the epoch, UTC.
    case ts
    /// `date`: the UTC day of ts.
    case date
    /// `quantity`.
    case quantity
    /// `cost_usd`: exact nano-USD.
    case cost
    /// Any column the engine can group and filter on by value.
    case dimension(UsageDimension)

    /// The columns in schema order (the hidden `cost_source` is queryable but not listed).
    package static let schemaOrder: [SQLSchemaColumn] = [
        .dimension(.projectId), .ts, .date, .dimension(.service), .dimension(.unit), .quantity, .cost,
        .dimension(.runId), .dimension(.sandboxId), .dimension(.chainId), .dimension(.issueSessionId),
        .dimension(.toolId), .dimension(.modelId), .dimension(.stepType), .dimension(.stepIndex),
        .dimension(.userId), .dimension(.personaId), .dimension(.durationMs), .dimension(.captureSource),
        .dimension(.parserVersion), .dimension(.requestId),
    ]

    /// The column called `name` (lower case), if any.
    package init?(name: String) {
        switch name {
        case "ts": self = .ts
        case "date": self = .date
        case "quantity": self = .quantity
        case "cost_usd": self = .cost
        default:
            guard let d = UsageDimension(name: name) else { return nil }
            self = .dimension(d)
        }
    }

    /// The schema name.
    package var name: String {
        switch self {
        case .ts: return "ts"
        case .date: return "date"
        case .quantity: return "quantity"
        case .cost: return "cost_usd"
        case .dimension(let d): return d.name
        }
    }

    /// The SQL type of the column's values.
    package var type: ResultType {
        switch self {
        case .ts: return .timestamp
        case .date: return .date
        case .quantity: return .double
        case .cost: return .money
        case .dimension(let d): return d.isString ? .varchar : .bigint
        }
    }

    /// Whether the column may hold NULL.
    package var isNullable: Bool {
        switch self {
        case .ts, .date, .quantity, .cost: return false
        case .dimension(let d):
            switch d {
            case .projectId, .service, .unit, .costSource: return false
            default: return true
            }
        }
    }

    /// The measure the engine aggregates for this column, if it is numeric.
    var measure: Measure? {
        switch self {
        case .quantity: return .quantity
        case .cost: return .cost
        case .dimension(.durationMs): return .durationMs
        default: return nil
        }
    }
}
