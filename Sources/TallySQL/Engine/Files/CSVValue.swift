/// One CSV field read as a column type.
enum CSVValue {
    /// `text` as a value of `type`, or nil when it does not read as one.
    static func read(_ text: String, as type: LogicalType) -> ScalarValue? {
        switch type {
        case .varchar: return .string(text)
        case .boolean:
            if let b = CSVTypeSniffer.parseBoolean(text) { return .bool(b) }
            if text == "1" || text == "0" { return .bool(text == "1") }
            return nil
        case .integer: return Int32(text.trimmingSpaces).map { .int(Int128($0)) }
        case .bigint: return Int64(text.trimmingSpaces).map { .int(Int128($0)) }
        case .hugeint: return Int128(text.trimmingSpaces).map { .int($0) }
        case .double: return Double(text.trimmingSpaces).map { .double($0) }
        case .decimal(let w, let s):
            guard let x = Cast.parseNumber(text.trimmingSpaces, scale: s), x.magnitude < LogicalType.powerOfTen(w).magnitude else { return nil }
            return .int(x)
        case .date: return TemporalText.parseDate(text).map { .date($0) }
        case .timestamp: return TemporalText.parseTimestamp(text).map { .timestamp($0) }
        case .interval: return IntervalText.parse(text).map { .interval($0) }
        default: return nil
        }
    }
}
