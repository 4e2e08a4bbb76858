/// Checks records against the schema before anything is buffered.
public enum RecordValidator {
    /// The earliest timestamp accepted: 1970-01-01T00:00:00Z.
    public static let minTs: Int64 = 0
    /// One past the latest timestamp accepted: 10000-01-01T00:00:00Z.
    public static let maxTsExclusive: Int64 = Int64(CivilDate.dayNumber(year: 10000, month: 1, day: 1)) * CivilDate.millisecondsPerDay

    /// Throws `StorageError.invalidRecord` naming the first field that breaks the schema.
    public static func validate(_ r: UsageRecord, index: Int? = nil) throws {
        func fail(_ field: String, _ value: String, _ reason: String) -> StorageError {
            .invalidRecord(field: field, value: value, reason: reason, index: index)
        }
        if r.projectId.isEmpty { throw fail("project_id", "", "project_id is required and must not be empty") }
        if r.projectId.utf8.contains(0) { throw fail("project_id", r.projectId, "project_id must not contain NUL") }
        if r.ts < minTs || r.ts >= maxTsExclusive {
            throw fail("ts", String(r.ts), "timestamp must be between 1970-01-01 and 9999-12-31 (ms since epoch)")
        }
        if !isLowerSnake(r.service) { throw fail("service", r.service, "service must be a non-empty lower_snake name such as 'anthropic'") }
        if !isLowerSnake(r.unit) { throw fail("unit", r.unit, "unit must be a non-empty lower_snake name such as 'input_tokens'") }
        if r.quantity.isNaN { throw fail("quantity", "nan", "quantity must be a number") }
        if r.quantity.isInfinite { throw fail("quantity", String(r.quantity), "quantity must be finite") }
        if r.quantity < 0 { throw fail("quantity", String(r.quantity), "quantity must not be negative") }
        if r.quantity == 0 && r.quantity.sign == .minus { throw fail("quantity", "-0.0", "quantity must not be negative zero") }
        if let d = r.durationMs, d < 0 { throw fail("duration_ms", String(d), "duration_ms must not be negative") }
    }

    static func isLowerSnake(_ s: String) -> Bool {
        guard !s.isEmpty else { return false }
        for b in s.utf8 {
            let ok = (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
                || b == UInt8(ascii: "_")
            if !ok { return false }
        }
        return true
    }
}
