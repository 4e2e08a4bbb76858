/// Rows of one partition (one project, one UTC month) held column by column in memory
/// until they are written as a part.
///
/// Strings are interned per column as they arrive; because most columns repeat from
/// one row to the next, the previous row's value is checked first, which makes an
/// append a few comparisons instead of a hash lookup per column.
public struct RowBuffer: Sendable {
    /// The project every row belongs to.
    public let projectId: String
    /// The month (year * 12 + month - 1) every row falls in.
    public let monthKey: Int32
    /// Rows held.
    public private(set) var count = 0

    var ts: [Int64] = []
    var quantity: [Double] = []
    var cost: [Int64] = []
    var costSource: [Int64] = []
    var stepIndex = NullableIntBuilder()
    var durationMs = NullableIntBuilder()
    var parserVersion = NullableIntBuilder()
    /// One builder per string column, indexed by `Column.rawValue`.
    var strings: [StringColumnBuilder]

    /// Creates an empty buffer for a partition.
    public init(projectId: String, monthKey: Int32) {
        self.projectId = projectId
        self.monthKey = monthKey
        strings = [StringColumnBuilder](repeating: StringColumnBuilder(), count: PartFooter.columnSlots)
    }

    /// Appends a record that has already been validated and priced.
    public mutating func append(_ r: borrowing UsageRecord) {
        ts.append(r.ts)
        quantity.append(r.quantity)
        cost.append(r.costNanos ?? 0)
        costSource.append(Int64(r.costSource.rawValue))
        stepIndex.append(r.stepIndex.map(Int64.init))
        durationMs.append(r.durationMs)
        parserVersion.append(r.parserVersion.map(Int64.init))
        // No closure here: capturing the borrowed record in one would copy it (a dozen
        // strings retained and released per row).
        strings[Int(Column.service.rawValue)].append(r.service)
        strings[Int(Column.unit.rawValue)].append(r.unit)
        strings[Int(Column.runId.rawValue)].append(r.runId)
        strings[Int(Column.sandboxId.rawValue)].append(r.sandboxId)
        strings[Int(Column.chainId.rawValue)].append(r.chainId)
        strings[Int(Column.issueSessionId.rawValue)].append(r.issueSessionId)
        strings[Int(Column.toolId.rawValue)].append(r.toolId)
        strings[Int(Column.modelId.rawValue)].append(r.modelId)
        strings[Int(Column.stepType.rawValue)].append(r.stepType)
        strings[Int(Column.userId.rawValue)].append(r.userId)
        strings[Int(Column.personaId.rawValue)].append(r.personaId)
        strings[Int(Column.captureSource.rawValue)].append(r.captureSource)
        count += 1
    }

    /// The record at `row`, for merges and tests.
    public func record(at row: Int) -> UsageRecord {
        var r = UsageRecord(
            projectId: projectId, ts: ts[row], service: "", unit: "", quantity: quantity[row],
            costNanos: cost[row], costSource: CostSource(rawValue: UInt8(costSource[row])) ?? .given)
        for c in Column.stringColumns {
            c.setString(strings[Int(c.rawValue)].value(at: row), in: &r)
        }
        r.stepIndex = stepIndex.value(at: row).map { Int32(truncatingIfNeeded: $0) }
        r.durationMs = durationMs.value(at: row)
        r.parserVersion = parserVersion.value(at: row).map { Int32(truncatingIfNeeded: $0) }
        return r
    }
}

/// Interns the strings of one column: codes per row (0 = null) and the distinct values.
///
/// The last few distinct values are remembered in a small most-recently-used list:
/// columns such as `unit` cycle through a handful of values inside a step, and an
/// equality check against an identical String is far cheaper than hashing it.
struct StringColumnBuilder: Sendable {
    var codes: [UInt32] = []
    var values: [String] = []
    var index: [String: UInt32] = [:]
    var recent: (String, String, String, String) = ("", "", "", "")
    var recentCodes: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
    /// The raw representation of `recent.0`: two strings with the same 16 bytes are the
    /// same string (the same small inline string, or the same heap buffer), so the
    /// common case needs neither a comparison call nor reference counting.
    var lastBits: StringBits = StringBits()

    @inline(__always)
    mutating func append(_ value: borrowing String?) {
        switch value {
        case .none:
            codes.append(0)
        case .some(let s):
            let bits = StringBits(s)
            if recentCodes.0 != 0 && bits == lastBits { codes.append(recentCodes.0); return }
            if recentCodes.0 != 0 && recent.0 == s { codes.append(recentCodes.0); lastBits = bits; return }
            if recentCodes.1 != 0 && recent.1 == s { codes.append(recentCodes.1); promote(1); lastBits = bits; return }
            if recentCodes.2 != 0 && recent.2 == s { codes.append(recentCodes.2); promote(2); lastBits = bits; return }
            if recentCodes.3 != 0 && recent.3 == s { codes.append(recentCodes.3); promote(3); lastBits = bits; return }
            intern(s)
            lastBits = bits
        }
    }

    /// Moves entry `i` of the recent list to the front.
    @inline(__always)
    mutating func promote(_ i: Int) {
        switch i {
        case 1:
            swap(&recent.0, &recent.1); swap(&recentCodes.0, &recentCodes.1)
        case 2:
            let (s, c) = (recent.2, recentCodes.2)
            recent.2 = recent.1; recentCodes.2 = recentCodes.1
            recent.1 = recent.0; recentCodes.1 = recentCodes.0
            recent.0 = s; recentCodes.0 = c
        default:
            let (s, c) = (recent.3, recentCodes.3)
            recent.3 = recent.2; recentCodes.3 = recentCodes.2
            recent.2 = recent.1; recentCodes.2 = recentCodes.1
            recent.1 = recent.0; recentCodes.1 = recentCodes.0
            recent.0 = s; recentCodes.0 = c
        }
    }

    @inline(never)
    mutating func intern(_ s: String) {
        let code: UInt32
        if let existing = index[s] {
            code = existing
        } else {
            values.append(s)
            code = UInt32(values.count)
            index[s] = code
        }
        recent.3 = recent.2; recentCodes.3 = recentCodes.2
        recent.2 = recent.1; recentCodes.2 = recentCodes.1
        recent.1 = recent.0; recentCodes.1 = recentCodes.0
        recent.0 = s; recentCodes.0 = code
        codes.append(code)
    }

    func value(at row: Int) -> String? {
        let c = codes[row]
        return c == 0 ? nil : values[Int(c) - 1]
    }
}

/// Values of a nullable integer column: the value (0 when null) and a validity flag.
struct NullableIntBuilder: Sendable {
    var values: [Int64] = []
    var valid: [Bool] = []
    var nullCount = 0

    @inline(__always)
    mutating func append(_ v: Int64?) {
        values.append(v ?? 0)
        valid.append(v != nil)
        if v == nil { nullCount += 1 }
    }

    func value(at row: Int) -> Int64? { valid[row] ? values[row] : nil }
}

/// The 16 bytes of a `String` value, compared without touching its storage. Equal bits
/// imply equal strings (not the converse), which is all a fast path needs.
struct StringBits: Equatable, Sendable {
    var a: UInt64 = 0
    var b: UInt64 = 0

    init() {}

    @inline(__always)
    init(_ s: borrowing String) {
        (a, b) = withUnsafeBytes(of: s) { raw in
            (raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
    }
}
