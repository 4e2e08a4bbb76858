import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing
/// The type of a result column, named as DuckDB names its types.
public enum ResultType: String, Sendable, Hashable {
    /// Text.
    case varchar = "VARCHAR"
    /// A 64-bit integer (counts, integer columns).
    case bigint = "BIGINT"
    /// A 128-bit integer (exact sums of integers).
    case hugeint = "HUGEINT"
    /// A double.
    case double = "DOUBLE"
    /// Exact money with 9 fractional digits (`cost_usd`).
    case money = "DECIMAL(38,9)"
    /// A calendar day.
    case date = "DATE"
    /// An instant (UTC).
    case timestamp = "TIMESTAMP"
    /// A truth value.
    case boolean = "BOOLEAN"
    /// The type of a bare NULL.
    case null = "NULL"

    /// Whether values are numbers (right-aligned in tables).
    public var isNumeric: Bool {
        switch self {
        case .bigint, .hugeint, .double, .money: return true
        default: return false
        }
    }
}
