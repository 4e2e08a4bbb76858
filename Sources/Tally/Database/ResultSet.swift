/// The rows of a query, with named, typed columns.
///
/// Rows read by position or by column name; money stays exact (nano-USD):
///
/// ```swift
/// let result = try db.query("SELECT service, sum(cost_usd) AS cost FROM usage GROUP BY 1")
/// for row in result {
///     print(row["service"]?.string ?? "-", row["cost"]?.nanos ?? 0)
/// }
/// ```
public struct ResultSet: Sendable, Hashable, RandomAccessCollection {
    /// One column: its name and type.
    public typealias Column = ResultColumn

    /// The columns, in select-list order.
    public let columns: [Column]
    /// The values of every row, one per column.
    public let rows: [[ResultValue]]
    /// Each column's position by name (the first of equal names).
    private let positions: [String: Int]

    /// A result of `columns` and `rows` (each row one value per column).
    public init(columns: [Column], rows: [[ResultValue]]) {
        self.columns = columns
        self.rows = rows
        var positions = [String: Int]()
        for (i, c) in columns.enumerated() where positions[c.name] == nil { positions[c.name] = i }
        self.positions = positions
    }

    /// The position of the column named `name`, if there is one.
    public func columnIndex(named name: String) -> Int? { positions[name] }

    /// The first index.
    public var startIndex: Int { 0 }
    /// One past the last row.
    public var endIndex: Int { rows.count }
    /// The row at `position`.
    public subscript(position: Int) -> Row { Row(values: rows[position], positions: positions) }

    /// One row of a result.
    public struct Row: Sendable, Hashable {
        /// The values, in column order.
        public let values: [ResultValue]
        let positions: [String: Int]

        /// The value of column `index`.
        public subscript(index: Int) -> ResultValue { values[index] }
        /// The value of the column named `name`, or nil when the result has no such column.
        public subscript(name: String) -> ResultValue? { positions[name].map { values[$0] } }
    }
}

/// One value of a result.
public enum ResultValue: Sendable, Hashable, CustomStringConvertible {
    /// SQL NULL.
    case null
    /// A boolean.
    case bool(Bool)
    /// An exact integer.
    case integer(Int128)
    /// Exact money in nano-USD (10^-9 USD).
    case money(nanos: Int128)
    /// A double.
    case double(Double)
    /// Text.
    case string(String)
    /// A UTC calendar day, as days since 1970-01-01.
    case date(day: Int32)
    /// An instant, in milliseconds since 1970-01-01 UTC.
    case timestamp(milliseconds: Int64)

    /// Whether this is NULL.
    public var isNull: Bool { self == .null }
    /// Text, for a string value.
    public var string: String? { if case let .string(s) = self { return s } else { return nil } }
    /// The value as an integer, for integers (nil when it does not fit Int64).
    public var int64: Int64? { if case let .integer(v) = self { return Int64(exactly: v) } else { return nil } }
    /// Nano-USD, for money.
    public var nanos: Int128? { if case let .money(v) = self { return v } else { return nil } }
    /// The value as a double, for any number (money in USD).
    public var double: Double? {
        switch self {
        case let .integer(v): return Double(v)
        case let .money(v): return Double(v) / 1e9
        case let .double(v): return v
        default: return nil
        }
    }

    /// The value as the REPL prints it (money with nine decimals, dates ISO 8601).
    public var description: String { self == .null ? "NULL" : sqlValue.plainText }
}

extension ResultValue {
    /// The SQL layer's value as a result value.
    init(_ v: SQLValue) {
        switch v {
        case .null: self = .null
        case let .bool(b): self = .bool(b)
        case let .int(i): self = .integer(i)
        case let .money(m): self = .money(nanos: m)
        case let .double(d): self = .double(d)
        case let .string(s): self = .string(s)
        case let .date(d): self = .date(day: d)
        case let .timestamp(t): self = .timestamp(milliseconds: t)
        }
    }

    /// This value in the SQL layer's terms.
    var sqlValue: SQLValue {
        switch self {
        case .null: return .null
        case let .bool(b): return .bool(b)
        case let .integer(i): return .int(i)
        case let .money(m): return .money(m)
        case let .double(d): return .double(d)
        case let .string(s): return .string(s)
        case let .date(d): return .date(d)
        case let .timestamp(t): return .timestamp(t)
        }
    }
}

extension ResultSet {
    /// A SQL result table as a result set.
    init(_ table: SQLResultTable) {
        self.init(
            columns: table.columns,
            rows: table.rows.map { $0.map(ResultValue.init) })
    }
}
