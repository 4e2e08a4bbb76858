/// The type of a value in Tally's SQL engine, named and behaving as DuckDB's types do for
/// the usage table.
///
/// Physical layout (see `ColumnVector`): BOOLEAN in `[Bool]`; INTEGER, BIGINT, DATE (days
/// since 1970-01-01), TIMESTAMP (microseconds since the epoch, as DuckDB counts) and
/// DECIMAL of width at most 18 (the scaled integer) in `[Int64]`; HUGEINT and wider
/// DECIMALs in `[Int128]`; DOUBLE in `[Double]`; VARCHAR in `[String]`; INTERVAL in
/// `[Interval]`.
package enum LogicalType: Sendable, Hashable, CustomStringConvertible {
    /// The type of a bare NULL before anything gives it another.
    case null
    /// TRUE / FALSE.
    case boolean
    /// 32-bit integer (`step_index`, `parser_version`, small literals).
    case integer
    /// 64-bit integer (`duration_ms`, counts).
    case bigint
    /// 128-bit integer (sums of integers).
    case hugeint
    /// IEEE double (`quantity`, averages).
    case double
    /// Exact decimal: `width` digits of which `scale` follow the point (`cost_usd` is (18, 9)).
    case decimal(width: Int, scale: Int)
    /// Text.
    case varchar
    /// A calendar day.
    case date
    /// An instant without zone, microseconds since 1970-01-01 00:00:00.
    case timestamp
    /// TIMESTAMP WITH TIME ZONE: an instant, microseconds since 1970-01-01 00:00:00 UTC,
    /// shown and taken apart in the session's time zone (`SET TimeZone`). Held as
    /// TIMESTAMP is; only casts, calendar functions and printing differ.
    case timestamptz
    /// A span of months, days and microseconds.
    case interval
    /// A list of values of one type (`list(x)`, `[a, b]`), DuckDB's `T[]`.
    indirect case list(LogicalType)
    /// A struct: named fields (`{'k': v}`), or unnamed ones for a row value `(a, b)`
    /// (empty names), each of its own type.
    indirect case structure(names: [String], types: [LogicalType])

    /// DuckDB's spelling.
    package var description: String {
        switch self {
        case .null: return "NULL"
        case .boolean: return "BOOLEAN"
        case .integer: return "INTEGER"
        case .bigint: return "BIGINT"
        case .hugeint: return "HUGEINT"
        case .double: return "DOUBLE"
        case .decimal(let w, let s): return "DECIMAL(\(w),\(s))"
        case .varchar: return "VARCHAR"
        case .date: return "DATE"
        case .timestamp: return "TIMESTAMP"
        case .timestamptz: return "TIMESTAMP WITH TIME ZONE"
        case .interval: return "INTERVAL"
        case .list(let t): return "\(t)[]"
        case .structure(let names, let types):
            return "STRUCT(" + zip(names, types).map { $0.isEmpty ? "\($1)" : "\($0) \($1)" }.joined(separator: ", ") + ")"
        }
    }

    /// Whether values are lists or structs (held as scalars, not in flat arrays).
    package var isNested: Bool {
        switch self {
        case .list, .structure: return true
        default: return false
        }
    }

    /// A list's element type (nil for other types).
    package var listElement: LogicalType? {
        if case .list(let t) = self { return t }
        return nil
    }

    /// Whether values are integers (INTEGER, BIGINT, HUGEINT).
    package var isInteger: Bool {
        switch self {
        case .integer, .bigint, .hugeint: return true
        default: return false
        }
    }

    /// Whether values are numbers of any kind.
    package var isNumeric: Bool {
        switch self {
        case .integer, .bigint, .hugeint, .double, .decimal: return true
        default: return false
        }
    }

    /// Whether the vector of this type holds `Int64`s.
    package var isInt64Backed: Bool {
        switch self {
        case .integer, .bigint, .date, .timestamp, .timestamptz: return true
        case .decimal(let w, _): return w <= 18
        default: return false
        }
    }

    /// Whether the vector of this type holds `Int128`s.
    package var isInt128Backed: Bool {
        switch self {
        case .hugeint: return true
        case .decimal(let w, _): return w > 18
        default: return false
        }
    }

    /// The decimal scale (0 for integers).
    package var scale: Int {
        if case .decimal(_, let s) = self { return s }
        return 0
    }

    /// The decimal width of an integer or decimal type (digits it can hold).
    package var decimalWidth: Int {
        switch self {
        case .integer: return 10
        case .bigint: return 19
        case .hugeint: return 38
        case .decimal(let w, _): return w
        default: return 38
        }
    }

    /// The range of values the integer types hold, for overflow checks.
    package var integerRange: ClosedRange<Int128> {
        switch self {
        case .integer: return Int128(Int32.min)...Int128(Int32.max)
        case .bigint: return Int128(Int64.min)...Int128(Int64.max)
        case .decimal(let w, _):
            let limit = LogicalType.powerOfTen(w) - 1
            return (0 - limit)...limit
        default: return Int128.min...Int128.max
        }
    }

    /// 10^n for n in 0...38.
    package static func powerOfTen(_ n: Int) -> Int128 {
        var p: Int128 = 1
        for _ in 0..<max(0, min(n, 38)) { p *= 10 }
        return p
    }

    /// The type the result column is reported as.
    package var resultType: ResultType {
        switch self {
        case .null: return .null
        case .boolean: return .boolean
        case .integer, .bigint: return .bigint
        case .hugeint: return .hugeint
        case .double: return .double
        case .decimal(_, let s): return s <= 9 ? .money : .double
        // An instant with a zone is printed in the session's zone, with its offset, as text.
        case .varchar, .interval, .list, .structure, .timestamptz: return .varchar
        case .date: return .date
        case .timestamp: return .timestamp
        }
    }
}
