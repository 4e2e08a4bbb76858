import TallySystem
/// Rows of one partition (one project, one UTC month, or for a small project several
/// months: see `PartSpans`) held column by column in memory until they are written as a
/// part.
///
/// Strings are interned per column as they arrive; because most columns repeat from
/// one row to the next, the previous row's value is checked first, which makes an
/// append a few comparisons instead of a hash lookup per column.
package struct RowBuffer: Sendable {
    /// The project every row belongs to.
    package let projectId: String
    /// The month (year * 12 + month - 1) of the partition: the first month of the rows
    /// (rows of later months are allowed when small partitions share a part).
    package let monthKey: Int32
    /// Rows held.
    package private(set) var count = 0

    /// The column values; shared between copies until one of them appends.
    private var columns: RowColumns
    /// Nulls per nullable column, in `RowColumns.nullableColumns` order.
    private var nullCounts: (Int, Int, Int) = (0, 0, 0)
    /// One interner per string column, indexed by `Column.rawValue`.
    var strings: [StringColumnBuilder]

    /// Creates an empty buffer for a partition.
    package init(projectId: String, monthKey: Int32) {
        self.projectId = projectId
        self.monthKey = monthKey
        columns = RowColumns(capacity: 0)
        strings = [StringColumnBuilder](repeating: StringColumnBuilder(), count: PartFooter.columnSlots)
    }

    // Views of the columns. They point into the buffer's memory: valid while the buffer
    // is alive and not appended to (a parameter, or a `let`, is both).

    /// `ts` of every row.
    package var ts: UnsafeBufferPointer<Int64> { UnsafeBufferPointer(start: columns.ts, count: count) }
    /// `quantity` of every row.
    var quantity: UnsafeBufferPointer<Double> { UnsafeBufferPointer(start: columns.quantity, count: count) }
    /// `cost` of every row (nano-USD).
    var cost: UnsafeBufferPointer<Int64> { UnsafeBufferPointer(start: columns.cost, count: count) }
    /// `CostSource` raw values of every row.
    var costSource: UnsafeBufferPointer<Int64> { UnsafeBufferPointer(start: columns.costSource, count: count) }
    /// `step_index` of every row.
    var stepIndex: NullableIntColumn { nullable(0, nulls: nullCounts.0) }
    /// `duration_ms` of every row.
    var durationMs: NullableIntColumn { nullable(1, nulls: nullCounts.1) }
    /// `parser_version` of every row.
    var parserVersion: NullableIntColumn { nullable(2, nulls: nullCounts.2) }

    /// The codes (index + 1 into `strings[column].values`, 0 = null) of a string column.
    func codes(_ column: Column) -> UnsafeBufferPointer<UInt32> {
        UnsafeBufferPointer(start: columns.codes[RowColumns.stringIndex[Int(column.rawValue)]], count: count)
    }

    private func nullable(_ k: Int, nulls: Int) -> NullableIntColumn {
        NullableIntColumn(
            values: UnsafeBufferPointer(start: columns.nullableValues[k], count: count),
            valid: UnsafeBufferPointer(start: columns.nullableValid[k], count: count), nullCount: nulls)
    }

    /// Makes room for `n` more rows in memory this buffer alone holds.
    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if !isKnownUniquelyReferenced(&columns) {
            columns = columns.copy(count: count, capacity: Swift.max(count + n, columns.capacity))
        }
        if count + n > columns.capacity {
            // Fourfold while small: a growth reallocates two dozen columns, and most
            // partitions of a flush hold hundreds of rows, so doubling from 16 spent
            // more on growing than on appending.
            let factor = columns.capacity < 4096 ? 4 : 2
            columns.grow(count: count, to: Swift.max(count + n, columns.capacity * factor, 16))
        }
    }

    /// Appends a record that has already been validated and priced.
    package mutating func append(_ r: borrowing UsageRecord) {
        withUnsafePointer(to: r) { append(one: $0) }
    }

    /// Appends one record that has already been validated and priced, a value per
    /// column. A service that records usage as it happens appends one record at a time,
    /// so this path has no per-column loop to set up: the batch path given one record
    /// made a single append about a quarter dearer (callgrind: 1,400 against 1,120
    /// instructions per `Store.append`).
    package mutating func append(one r: UnsafePointer<UsageRecord>) {
        reserve(1)
        let i = count, c = columns
        c.ts[i] = r.pointee.ts
        c.quantity[i] = r.pointee.quantity
        c.cost[i] = r.pointee.costNanos ?? 0
        c.costSource[i] = Int64(r.pointee.costSource.rawValue)
        nullCounts.0 &+= RowBuffer.store(r.pointee.stepIndex.map(Int64.init), c.nullableValues[0] + i, c.nullableValid[0] + i)
        nullCounts.1 &+= RowBuffer.store(r.pointee.durationMs, c.nullableValues[1] + i, c.nullableValid[1] + i)
        nullCounts.2 &+= RowBuffer.store(r.pointee.parserVersion.map(Int64.init), c.nullableValues[2] + i, c.nullableValid[2] + i)
        let raw = UnsafeRawPointer(r)
        strings.withUnsafeMutableBufferPointer { builders in
            for field in UsageRecordLayout.stringFields {
                c.codes[field.index][i] = builders[field.slot].code(of: raw + field.offset, optional: field.optional)
            }
        }
        count = i + 1
    }

    /// Stores a nullable value and its validity; returns 1 if it is null.
    @inline(__always)
    private static func store(_ v: Int64?, _ value: UnsafeMutablePointer<Int64>, _ valid: UnsafeMutablePointer<Bool>) -> Int {
        value.pointee = v ?? 0
        valid.pointee = v != nil
        return v == nil ? 1 : 0
    }

    /// Appends `n` consecutive records that have already been validated and priced, one
    /// column at a time.
    ///
    /// Strings are read through their raw bits first (see `StringBits`): a value whose
    /// bits equal the previous row's is the same string, so the common case neither
    /// retains the string nor compares its bytes.
    package mutating func append(_ records: UnsafePointer<UsageRecord>, count n: Int) {
        guard n > 0 else { return }
        reserve(n)
        let start = count, c = columns
        for i in 0..<n {
            c.ts[start + i] = records[i].ts
            c.quantity[start + i] = records[i].quantity
            c.cost[start + i] = records[i].costNanos ?? 0
            c.costSource[start + i] = Int64(records[i].costSource.rawValue)
        }
        var nulls = (0, 0, 0)
        for i in 0..<n {
            nulls.0 &+= RowBuffer.store(records[i].stepIndex.map(Int64.init), c.nullableValues[0] + start + i, c.nullableValid[0] + start + i)
        }
        for i in 0..<n {
            nulls.1 &+= RowBuffer.store(records[i].durationMs, c.nullableValues[1] + start + i, c.nullableValid[1] + start + i)
        }
        for i in 0..<n {
            nulls.2 &+= RowBuffer.store(records[i].parserVersion.map(Int64.init), c.nullableValues[2] + start + i, c.nullableValid[2] + start + i)
        }
        nullCounts.0 &+= nulls.0
        nullCounts.1 &+= nulls.1
        nullCounts.2 &+= nulls.2
        let raw = UnsafeRawPointer(records)
        strings.withUnsafeMutableBufferPointer { builders in
            for field in UsageRecordLayout.stringFields {
                builders[field.slot].append(
                    raw + field.offset, stride: UsageRecordLayout.stride, count: n, optional: field.optional,
                    into: c.codes[field.index] + start)
            }
        }
        count = start + n
    }

    /// Appends rows `rows` of a validated, priced columnar batch. `remap` translates the
    /// batch's text codes into this buffer's, one column each (`UsageColumns.remapSentinel`
    /// = not yet seen); it must have been made for this batch, so that each distinct value
    /// is interned once per batch, not once per row.
    package mutating func append(_ batch: UsageColumns, rows: Range<Int>, remap: inout [[UInt32]]) {
        guard !rows.isEmpty else { return }
        let n = rows.count
        reserve(n)
        let start = count, c = columns, lo = rows.lowerBound
        batch.ts.withUnsafeBufferPointer { (c.ts + start).update(from: $0.baseAddress! + lo, count: n) }
        batch.quantity.withUnsafeBufferPointer { (c.quantity + start).update(from: $0.baseAddress! + lo, count: n) }
        batch.costNanos.withUnsafeBufferPointer { (c.cost + start).update(from: $0.baseAddress! + lo, count: n) }
        batch.costSource.withUnsafeBufferPointer { src in
            for i in 0..<n { c.costSource[start + i] = Int64(src[lo + i].rawValue) }
        }
        func copy(_ column: UsageColumns.NullableInt64Column, _ k: Int) -> Int {
            column.values.withUnsafeBufferPointer { (c.nullableValues[k] + start).update(from: $0.baseAddress! + lo, count: n) }
            var nulls = 0
            column.valid.withUnsafeBufferPointer { valid in
                (c.nullableValid[k] + start).update(from: valid.baseAddress! + lo, count: n)
                for i in 0..<n { nulls &+= valid[lo + i] ? 0 : 1 }
            }
            return nulls
        }
        nullCounts.0 &+= copy(batch.stepIndex, 0)
        nullCounts.1 &+= copy(batch.durationMs, 1)
        nullCounts.2 &+= copy(batch.parserVersion, 2)
        strings.withUnsafeMutableBufferPointer { builders in
            for (k, column) in Column.stringColumns.enumerated() {
                let slot = Int(column.rawValue)
                builders[slot].append(batch.text[slot], rows: rows, remap: &remap[k], into: c.codes[k] + start)
            }
        }
        count = start + n
    }

    /// Appends every row of `other` (a buffer of the same project): columns are copied
    /// whole and each string column's codes translated through one table per distinct
    /// value, so small partitions are combined into one part without a record per row.
    package mutating func append(contentsOf other: RowBuffer) {
        precondition(other.projectId == projectId, "a part holds rows of one project")
        let n = other.count
        guard n > 0 else { return }
        reserve(n)
        let start = count, c = columns, o = other.columns
        (c.ts + start).update(from: o.ts, count: n)
        (c.quantity + start).update(from: o.quantity, count: n)
        (c.cost + start).update(from: o.cost, count: n)
        (c.costSource + start).update(from: o.costSource, count: n)
        for k in 0..<3 {
            (c.nullableValues[k] + start).update(from: o.nullableValues[k], count: n)
            (c.nullableValid[k] + start).update(from: o.nullableValid[k], count: n)
        }
        nullCounts.0 &+= other.nullCounts.0
        nullCounts.1 &+= other.nullCounts.1
        nullCounts.2 &+= other.nullCounts.2
        for (k, column) in Column.stringColumns.enumerated() {
            let slot = Int(column.rawValue)
            var map = [UInt32](repeating: 0, count: other.strings[slot].values.count + 1)
            for (i, value) in other.strings[slot].values.enumerated() { map[i + 1] = strings[slot].interned(value) }
            let source = o.codes[k], target = c.codes[k] + start
            map.withUnsafeBufferPointer { m in
                for i in 0..<n { target[i] = m[Int(source[i])] }
            }
        }
        count = start + n
    }

    /// The string of column `column` at `row`, or nil.
    func string(_ column: Column, at row: Int) -> String? {
        let code = codes(column)[row]
        return code == 0 ? nil : strings[Int(column.rawValue)].values[Int(code) - 1]
    }

    /// The record at `row`, for merges and tests.
    package func record(at row: Int) -> UsageRecord {
        var r = UsageRecord(
            projectId: projectId, ts: ts[row], service: "", unit: "", quantity: quantity[row],
            costNanos: cost[row], costSource: CostSource(rawValue: UInt8(costSource[row])) ?? .given)
        for c in Column.stringColumns {
            c.setString(string(c, at: row), in: &r)
        }
        r.stepIndex = stepIndex.value(at: row).map { Int32(truncatingIfNeeded: $0) }
        r.durationMs = durationMs.value(at: row)
        r.parserVersion = parserVersion.value(at: row).map { Int32(truncatingIfNeeded: $0) }
        return r
    }
}

/// A nullable integer column of a `RowBuffer`: the value (0 when null) and a validity
/// flag per row.
struct NullableIntColumn {
    let values: UnsafeBufferPointer<Int64>
    let valid: UnsafeBufferPointer<Bool>
    let nullCount: Int

    func value(at row: Int) -> Int64? { valid[row] ? values[row] : nil }
}

/// Interns the strings of one column: gives each distinct value a code (index + 1 into
/// `values`; 0 is null), which the buffer stores per row.
///
/// The last value is remembered with its raw bits, and so are the few distinct values
/// before it: columns such as `unit` cycle through a handful of values inside a step,
/// and a bit comparison is far cheaper than hashing or comparing bytes.
struct StringColumnBuilder: Sendable {
    var values: [String] = []
    /// Per code - 1, the hash of its value (`ByteHash`), kept so that growing the table
    /// hashes nothing again.
    private var hashes: [UInt64] = []
    /// Open addressing, linear probing, a power of two long (or empty): 0 = empty, else a
    /// code. A `[String: UInt32]` hashed each new value twice (lookup, then insert) with
    /// SipHash, and every value again on each growth: a third of the time of importing
    /// rows whose ids are all new.
    private var table: [UInt32] = []
    /// A value seen lately: the string (held, so that its storage stays alive: equal
    /// bits then mean the same string, since no other string can be allocated at that
    /// address), its bits and its code.
    struct SeenValue: Sendable {
        var string: String?
        var bits: StringBits
        var code: UInt32
        static let none = SeenValue(string: nil, bits: StringBits(nil as String?), code: 0)
    }
    /// The last value appended.
    var last = SeenValue.none
    var lastBits: StringBits { last.bits }
    var lastCode: UInt32 { last.code }
    /// Earlier values, replaced round robin. Four fields, not an array: an array inside
    /// a builder inside the buffer's array of builders paid a uniqueness check on every
    /// write.
    var recent = (SeenValue.none, SeenValue.none, SeenValue.none, SeenValue.none)
    var nextRecent = 0

    /// Writes to `out` the codes of the string fields at `field`, `field + stride`, ...
    /// of `n` records.
    @inline(__always)
    mutating func append(_ field: UnsafeRawPointer, stride: Int, count n: Int, optional: Bool, into out: UnsafeMutablePointer<UInt32>) {
        var i = 0
        while i < n {
            // Rows that repeat the last value are written in one tight loop.
            let bits = lastBits, code = lastCode
            while i < n && StringBits(raw: field + i * stride) == bits {
                out[i] = code
                i += 1
            }
            guard i < n else { break }
            let p = field + i * stride
            out[i] = changed(to: optional ? p.load(as: String?.self) : p.load(as: String.self), bits: StringBits(raw: p))
            i += 1
        }
    }

    /// The code of the string field at `field` of one record.
    @inline(__always)
    mutating func code(of field: UnsafeRawPointer, optional: Bool) -> UInt32 {
        let bits = StringBits(raw: field)
        if bits == lastBits { return lastCode }
        return changed(to: optional ? field.load(as: String?.self) : field.load(as: String.self), bits: bits)
    }

    /// Makes `value` the last value and returns its code.
    @inline(never)
    mutating func changed(to value: String?, bits: StringBits) -> UInt32 {
        // The same object as a recent value.
        if let k = recentSlot(matching: { $0.bits == bits }) {
            swapLast(withRecent: k)
            return last.code
        }
        guard let s = value else {
            remember(SeenValue(string: nil, bits: bits, code: 0))
            return 0
        }
        // The same contents as the last or a recent value, byte for byte (Swift's `==`
        // equates canonically equivalent text of other bytes, and the store keeps the
        // bytes it is given). `last` must become `value` itself, not the earlier string:
        // they are different objects, and `last.bits` must describe the one that is held.
        if last.code != 0, ExactText.sameBytes(last.string.unsafelyUnwrapped, s) {
            last.string = value
            last.bits = bits
            return last.code
        }
        if let k = recentSlot(matching: { $0.code != 0 && ExactText.sameBytes($0.string.unsafelyUnwrapped, s) }) {
            swapLast(withRecent: k)
            last.string = value
            last.bits = bits
            return last.code
        }
        let code = interned(s)
        remember(SeenValue(string: value, bits: bits, code: code))
        return code
    }

    /// The first recent slot whose value satisfies `test`.
    @inline(__always)
    private func recentSlot(matching test: (SeenValue) -> Bool) -> Int? {
        if test(recent.0) { return 0 }
        if test(recent.1) { return 1 }
        if test(recent.2) { return 2 }
        if test(recent.3) { return 3 }
        return nil
    }

    @inline(__always)
    private mutating func swapLast(withRecent k: Int) {
        switch k {
        case 0: swap(&last, &recent.0)
        case 1: swap(&last, &recent.1)
        case 2: swap(&last, &recent.2)
        default: swap(&last, &recent.3)
        }
    }

    /// Makes `value` the last value; the previous one, if its code differs, replaces the
    /// oldest recent value.
    @inline(__always)
    private mutating func remember(_ value: SeenValue) {
        if value.code != last.code {
            let k = nextRecent
            nextRecent = (k + 1) & 3
            swapLast(withRecent: k)
        }
        last = value
    }

    /// Writes to `out` the codes of rows `rows` of a batch's text column, translating
    /// its codes through `remap` (grown and filled as values are first seen).
    mutating func append(_ column: UsageColumns.TextColumn, rows: Range<Int>, remap: inout [UInt32], into out: UnsafeMutablePointer<UInt32>) {
        let unseen = UsageColumns.remapSentinel
        if remap.count <= column.values.count {
            remap.append(contentsOf: repeatElement(unseen, count: column.values.count + 1 - remap.count))
            remap[0] = 0
        }
        let out = out - rows.lowerBound
        var i = rows.lowerBound
        while i < rows.upperBound {
            // Known codes in one tight loop; a new value leaves it to be interned.
            i = column.codes.withUnsafeBufferPointer { source in
                remap.withUnsafeBufferPointer { map in
                    var j = i
                    while j < rows.upperBound {
                        let code = map[Int(source[j])]
                        if code == unseen { break }
                        out[j] = code
                        j += 1
                    }
                    return j
                }
            }
            guard i < rows.upperBound else { break }
            let s = Int(column.codes[i])
            let code = interned(column.values[s - 1])
            remap[s] = code
            out[i] = code
            i += 1
        }
    }

    /// The code of `s`, added if it is new.
    mutating func interned(_ s: String) -> UInt32 {
        var bytes = s
        let h = bytes.withUTF8 { ByteHash.hash($0) }
        if table.isEmpty { table = [UInt32](repeating: 0, count: 16) }
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let c = table[slot]
            if c == 0 { break }
            if hashes[Int(c) - 1] == h && ExactText.sameBytes(values[Int(c) - 1], s) { return c }
            slot = (slot + 1) & mask
        }
        values.append(s)
        hashes.append(h)
        let code = UInt32(values.count)
        table[slot] = code
        if values.count * 2 > table.count { growTable() }
        return code
    }

    private mutating func growTable() {
        var bigger = [UInt32](repeating: 0, count: table.count * 2)
        let mask = bigger.count - 1
        for (k, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = UInt32(k + 1)
        }
        table = bigger
    }
}

/// The 16 bytes of a `String` value, compared without touching its storage. Equal bits
/// imply equal strings (not the converse), which is all a fast path needs.
package struct StringBits: Equatable, Sendable {
    var a: UInt64 = 0
    var b: UInt64 = 0

    package init() {}

    @inline(__always)
    package init(_ s: borrowing String) {
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
    package init(raw p: UnsafeRawPointer) {
        a = p.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        b = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    }
}
