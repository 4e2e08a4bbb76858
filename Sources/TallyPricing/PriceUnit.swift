import TallySystem
import TallyFormat
/// The quantity a rate row's price is quoted for, and how a record's quantity converts to it.
///
/// Records measure in base units (tokens, seconds, bytes); providers quote per million tokens,
/// per hour, per second or per GB-month. The conversion is a fixed exact divisor, so a cost is
/// `quantity / divisor × price`, computed exactly.
public enum PriceUnit: String, Sendable, Hashable, CaseIterable, Codable {
    /// USD per 1,000,000 tokens; the record's quantity is a token count.
    case per1MTokens = "per_1M_tokens"
    /// USD per hour; the record's quantity is in seconds (e.g. `sandbox_seconds`).
    case perHour = "per_hour"
    /// USD per second; the record's quantity is in seconds.
    case perSecond = "per_second"
    /// USD per GB-month (decimal GB, 10^9 bytes); the record's quantity is in byte-months,
    /// i.e. a `db_bytes` row states the bytes held for one billing month.
    case perGBMonth = "per_gb_month"

    /// How many base units of a record's quantity make one priced unit.
    public var baseUnitsPerPricedUnit: Int64 {
        switch self {
        case .per1MTokens: 1_000_000
        case .perHour: 3_600
        case .perSecond: 1
        case .perGBMonth: 1_000_000_000
        }
    }
}
