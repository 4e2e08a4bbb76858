import TallySystem
import TallyFormat
import TallyStore

/// A group key's value in a result row.
package enum KeyValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Null.
    case null
    /// A string dimension's value.
    case string(String)
    /// An integer dimension's value.
    case int(Int64)
    /// A calendar day (days since 1970-01-01), for `date` and day/week/month buckets.
    case date(Int32)
    /// A local wall-clock instant (ms since 1970-01-01T00:00 local), for hour buckets.
    case localTime(Int64)

    private var rank: Int {
        switch self {
        case .string: return 0
        case .int: return 1
        case .date: return 2
        case .localTime: return 3
        case .null: return 4
        }
    }

    /// Ascending order, strings by UTF-8 bytes, null last.
    package static func < (a: KeyValue, b: KeyValue) -> Bool {
        switch (a, b) {
        case let (.string(x), .string(y)):
            return StringDictionary.compareUTF8(x, y) < 0
        case let (.int(x), .int(y)): return x < y
        case let (.date(x), .date(y)): return x < y
        case let (.localTime(x), .localTime(y)): return x < y
        default: return a.rank < b.rank
        }
    }

    /// The string, if this is a string value.
    package var string: String? { if case let .string(s) = self { return s } else { return nil } }

    package var description: String {
        switch self {
        case .null: return "NULL"
        case let .string(s): return s
        case let .int(v): return String(v)
        case let .date(d): return "date(\(d))"
        case let .localTime(t): return "local(\(t))"
        }
    }
}

/// An aggregate's value in a result row (see `Aggregate` for which case each gives).
package enum AggregateValue: Sendable, Hashable, CustomStringConvertible {
    /// No value (an aggregate over nothing).
    case null
    /// An integer (counts, min/max of integers).
    case int(Int64)
    /// An exact wide integer (sums of cost in nano-USD and of durations).
    case exact(Int128)
    /// A floating-point value.
    case double(Double)

    /// The value as an Int128 (nil for null and doubles).
    package var exactValue: Int128? {
        switch self {
        case let .int(v): return Int128(v)
        case let .exact(v): return v
        default: return nil
        }
    }

    /// The value as a Double (nil for null).
    package var doubleValue: Double? {
        switch self {
        case .null: return nil
        case let .int(v): return Double(v)
        case let .exact(v): return Double(v)
        case let .double(v): return v
        }
    }

    /// Orders two values of one column: nulls last, then numerically.
    static func ascending(_ a: AggregateValue, _ b: AggregateValue) -> Bool? {
        switch (a, b) {
        case (.null, .null): return nil
        case (.null, _): return false
        case (_, .null): return true
        case let (.int(x), .int(y)): return x == y ? nil : x < y
        case let (.exact(x), .exact(y)): return x == y ? nil : x < y
        default:
            let x = a.doubleValue!, y = b.doubleValue!
            return x == y ? nil : x < y
        }
    }

    package var description: String {
        switch self {
        case .null: return "NULL"
        case let .int(v): return String(v)
        case let .exact(v): return String(v)
        case let .double(v): return String(v)
        }
    }
}

/// One group of a result.
package struct ResultRow: Sendable, Hashable {
    /// The group's key values, in `AggregateQuery.groupBy` order.
    package var keys: [KeyValue]
    /// The aggregate values, in `AggregateQuery.aggregates` order.
    package var values: [AggregateValue]

    /// Creates a row.
    package init(keys: [KeyValue], values: [AggregateValue]) {
        self.keys = keys
        self.values = values
    }
}

/// How a query was answered, for tests, `EXPLAIN` and benchmarks.
package struct ExecutionStats: Sendable, Hashable {
    /// Parts answered from raw columns.
    package var rawParts = 0
    /// Parts answered from a rollup (hourly or run).
    package var rollupParts = 0
    /// Of `rollupParts`, those answered from their run rollups.
    package var runRollupParts = 0
    /// Parts whose raw scan read only the row ranges of matching runs (found through
    /// their run rollups) instead of every row.
    package var runIndexedParts = 0
    /// Row groups skipped by chunk statistics.
    package var skippedRowGroups = 0
    /// Rows decoded and filtered.
    package var scannedRows = 0
    /// Worker threads used.
    package var workers = 1

    /// Creates empty statistics.
    package init() {}
}

/// The answer to an `AggregateQuery`.
package struct QueryResult: Sendable {
    /// The query's group keys.
    package var groupBy: [GroupKey]
    /// The query's aggregates.
    package var aggregates: [Aggregate]
    /// The groups, ordered and limited as asked.
    package var rows: [ResultRow]
    /// How it was computed.
    package var stats: ExecutionStats
}
