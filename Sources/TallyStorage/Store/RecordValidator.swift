/// Checks records against the schema before anything is buffered.
public enum RecordValidator {
    /// The earliest timestamp accepted: 1970-01-01T00:00:00Z.
    public static let minTs: Int64 = 0
    /// One past the latest timestamp accepted: 10000-01-01T00:00:00Z.
    public static let maxTsExclusive: Int64 = Int64(CivilDate.dayNumber(year: 10000, month: 1, day: 1)) * CivilDate.millisecondsPerDay

    /// Remembers the last strings that passed, so that a stream of records from one
    /// project and service re-checks only the numbers.
    public struct Cache: Sendable {
        // Raw bits of strings that passed (see StringBits): a few per field, since
        // records from several projects and services interleave.
        var projects = [StringBits](repeating: StringBits(), count: 8)
        var services = [StringBits](repeating: StringBits(), count: 8)
        var units = [StringBits](repeating: StringBits(), count: 8)
        var next = 0
        // Keeps the strings alive, so that their bits cannot be reused by another string.
        var keep = [String](repeating: "", count: 24)
        /// An empty cache.
        public init() {}

        func contains(_ list: [StringBits], _ bits: StringBits) -> Bool {
            for b in list where b == bits && bits != StringBits() { return true }
            return false
        }
    }

    /// `validate(_:index:)`, skipping the string checks of values that passed recently.
    @inline(__always)
    public static func validate(_ r: borrowing UsageRecord, index: Int? = nil, cache: inout Cache) throws {
        try withUnsafePointer(to: r) { try validate($0, index: index, cache: &cache) }
    }

    /// `validate(_:index:cache:)` for a record in place: its strings' raw bits are read
    /// without copying them.
    @inline(__always)
    static func validate(_ r: UnsafePointer<UsageRecord>, index: Int?, cache: inout Cache) throws {
        let raw = UnsafeRawPointer(r)
        let p = StringBits(raw: raw + UsageRecordLayout.projectIdOffset)
        let s = StringBits(raw: raw + UsageRecordLayout.serviceOffset)
        let u = StringBits(raw: raw + UsageRecordLayout.unitOffset)
        if cache.contains(cache.projects, p) && cache.contains(cache.services, s) && cache.contains(cache.units, u) {
            try validateNumbers(ts: r.pointee.ts, quantity: r.pointee.quantity, durationMs: r.pointee.durationMs, index: index)
            return
        }
        try validate(r.pointee, index: index, cache: &cache, bits: (p, s, u))
    }

    @inline(never)
    static func validate(_ r: UsageRecord, index: Int?, cache: inout Cache, bits: (StringBits, StringBits, StringBits)) throws {
        let (p, s, u) = bits
        try validate(r, index: index)
        let slot = cache.next
        cache.next = (slot + 1) & 7
        cache.projects[slot] = p
        cache.services[slot] = s
        cache.units[slot] = u
        cache.keep[slot * 3] = r.projectId
        cache.keep[slot * 3 + 1] = r.service
        cache.keep[slot * 3 + 2] = r.unit
    }

    /// Throws `StorageError.invalidRecord` naming the first field that breaks the schema.
    public static func validate(_ r: borrowing UsageRecord, index: Int? = nil) throws {
        func fail(_ field: String, _ value: String, _ reason: String) -> StorageError {
            .invalidRecord(field: field, value: value, reason: reason, index: index)
        }
        if r.projectId.isEmpty { throw fail("project_id", "", "project_id is required and must not be empty") }
        if containsNUL(r.projectId) { throw fail("project_id", r.projectId, "project_id must not contain NUL") }
        if !isLowerSnake(r.service) { throw fail("service", r.service, "service must be a non-empty lower_snake name such as 'anthropic'") }
        if !isLowerSnake(r.unit) { throw fail("unit", r.unit, "unit must be a non-empty lower_snake name such as 'input_tokens'") }
        try validateNumbers(ts: r.ts, quantity: r.quantity, durationMs: r.durationMs, index: index)
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
