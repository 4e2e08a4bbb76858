import TallySystem
import TallyFormat
/// Checks records against the schema before anything is buffered.
package enum RecordValidator {
    /// The earliest timestamp accepted: 1970-01-01T00:00:00Z.
    package static let minTs: Int64 = 0
    /// One past the latest timestamp accepted: 10000-01-01T00:00:00Z.
    package static let maxTsExclusive: Int64 = Int64(CivilDate.dayNumber(year: 10000, month: 1, day: 1)) * CivilDate.millisecondsPerDay

    /// Remembers the last strings that passed, so that a stream of records from a few
    /// projects, services and units re-checks only the numbers.
    package struct Cache: Sendable {
        /// Raw bits (see StringBits) of values of one field that passed, replaced round
        /// robin, with the strings themselves held so that their bits cannot be reused
        /// by another string.
        struct Recent: Sendable {
            var bits: [StringBits]
            var strings: [String]
            var next = 0

            init(size: Int) {
                bits = [StringBits](repeating: StringBits(), count: size)
                strings = [String](repeating: "", count: size)
            }

            /// The slot of the last value found: consecutive records almost always
            /// repeat it, and checking it first saves scanning the others.
            var lastHit = 0

            @inline(__always)
            mutating func contains(_ b: StringBits) -> Bool {
                guard b != StringBits() else { return false }
                if bits[lastHit] == b { return true }
                for k in bits.indices where bits[k] == b {
                    lastHit = k
                    return true
                }
                return false
            }

            mutating func insert(_ s: String) {
                bits[next] = StringBits(s)
                strings[next] = s
                next = (next + 1) % bits.count
            }
        }

        var projects = Recent(size: 8)
        var services = Recent(size: 8)
        var units = Recent(size: 16)
        /// An empty cache.
        package init() {}
    }

    /// `validate(_:index:)`, skipping the string checks of values that passed recently.
    @inline(__always)
    package static func validate(_ r: borrowing UsageRecord, index: Int? = nil, cache: inout Cache) throws {
        try withUnsafePointer(to: r) { try validate($0, index: index, cache: &cache) }
    }

    /// `validate(_:index:cache:)` for a record in place: its strings' raw bits are read
    /// without copying them, and a string is loaded only when its bits are not cached.
    @inline(__always)
    package static func validate(_ r: UnsafePointer<UsageRecord>, index: Int?, cache: inout Cache) throws {
        let raw = UnsafeRawPointer(r)
        if !cache.projects.contains(StringBits(raw: raw + UsageRecordLayout.projectIdOffset))
            || !cache.services.contains(StringBits(raw: raw + UsageRecordLayout.serviceOffset))
            || !cache.units.contains(StringBits(raw: raw + UsageRecordLayout.unitOffset)) {
            try validateStrings(r, index: index, cache: &cache)
        }
        try validateNumbers(ts: r.pointee.ts, quantity: r.pointee.quantity, durationMs: r.pointee.durationMs, index: index)
    }

    @inline(never)
    static func validateStrings(_ r: UnsafePointer<UsageRecord>, index: Int?, cache: inout Cache) throws {
        let raw = UnsafeRawPointer(r)
        let project = (raw + UsageRecordLayout.projectIdOffset).load(as: String.self)
        let service = (raw + UsageRecordLayout.serviceOffset).load(as: String.self)
        let unit = (raw + UsageRecordLayout.unitOffset).load(as: String.self)
        try validateStrings(projectId: project, service: service, unit: unit, index: index)
        if !cache.projects.contains(StringBits(project)) { cache.projects.insert(project) }
        if !cache.services.contains(StringBits(service)) { cache.services.insert(service) }
        if !cache.units.contains(StringBits(unit)) { cache.units.insert(unit) }
    }

    static func validateStrings(projectId: String, service: String, unit: String, index: Int?) throws {
        func fail(_ field: String, _ value: String, _ reason: String) -> StorageError {
            .invalidRecord(field: field, value: value, reason: reason, index: index)
        }
        if projectId.isEmpty { throw fail("project_id", "", "project_id is required and must not be empty") }
        if containsNUL(projectId) { throw fail("project_id", projectId, "project_id must not contain NUL") }
        if !isLowerSnake(service) { throw fail("service", service, "service must be a non-empty lower_snake name such as 'anthropic'") }
        if !isLowerSnake(unit) { throw fail("unit", unit, "unit must be a non-empty lower_snake name such as 'input_tokens'") }
    }

    /// Throws `StorageError.invalidRecord` naming the first field that breaks the schema.
    package static func validate(_ r: borrowing UsageRecord, index: Int? = nil) throws {
        try validateStrings(projectId: r.projectId, service: r.service, unit: r.unit, index: index)
        try validateNumbers(ts: r.ts, quantity: r.quantity, durationMs: r.durationMs, index: index)
    }

    /// Checks every row of a columnar batch, calling `bad` with each row that breaks the
    /// schema and the error naming its field, in row order. A distinct text value is
    /// checked once, not once per row.
    package static func validate(_ columns: UsageColumns, bad: (Int, StorageError) throws -> Void) rethrows {
        func flags(_ column: UsageColumns.TextColumn, _ ok: (String) -> Bool) -> [Bool] {
            [false] + column.values.map(ok)
        }
        let service = columns.text[Int(Column.service.rawValue)], unit = columns.text[Int(Column.unit.rawValue)]
        let projectOK = flags(columns.projectId) { !$0.isEmpty && !containsNUL($0) }
        let serviceOK = flags(service, isLowerSnake), unitOK = flags(unit, isLowerSnake)
        for row in 0..<columns.count {
            do {
                if !(projectOK[Int(columns.projectId.codes[row])] && serviceOK[Int(service.codes[row])] && unitOK[Int(unit.codes[row])]) {
                    try validateStrings(
                        projectId: columns.projectId.value(at: row) ?? "", service: service.value(at: row) ?? "",
                        unit: unit.value(at: row) ?? "", index: row)
                }
                try validateNumbers(ts: columns.ts[row], quantity: columns.quantity[row], durationMs: columns.durationMs.value(at: row), index: row)
            } catch let error as StorageError {
                try bad(row, error)
            } catch {
                preconditionFailure("validation throws only StorageError")
            }
        }
    }

    static func validateNumbers(ts: Int64, quantity: Double, durationMs: Int64?, index: Int?) throws {
        func fail(_ field: String, _ value: String, _ reason: String) -> StorageError {
            .invalidRecord(field: field, value: value, reason: reason, index: index)
        }
        if ts < minTs || ts >= maxTsExclusive {
            throw fail("ts", String(ts), "timestamp must be between 1970-01-01 and 9999-12-31 (ms since epoch)")
        }
        if quantity.isNaN { throw fail("quantity", "nan", "quantity must be a number") }
        if quantity.isInfinite { throw fail("quantity", String(quantity), "quantity must be finite") }
        if quantity < 0 { throw fail("quantity", String(quantity), "quantity must not be negative") }
        if quantity == 0 && quantity.sign == .minus { throw fail("quantity", "-0.0", "quantity must not be negative zero") }
        if let d = durationMs, d < 0 { throw fail("duration_ms", String(d), "duration_ms must not be negative") }
    }

    static func isLowerSnake(_ s: String) -> Bool {
        // Contiguous UTF-8 when available (native strings): a tight loop over bytes.
        if let result = s.utf8.withContiguousStorageIfAvailable({ bytes -> Bool in
            guard !bytes.isEmpty else { return false }
            for b in bytes where !isSnakeByte(b) { return false }
            return true
        }) {
            return result
        }
        guard !s.isEmpty else { return false }
        return s.utf8.allSatisfy(isSnakeByte)
    }

    @inline(__always)
    static func isSnakeByte(_ b: UInt8) -> Bool {
        (b &- 97) < 26 || (b &- 48) < 10 || b == 95
    }

    static func containsNUL(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { $0.contains(0) } ?? s.utf8.contains(0)
    }
}
