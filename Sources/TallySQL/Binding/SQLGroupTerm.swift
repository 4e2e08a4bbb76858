import TallySystem
import TallyFormat
import TallyStore
import TallyExecution
import TallyPricing

/// A GROUP BY key after binding: what the engine groups by, and how its values read in SQL.
enum SQLGroupTerm: Sendable, Hashable {
    /// A dimension column's value.
    case dimension(UsageDimension)
    /// The `date` column.
    case date
    /// `date_trunc(bucket, ts)`: the bucket's start as a UTC timestamp.
    case bucket(TimeBucket)

    /// The engine's key.
    var groupKey: GroupKey {
        switch self {
        case .dimension(let d): return .dimension(d)
        case .date: return .date
        case .bucket(let b): return .time(b)
        }
    }

    /// The SQL type of the key's values.
    var type: ResultType {
        switch self {
        case .dimension(let d): return d.isString ? .varchar : .bigint
        case .date: return .date
        case .bucket: return .timestamp
        }
    }

    /// An engine key value as SQL sees it.
    func value(_ key: KeyValue) -> SQLValue {
        switch key {
        case .null: return .null
        case .string(let s): return .string(s)
        case .int(let v): return .int(Int128(v))
        case .date(let d):
            if case .bucket = self { return .timestamp(Int64(d) * 86_400_000) }
            return .date(d)
        case .localTime(let ms): return .timestamp(ms)
        }
    }
}
