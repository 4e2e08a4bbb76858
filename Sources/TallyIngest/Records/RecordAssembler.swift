#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet

/// Turns the field values of one record, as raw bytes per column, into a `UsageRecord`.
///
/// Both readers feed it; it owns the validation rules so that CSV and JSONL agree:
/// - an empty value is null (so a text column cannot hold an empty string);
/// - text is stored exactly as given, except that invalid UTF-8 and NUL are rejected;
/// - a text value equal to one of the last few values of that column reuses its String,
///   which saves nearly all allocation on real files where most columns repeat or cycle
///   (units alternate within a call). Reusing the String object also lets the store
///   recognise the repeat by its raw bits, without comparing bytes.
struct RecordAssembler: ~Copyable {
    let file: String
    private static let columnCount = RecordColumn.allCases.count
    /// Remembered values per column (a small set: replaced round robin).
    private static let ways = 4
    private let nextWay: UnsafeMutablePointer<Int>
    private let hitWay: UnsafeMutablePointer<Int>

    // Plain pointers rather than arrays of arrays: no uniqueness checks or buffer
    // retains per field on the hot path.
    private let cacheBytes: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>>
    private let cacheCount: UnsafeMutablePointer<Int>
    private let cacheCapacity: UnsafeMutablePointer<Int>
    private let cacheStrings: UnsafeMutablePointer<String?>
    private let text: UnsafeMutablePointer<String?>
    /// Columnar mode: per column, the current record's code and the batch's values.
    private let codes: UnsafeMutablePointer<UInt32>
    private let interners: UnsafeMutablePointer<BatchTextInterner>
    private var stage = ColumnStage()

    private var ts: Int64?
    private var day: Int32?
    private var quantity: Double?
    private var cost: Int64?
    private var stepIndex: Int32?
    private var durationMs: Int64?
    private var parserVersion: Int32?

    /// Whether `ts` and `date` must lie in the years a store keeps (see
    /// `RecordImportOptions.onlyStorableTimes`).
    let onlyStorableTimes: Bool

    init(file: String, onlyStorableTimes: Bool = false) {
        self.file = file
        self.onlyStorableTimes = onlyStorableTimes
        let n = Self.columnCount * Self.ways
        nextWay = .allocate(capacity: Self.columnCount)
        nextWay.initialize(repeating: 0, count: Self.columnCount)
        hitWay = .allocate(capacity: Self.columnCount)
        hitWay.initialize(repeating: 0, count: Self.columnCount)
        text = .allocate(capacity: Self.columnCount)
        for i in 0..<Self.columnCount { text.advanced(by: i).initialize(to: nil) }
        codes = .allocate(capacity: Self.columnCount)
        codes.initialize(repeating: 0, count: Self.columnCount)
        interners = .allocate(capacity: Self.columnCount)
        for i in 0..<Self.columnCount { (interners + i).initialize(to: BatchTextInterner()) }
        cacheBytes = .allocate(capacity: n)
        cacheCount = .allocate(capacity: n)
        cacheCapacity = .allocate(capacity: n)
        cacheStrings = .allocate(capacity: n)
        for i in 0..<n {
            cacheBytes.advanced(by: i).initialize(to: .allocate(capacity: 32))
            cacheCount[i] = 0
            cacheCapacity[i] = 32
            cacheStrings.advanced(by: i).initialize(to: nil)
        }
    }

    deinit {
        let n = Self.columnCount * Self.ways
        for i in 0..<n { cacheBytes[i].deallocate() }
        nextWay.deallocate()
        hitWay.deallocate()
        cacheBytes.deallocate()
        cacheCount.deallocate()
        cacheCapacity.deallocate()
        cacheStrings.deinitialize(count: n)
        cacheStrings.deallocate()
        text.deinitialize(count: Self.columnCount)
        text.deallocate()
        codes.deallocate()
        interners.deinitialize(count: Self.columnCount)
        interners.deallocate()
    }

    /// Forgets the previous record's values (not the String cache).
    @inline(__always)
    mutating func reset(columnar: Bool = false) {
        if columnar {
            codes.update(repeating: 0, count: Self.columnCount)
        } else {
            for i in 0..<Self.columnCount where text[i] != nil { text[i] = nil }
        }
        ts = nil; day = nil; quantity = nil; cost = nil
        stepIndex = nil; durationMs = nil; parserVersion = nil
    }

    /// Sets one field. Empty bytes mean null.
    ///
    /// With `columnar`, a text value becomes a code of the batch (see `finish(line:into:)`
    /// for `UsageColumns`) instead of a String. A value it refuses is described by
    /// `fieldError`, called only then: with the errors built in place, this function had a
    /// 4 KiB stack frame to set up and tear down for every field of every row.
    @inline(__always)
    mutating func set(_ column: RecordColumn, _ b: UnsafeBufferPointer<UInt8>, line: Int, columnar: Bool = false) throws(RecordImportError) {
        if b.isEmpty { return }
        switch column {
        case .ts:
            // The range is checked here, where the text is at hand: the store's own check
            // sees only the milliseconds, which are not what the user wrote.
            guard let v = RecordFieldParser.timestamp(RecordFieldParser.trimmed(b)),
                  !onlyStorableTimes || (v >= RecordValidator.minTs && v < RecordValidator.maxTsExclusive)
            else { throw fieldError(column, b, line: line) }
            ts = v
        case .date:
            guard let v = RecordFieldParser.date(RecordFieldParser.trimmed(b)), !onlyStorableTimes || v >= 0
            else { throw fieldError(column, b, line: line) }
            day = v
        case .quantity:
            guard let v = RecordFieldParser.double(RecordFieldParser.trimmed(b)), v.isFinite, v >= 0
            else { throw fieldError(column, b, line: line) }
            quantity = v == 0 ? 0 : v   // -0 is stored as 0
        case .costUsd:
            guard case .value(let v) = RecordFieldParser.scaledDecimal(RecordFieldParser.trimmed(b), scale: 9)
            else { throw fieldError(column, b, line: line) }
            cost = v
        case .stepIndex, .parserVersion:
            guard let v = RecordFieldParser.int64(RecordFieldParser.trimmed(b)), let v32 = Int32(exactly: v)
            else { throw fieldError(column, b, line: line) }
            if column == .stepIndex { stepIndex = v32 } else { parserVersion = v32 }
        case .durationMs:
            guard let v = RecordFieldParser.int64(RecordFieldParser.trimmed(b)) else { throw fieldError(column, b, line: line) }
            durationMs = v
        default:
            if columnar {
                codes[column.rawValue] = try code(column, b, line: line)
            } else {
                text[column.rawValue] = try string(column, b, line: line)
            }
        }
    }

    /// Why `set` refused the value `b` of a typed column: parsed again to tell which rule
    /// it broke, in the user's terms.
    @inline(never)
    private func fieldError(_ column: RecordColumn, _ b: UnsafeBufferPointer<UInt8>, line: Int) -> RecordImportError {
        let t = RecordFieldParser.trimmed(b)
        switch column {
        case .ts:
            guard RecordFieldParser.timestamp(t) != nil else {
                return error(line, column, b, .invalidTimestamp,
                             "is not a timestamp; use milliseconds since the epoch or RFC 3339 like 2026-10-01T12:00:00Z")
            }
            return error(line, column, b, .invalidTimestamp,
                         "is outside the years Tally stores; timestamps must lie between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z")
        case .date:
            guard RecordFieldParser.date(t) != nil else { return error(line, column, b, .invalidDate, "is not a valid date; use YYYY-MM-DD") }
            return error(line, column, b, .invalidDate, "is before 1970-01-01, the earliest day Tally stores")
        case .quantity:
            guard let v = RecordFieldParser.double(t) else {
                return error(line, column, b, .invalidNumber, "is not a number; quantities are decimal numbers like 1250 or 3.5")
            }
            guard v.isFinite else { return error(line, column, b, .nonFiniteQuantity, "is not finite; quantities must be finite numbers >= 0") }
            return error(line, column, b, .negativeQuantity, "is negative; quantities must be >= 0")
        case .costUsd:
            switch RecordFieldParser.scaledDecimal(t, scale: 9) {
            case .tooPrecise:
                return error(line, column, b, .tooManyFractionDigits, "has more than 9 fractional digits; costs are exact to the nano-dollar, so round it to 9 digits")
            case .outOfRange:
                return error(line, column, b, .invalidNumber, "is out of range; costs must lie within ±9223372036.854775807 USD")
            case .invalid, .value:
                return error(line, column, b, .invalidNumber, "is not a decimal number; write costs in USD like 0.138028950, or leave the field empty to price from the rate card")
            }
        case .stepIndex, .parserVersion:
            return error(line, column, b, .invalidNumber, "is not a 32-bit integer; use a whole number like 3")
        case .durationMs:
            return error(line, column, b, .invalidNumber, "is not a 64-bit integer; use whole milliseconds like 1500")
        default:
            // Text columns refuse values in `validString`, not through `set`'s checks.
            return error(line, column, b, .invalidNumber, "is not a valid value")
        }
    }

    /// The String for `b`, from the column's cache when the bytes repeat.
    @inline(__always)
    private mutating func string(_ column: RecordColumn, _ b: UnsafeBufferPointer<UInt8>, line: Int) throws(RecordImportError) -> String {
        let first = column.rawValue * Self.ways
        // The way that hit last, then the others.
        let hint = first + hitWay[column.rawValue]
        if cacheCount[hint] == b.count, let cached = cacheStrings[hint], Self.equal(cacheBytes[hint], b.baseAddress!, b.count) {
            return cached
        }
        for w in first..<first + Self.ways where w != hint {
            if cacheCount[w] == b.count, let cached = cacheStrings[w], Self.equal(cacheBytes[w], b.baseAddress!, b.count) {
                hitWay[column.rawValue] = w - first
                return cached
            }
        }
        let s = try validString(column, b, line: line)
        let way = nextWay[column.rawValue]
        nextWay[column.rawValue] = (way + 1) % Self.ways
        hitWay[column.rawValue] = way
        let c = first + way
        if cacheCapacity[c] < b.count {
            cacheBytes[c].deallocate()
            cacheBytes[c] = .allocate(capacity: b.count)
            cacheCapacity[c] = b.count
        }
        cacheBytes[c].update(from: b.baseAddress!, count: b.count)
        cacheCount[c] = b.count
        cacheStrings[c] = s
        return s
    }

    /// The batch code for `b`; a value new to the batch is checked and listed once.
    @inline(__always)
    private mutating func code(_ column: RecordColumn, _ b: UnsafeBufferPointer<UInt8>, line: Int) throws(RecordImportError) -> UInt32 {
        let interner = interners + column.rawValue
        let known = interner.pointee.code(of: b)
        if known != 0 { return known }
        return interner.pointee.insert(b, value: try validString(column, b, line: line))
    }

    /// `b` as a String: text is kept exactly, but NUL and invalid UTF-8 are rejected.
    /// Called once per new value, never inlined: its errors stay out of `set`'s frame.
    @inline(never)
    private func validString(_ column: RecordColumn, _ b: UnsafeBufferPointer<UInt8>, line: Int) throws(RecordImportError) -> String {
        var ascii = true
        for byte in b {
            if byte == 0 {
                throw error(line, column, b, .nulCharacter, "contains a NUL character; remove it, text fields cannot hold NUL")
            }
            if byte >= 0x80 { ascii = false }
        }
        if ascii {
            return String(decoding: b, as: UTF8.self)
        } else {
            guard let v = String(validating: b, as: UTF8.self) else {
                throw error(line, column, b, .invalidUTF8, "is not valid UTF-8; convert the file to UTF-8")
            }
            return v
        }
    }

    /// Byte equality, inline: most values are short, where a call to `memcmp` costs more
    /// than the comparison.
    @inline(__always)
    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        while i &+ 8 <= n {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) {
                return false
            }
            i &+= 8
        }
        while i < n {
            if a[i] != b[i] { return false }
            i &+= 1
        }
        return true
    }

    /// The record, once all its fields are set; checks required fields and ts/date.
    /// Appends straight into `records`: returning the record instead made the optimiser
    /// copy it (a retain and release per text field).
    mutating func finish(line: Int, into records: inout [UsageRecord]) throws(RecordImportError) {
        guard let projectId = text[RecordColumn.projectId.rawValue].take() else { throw missing(line, .projectId) }
        guard let service = text[RecordColumn.service.rawValue].take() else { throw missing(line, .service) }
        guard let unit = text[RecordColumn.unit.rawValue].take() else { throw missing(line, .unit) }
        guard let quantity else { throw missing(line, .quantity) }
        let time = try resolvedTime(line: line)
        // The optimiser copies the record once on its way into the array (a retain and a
        // release per text field); building it in place through pointers measured no
        // faster. Bulk imports take the columnar path instead, which makes no records.
        func take(_ c: RecordColumn) -> String? { text[c.rawValue].take() }
        records.append(UsageRecord(
            projectId: projectId, ts: time, service: service, unit: unit, quantity: quantity,
            costNanos: cost, costSource: cost == nil ? .unpriced : .given,
            runId: take(.runId), sandboxId: take(.sandboxId), chainId: take(.chainId),
            issueSessionId: take(.issueSessionId), toolId: take(.toolId), modelId: take(.modelId),
            stepType: take(.stepType), stepIndex: stepIndex, userId: take(.userId),
            personaId: take(.personaId), durationMs: durationMs, captureSource: take(.captureSource),
            parserVersion: parserVersion, requestId: take(.requestId)))
    }

    /// The record's time from `ts` and/or `date`, which must agree.
    private func resolvedTime(line: Int) throws(RecordImportError) -> Int64 {
        switch (ts, day) {
        case (let t?, nil):
            return t
        case (nil, let d?):
            return Int64(d) * CivilDate.millisecondsPerDay
        case (let t?, let d?):
            let tsDay = RecordFormatter.dateRange.contains(t) ? CivilDate.dayNumber(forMilliseconds: t) : nil
            guard tsDay == d else {
                let actual = tsDay.map { "the UTC day of ts is \(CivilDate.isoString(forDayNumber: $0))" }
                    ?? "ts lies outside the years 0000...9999"
                throw RecordImportError(
                    file: file, line: line, column: "date", value: CivilDate.isoString(forDayNumber: d),
                    kind: .timestampDateMismatch,
                    message: "does not match ts (\(actual)); fix one of them or leave date empty")
            }
            return t
        case (nil, nil):
            throw missing(line, .ts)
        }
    }

    /// Appends the record, once all its fields are set in columnar mode, to `columns`;
    /// checks required fields and ts/date as `finish(line:into:)` does for records.
    mutating func finish(line: Int, into columns: inout UsageColumns) throws(RecordImportError) {
        let project = codes[RecordColumn.projectId.rawValue]
        guard project != 0 else { throw missing(line, .projectId) }
        guard codes[RecordColumn.service.rawValue] != 0 else { throw missing(line, .service) }
        guard codes[RecordColumn.unit.rawValue] != 0 else { throw missing(line, .unit) }
        guard let quantity else { throw missing(line, .quantity) }
        let time = try resolvedTime(line: line)
        let codes = self.codes
        stage.append(ts: time, quantity: quantity, cost: cost, stepIndex: stepIndex, durationMs: durationMs,
                     parserVersion: parserVersion) { k in codes[Self.stagedFields[k]] }
    }

    /// Prepares for a new columnar batch of up to `rows` rows: text codes start again from 1.
    mutating func beginBatch(rows: Int) {
        for i in 0..<Self.columnCount { interners[i].reset() }
        stage.begin(rows: rows)
    }

    /// Moves the batch's rows and the values of its text codes into `columns` (call once
    /// the batch is complete, or abandoned after an error).
    mutating func endBatch(_ columns: inout UsageColumns) {
        stage.move(into: &columns) { k in Self.textSlots[k - 1].1 }
        interners[RecordColumn.projectId.rawValue].moveValues(into: &columns.projectId.values)
        for (field, slot) in Self.textSlots { interners[field].moveValues(into: &columns.text[slot].values) }
    }

    /// The file column of each text column `ColumnStage` holds: `project_id`, then `textSlots`.
    private static let stagedFields: [Int] = [RecordColumn.projectId.rawValue] + textSlots.map(\.0)

    /// Each text column of the file but `project_id` and its slot in `UsageColumns.text`
    /// (thirteen: `ColumnStage.textColumns` counts these and `project_id`).
    private static let textSlots: [(Int, Int)] = [
        (RecordColumn.service, Column.service), (.unit, .unit), (.runId, .runId), (.sandboxId, .sandboxId),
        (.chainId, .chainId), (.issueSessionId, .issueSessionId), (.toolId, .toolId), (.modelId, .modelId),
        (.stepType, .stepType), (.userId, .userId), (.personaId, .personaId), (.captureSource, .captureSource),
        (.requestId, .requestId),
    ].map { ($0.0.rawValue, Int($0.1.rawValue)) }

    private func missing(_ line: Int, _ column: RecordColumn) -> RecordImportError {
        let what = column == .ts ? "both ts and date are empty; give the time as ts (or the day as date)" : "is empty; every record needs project_id, ts or date, service, unit and quantity"
        return RecordImportError(file: file, line: line, column: column.name, kind: .missingRequiredField, message: what)
    }

    private func error(_ line: Int, _ column: RecordColumn, _ b: UnsafeBufferPointer<UInt8>,
                       _ kind: RecordImportError.Kind, _ message: String) -> RecordImportError {
        RecordImportError(file: file, line: line, column: column.name, value: RecordImportError.display(b), kind: kind, message: message)
    }
}
