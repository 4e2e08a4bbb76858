import TallySystem
import TallyFormat

/// The Parquet schema of a usage record: the columns of `usage-schema.md`, named and
/// ordered as in Tally's CSV, plus `cost_source`, so an export and import is lossless.
///
/// | column | physical | logical | nulls | encoding |
/// |---|---|---|---|---|
/// | project_id | BYTE_ARRAY | STRING | no | dictionary |
/// | ts | INT64 | TIMESTAMP(MILLIS, UTC) | no | PLAIN |
/// | date | INT32 | DATE | no | dictionary |
/// | service, unit | BYTE_ARRAY | STRING | no | dictionary |
/// | quantity | DOUBLE | | no | PLAIN |
/// | cost_usd | INT64 | DECIMAL(18, 9): the unscaled value is nano-USD | yes | PLAIN |
/// | run_id ... persona_id, capture_source | BYTE_ARRAY | STRING | yes | dictionary |
/// | step_index, parser_version | INT32 | | yes | dictionary |
/// | duration_ms | INT64 | | yes | PLAIN |
/// | cost_source | BYTE_ARRAY | STRING: given, rate_card, unpriced | no | dictionary |
///
/// A null `cost_usd` means "price it from the rate card" (as an empty CSV field does).
/// Dictionaries that outgrow 1 MiB in a row group fall back to PLAIN.
package enum UsageParquetSchema {
    /// Converted types written beside logical types, for older readers.
    static let utf8: Int32 = 0, decimal: Int32 = 5, date: Int32 = 6, timestampMillis: Int32 = 9

    /// Largest |cost| DECIMAL(18, 9) can hold, in nano-USD (18 nines).
    package static let maxCostNanos: Int64 = 999_999_999_999_999_999

    /// The columns, in file order.
    package static let columns: [ParquetColumnSpec] = {
        func text(_ name: String, _ rep: ParquetRepetition) -> ParquetColumnSpec {
            ParquetColumnSpec(name: name, physicalType: .byteArray, repetition: rep, logicalType: .string, convertedType: utf8, dictionary: true)
        }
        return [
            text("project_id", .required),
            ParquetColumnSpec(name: "ts", physicalType: .int64, repetition: .required,
                              logicalType: .timestamp(isAdjustedToUTC: true, unit: .millis), convertedType: timestampMillis),
            ParquetColumnSpec(name: "date", physicalType: .int32, repetition: .required, logicalType: .date, convertedType: date, dictionary: true),
            text("service", .required),
            text("unit", .required),
            ParquetColumnSpec(name: "quantity", physicalType: .double, repetition: .required),
            ParquetColumnSpec(name: "cost_usd", physicalType: .int64, repetition: .optional,
                              logicalType: .decimal(scale: 9, precision: 18), convertedType: decimal),
            text("run_id", .optional), text("sandbox_id", .optional), text("chain_id", .optional),
            text("issue_session_id", .optional), text("tool_id", .optional), text("model_id", .optional),
            text("step_type", .optional),
            ParquetColumnSpec(name: "step_index", physicalType: .int32, repetition: .optional, dictionary: true),
            text("user_id", .optional), text("persona_id", .optional),
            ParquetColumnSpec(name: "duration_ms", physicalType: .int64, repetition: .optional),
            text("capture_source", .optional),
            ParquetColumnSpec(name: "parser_version", physicalType: .int32, repetition: .optional, dictionary: true),
            text("cost_source", .required),
        ]
    }()

    /// The `cost_source` text of a cost source.
    package static func name(of source: CostSource) -> String {
        switch source {
        case .given: return "given"
        case .rateCard: return "rate_card"
        case .unpriced: return "unpriced"
        }
    }

    /// The cost source named by `cost_source` text.
    package static func costSource(named name: String) -> CostSource? {
        switch name {
        case "given": return .given
        case "rate_card": return .rateCard
        case "unpriced": return .unpriced
        default: return nil
        }
    }
}
