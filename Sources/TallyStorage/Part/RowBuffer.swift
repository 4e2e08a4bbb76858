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
        withUnsafePointer(to: r) { append($0, count: 1) }
    }

    /// Appends `n` consecutive records that have already been validated and priced, one
    /// column at a time.
    ///
    /// Strings are read through their raw bits first (see `StringBits`): a value whose
    /// bits equal the previous row's is the same string, so the common case neither
    /// retains the string nor compares its bytes.
    mutating func append(_ records: UnsafePointer<UsageRecord>, count n: Int) {
        guard n > 0 else { return }
        ts.appendGathered(n) { records[$0].ts }
        quantity.appendGathered(n) { records[$0].quantity }
        cost.appendGathered(n) { records[$0].costNanos ?? 0 }
        costSource.appendGathered(n) { Int64(records[$0].costSource.rawValue) }
        stepIndex.append(n) { records[$0].stepIndex.map(Int64.init) }
        durationMs.append(n) { records[$0].durationMs }
        parserVersion.append(n) { records[$0].parserVersion.map(Int64.init) }
        let raw = UnsafeRawPointer(records)
        strings.withUnsafeMutableBufferPointer { builders in
            for field in UsageRecordLayout.stringFields {
                builders[field.slot].append(
                    raw + field.offset, stride: UsageRecordLayout.stride, count: n, optional: field.optional)
            }
        }
        count += n
    }

    /// Appends rows `rows` of a validated, priced columnar batch. `remap` translates the
    /// batch's text codes into this buffer's, one column each (`UsageColumns.remapSentinel`
    /// = not yet seen); it must have been made for this batch, so that each distinct value
    /// is interned once per batch, not once per row.
    mutating func append(_ columns: UsageColumns, rows: Range<Int>, remap: inout [[UInt32]]) {
        guard !rows.isEmpty else { return }
        ts.append(contentsOf: columns.ts[rows])
        quantity.append(contentsOf: columns.quantity[rows])
        cost.append(contentsOf: columns.costNanos[rows])
        costSource.appendGathered(rows.count) { Int64(columns.costSource[rows.lowerBound + $0].rawValue) }
        stepIndex.append(columns.stepIndex, rows: rows)
        durationMs.append(columns.durationMs, rows: rows)
        parserVersion.append(columns.parserVersion, rows: rows)
        strings.withUnsafeMutableBufferPointer { builders in
            for (k, c) in Column.stringColumns.enumerated() {
                let slot = Int(c.rawValue)
                builders[slot].append(columns.text[slot], rows: rows, remap: &remap[k])
            }
        }
        count += rows.count
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
/// The last value is remembered with its raw bits, and so are the few distinct values
/// before it: columns such as `unit` cycle through a handful of values inside a step,
/// and a bit comparison is far cheaper than hashing or comparing bytes.
struct StringColumnBuilder: Sendable {
    var codes: [UInt32] = []
    var values: [String] = []
    var index: [String: UInt32] = [:]
    /// The last value appended. Held so that its storage stays alive: equal bits then
    /// mean the same string, since no other string can be allocated at that address.
    var last: String? = nil
    var lastBits = StringBits(nil as String?)
    var lastCode: UInt32 = 0
    /// Earlier values (held, like `last`), their bits and codes; replaced round robin.
    var recent: [String?] = [nil, nil, nil, nil]
    var recentBits = [StringBits](repeating: StringBits(nil as String?), count: 4)
    var recentCodes: [UInt32] = [0, 0, 0, 0]
    var nextRecent = 0

    /// Appends the string field at `field`, `field + stride`, ... of `n` records.
    @inline(__always)
    mutating func append(_ field: UnsafeRawPointer, stride: Int, count n: Int, optional: Bool) {
        let start = codes.count
        codes.append(contentsOf: repeatElement(0, count: n))
        var i = 0
        while i < n {
            // Rows that repeat the last value are written in one tight loop.
            let bits = lastBits, code = lastCode
            codes.withUnsafeMutableBufferPointer { out in
                while i < n && StringBits(raw: field + i * stride) == bits {
                    out[start + i] = code
                    i += 1
                }
            }
            guard i < n else { break }
            let p = field + i * stride
            codes[start + i] = changed(to: optional ? p.load(as: String?.self) : p.load(as: String.self), bits: StringBits(raw: p))
            i += 1
        }
    }

    /// Makes `value` the last value and returns its code.
    @inline(never)
    mutating func changed(to value: String?, bits: StringBits) -> UInt32 {
        var code: UInt32 = 0
        var found = -1
        for k in 0..<4 where recentBits[k] == bits { found = k; break }
        if found < 0, let s = value {
            if lastCode != 0, last.unsafelyUnwrapped == s {
                code = lastCode
            } else {
                for k in 0..<4 where recentCodes[k] != 0 && recent[k].unsafelyUnwrapped == s { found = k; break }
                if found < 0 { code = interned(s) }
            }
        }
        if found >= 0 {
            // The last value takes the found entry's slot. `last` must become `value`
            // itself, not the entry's string: found by content, they are different
            // objects, and `lastBits` must describe the one that is held.
            code = recentCodes[found]
            recent[found] = last
            recentBits[found] = lastBits
            recentCodes[found] = lastCode
            last = value
            lastBits = bits
            lastCode = code
            return code
        }
        if code != lastCode {
            let k = nextRecent
            nextRecent = (k + 1) & 3
            recent[k] = last
            recentBits[k] = lastBits
            recentCodes[k] = lastCode
        }
        last = value
        lastBits = bits
        lastCode = code
        return code
    }

    /// Appends rows `rows` of a batch's text column, translating its codes through
    /// `remap` (grown and filled as values are first seen).
    mutating func append(_ column: UsageColumns.TextColumn, rows: Range<Int>, remap: inout [UInt32]) {
        let unseen = UsageColumns.remapSentinel
        if remap.count <= column.values.count {
            remap.append(contentsOf: repeatElement(unseen, count: column.values.count + 1 - remap.count))
            remap[0] = 0
        }
        let start = codes.count
        codes.append(contentsOf: repeatElement(0, count: rows.count))
        var i = rows.lowerBound
        while i < rows.upperBound {
            // Known codes in one tight loop; a new value leaves it to be interned.
            let stopped: Int = column.codes.withUnsafeBufferPointer { source in
                remap.withUnsafeBufferPointer { map in
                    codes.withUnsafeMutableBufferPointer { out in
                        var j = i
                        while j < rows.upperBound {
                            let code = map[Int(source[j])]
                            if code == unseen { break }
                            out[start + j - rows.lowerBound] = code
                            j += 1
                        }
                        return j
                    }
                }
            }
            i = stopped
            guard i < rows.upperBound else { break }
            let s = Int(column.codes[i])
            let code = interned(column.values[s - 1])
            remap[s] = code
            codes[start + i - rows.lowerBound] = code
            i += 1
        }
    }

    mutating func interned(_ s: String) -> UInt32 {
        if let existing = index[s] { return existing }
        values.append(s)
        let code = UInt32(values.count)
        index[s] = code
        return code
    }

    func value(at row: Int) -> String? {
        let c = codes[row]
        return c == 0 ? nil : values[Int(c) - 1]
    }
}

extension Array {
    /// Appends `element(i)` for i in 0..<n through one unsafe buffer: one uniqueness
    /// check per call instead of one per element.
    @inline(__always)
    mutating func appendGathered(_ n: Int, _ element: (Int) -> Element) where Element: BitwiseCopyable & ExpressibleByIntegerLiteral {
        let start = count
        append(contentsOf: repeatElement(0, count: n))
        withUnsafeMutableBufferPointer { out in
            for i in 0..<n { out[start + i] = element(i) }
        }
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

    /// Appends `element(i)` for i in 0..<n.
    @inline(__always)
    mutating func append(_ n: Int, _ element: (Int) -> Int64?) {
        let start = values.count
        values.append(contentsOf: repeatElement(0, count: n))
        valid.append(contentsOf: repeatElement(false, count: n))
        var nulls = 0
        values.withUnsafeMutableBufferPointer { v in
            valid.withUnsafeMutableBufferPointer { ok in
                for i in 0..<n {
                    if let x = element(i) { v[start + i] = x; ok[start + i] = true } else { nulls += 1 }
                }
            }
        }
        nullCount += nulls
    }

    func value(at row: Int) -> Int64? { valid[row] ? values[row] : nil }

    /// Appends rows `rows` of a batch's column.
    mutating func append(_ column: UsageColumns.NullableInt64Column, rows: Range<Int>) {
        values.append(contentsOf: column.values[rows])
        valid.append(contentsOf: column.valid[rows])
        for i in rows where !column.valid[i] { nullCount += 1 }
    }
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

    /// The bits of an optional string (`nil` has bits of its own, distinct from any string's).
    @inline(__always)
    init(_ s: borrowing String?) {
        (a, b) = withUnsafeBytes(of: s) { raw in
            (raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
    }

    /// The bits of the `String` or `String?` stored at `p`.
    @inline(__always)
    init(raw p: UnsafeRawPointer) {
        a = p.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        b = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    }
}
