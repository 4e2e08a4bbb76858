#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TallyFormat

/// One value of the engine: a constant, a group key, an aggregate's result, a cell of a
/// sorted row. Integers of every width and decimals are `Int128`s (a decimal is its
/// scaled integer; its scale is in the type), so arithmetic on them is exact and checked.
package enum ScalarValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// BOOLEAN.
    case bool(Bool)
    /// INTEGER, BIGINT, HUGEINT, or a DECIMAL's scaled integer.
    case int(Int128)
    /// DOUBLE.
    case double(Double)
    /// VARCHAR.
    case string(String)
    /// DATE: days since 1970-01-01.
    case date(Int32)
    /// TIMESTAMP: microseconds since the epoch.
    case timestamp(Int64)
    /// INTERVAL.
    case interval(Interval)
    /// A LIST's elements (NULL elements as `.null`).
    case list([ScalarValue])
    /// A STRUCT's field values, in the type's field order.
    case structure([ScalarValue])

    /// Whether this is NULL.
    package var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value as a Double, given its type (decimals divided by their scale).
    package func asDouble(_ type: LogicalType) -> Double? {
        switch self {
        case .int(let v):
            let s = type.scale
            return s == 0 ? v.nearestDouble : ScalarValue.decimalToDouble(v, scale: s)
        case .double(let d): return d
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    /// A scaled integer as the nearest Double (exact division, not a multiplication by 1e-s).
    static func decimalToDouble(_ v: Int128, scale: Int) -> Double {
        // In Int64 where it fits: Int128's conversions to Double are generic code, a
        // hundred times slower (the same arithmetic, so the same result).
        if v >= -0x7FFF_FFFF_FFFF_FFFF && v <= 0x7FFF_FFFF_FFFF_FFFF, scale <= 18 {
            let x = Int64(truncatingIfNeeded: v), p = Int64(LogicalType.powerOfTen(scale))
            return Double(x / p) + Double(x % p) / Double(p)
        }
        let p = LogicalType.powerOfTen(scale)
        let whole = v / p, frac = v % p
        return Double(whole) + Double(frac) / Double(p)
    }

    /// The cell as the result layer carries it.
    package func resultValue(_ type: LogicalType) -> SQLValue {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let v):
            if case .decimal(_, let s) = type {
                // The result layer holds decimals as nanos in 128 bits. A value that does not
                // fit there once scaled to 9 places (a DECIMAL(38,3) past 1.7e29; it trapped,
                // found by fuzzing) is given as the nearest double, like decimals with more
                // than 9 places.
                if s <= 9 {
                    let (nanos, overflow) = v.multipliedReportingOverflow(by: LogicalType.powerOfTen(9 - s))
                    if !overflow { return .money(nanos) }
                }
                return .double(ScalarValue.decimalToDouble(v, scale: s))
            }
            return .int(v)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .date(let d): return .date(d)
        case .timestamp(let us): return .timestamp(us >= 0 ? us / 1000 : (us - 999) / 1000)
        case .interval(let i): return .string(i.description)
        case .list, .structure: return .string(Cast.text(self, type))  // as DuckDB prints them
        }
    }
}

/// Total order on values of one type for ORDER BY, MIN/MAX and sorting keys: NULL is
/// handled by the caller; numbers compare numerically, text by bytes (as DuckDB's
/// default collation), booleans false < true.
extension ScalarValue {
    /// -1, 0 or 1. Both values must be non-null and of the same logical type.
    package static func compare(_ a: ScalarValue, _ b: ScalarValue) -> Int {
        switch (a, b) {
        case let (.int(x), .int(y)): return x < y ? -1 : (x > y ? 1 : 0)
        case let (.double(x), .double(y)):
            // DuckDB orders NaN above every other double.
            if x.isNaN || y.isNaN { return x.isNaN ? (y.isNaN ? 0 : 1) : -1 }
            return x < y ? -1 : (x > y ? 1 : 0)
        case let (.string(x), .string(y)): return compareBytes(x, y)
        case let (.date(x), .date(y)): return x < y ? -1 : (x > y ? 1 : 0)
        case let (.timestamp(x), .timestamp(y)): return x < y ? -1 : (x > y ? 1 : 0)
        case let (.bool(x), .bool(y)): return x == y ? 0 : (x ? 1 : -1)
        case let (.interval(x), .interval(y)): return x < y ? -1 : (x == y ? 0 : 1)
        case let (.list(x), .list(y)), let (.structure(x), .structure(y)):
            // Element by element (a NULL element after every value), then by length.
            for (p, q) in zip(x, y) {
                let c = compare(p, q)
                if c != 0 { return c }
            }
            return x.count < y.count ? -1 : (x.count > y.count ? 1 : 0)
        case (.null, .null): return 0
        case (.null, _): return 1
        case (_, .null): return -1
        default:
            // Mixed kinds only meet after a bug in binding; order them by kind so sorting stays total.
            return a.kindRank < b.kindRank ? -1 : (a.kindRank > b.kindRank ? 1 : 0)
        }
    }

    var kindRank: Int {
        switch self {
        case .null: return 9
        case .bool: return 0
        case .int: return 1
        case .double: return 2
        case .string: return 3
        case .date: return 4
        case .timestamp: return 5
        case .interval: return 6
        case .list: return 7
        case .structure: return 8
        }
    }

    /// Byte-wise comparison of UTF-8 text (DuckDB's binary collation).
    ///
    /// Not Swift's `==`, which equates canonically equivalent text of other bytes
    /// ("é" precomposed and "e" with a combining accent): DuckDB tells them apart.
    package static func compareBytes(_ x: String, _ y: String) -> Int {
        var a = x, b = y
        return a.withUTF8 { pa in b.withUTF8 { pb in compareBytes(pa, pb) } }
    }

    /// Byte-wise comparison of two UTF-8 buffers: -1, 0 or 1.
    @inline(__always)
    package static func compareBytes(_ pa: UnsafeBufferPointer<UInt8>, _ pb: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(pa.count, pb.count)
        if n > 0 {
            let c = memcmp(pa.baseAddress!, pb.baseAddress!, n)
            if c != 0 { return c < 0 ? -1 : 1 }
        }
        return pa.count < pb.count ? -1 : (pa.count > pb.count ? 1 : 0)
    }
}

/// Equality and hashing as SQL compares values: text by its UTF-8 bytes (`ExactText`),
/// not as Swift's `String` (which equates canonically equivalent text of other bytes), so
/// that GROUP BY, DISTINCT, IN lists and joins keep "é" and "e" + U+0301 apart, as DuckDB
/// does; every other case as its payload's own `==`.
extension ScalarValue {
    package static func == (a: ScalarValue, b: ScalarValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.double(x), .double(y)): return x == y
        case let (.string(x), .string(y)): return ExactText.sameBytes(x, y)
        case let (.date(x), .date(y)): return x == y
        case let (.timestamp(x), .timestamp(y)): return x == y
        case let (.interval(x), .interval(y)): return x == y
        case let (.list(x), .list(y)): return x == y
        case let (.structure(x), .structure(y)): return x == y
        default: return false
        }
    }

    package func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0 as UInt8)
        case .bool(let x): hasher.combine(1 as UInt8); hasher.combine(x)
        case .int(let x): hasher.combine(2 as UInt8); hasher.combine(x)
        case .double(let x): hasher.combine(3 as UInt8); hasher.combine(x)
        case .string(let x): hasher.combine(4 as UInt8); hasher.combine(ExactText(x))
        case .date(let x): hasher.combine(5 as UInt8); hasher.combine(x)
        case .timestamp(let x): hasher.combine(6 as UInt8); hasher.combine(x)
        case .interval(let x): hasher.combine(7 as UInt8); hasher.combine(x)
        case .list(let x): hasher.combine(8 as UInt8); hasher.combine(x)
        case .structure(let x): hasher.combine(9 as UInt8); hasher.combine(x)
        }
    }
}
