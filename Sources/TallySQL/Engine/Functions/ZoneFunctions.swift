/// Casts to and from TIMESTAMP WITH TIME ZONE, and the conversions between instants and
/// wall times that `AT TIME ZONE`, `timezone()` and the calendar functions of an instant
/// use, in a given zone (the session's, or the one named).
///
/// As DuckDB (with ICU) does them:
/// - TIMESTAMP -> WITH TIME ZONE reads the timestamp as the zone's wall time; back, the
///   instant's wall time in the zone; DATE -> WITH TIME ZONE is the zone's midnight;
///   WITH TIME ZONE -> DATE the zone's day.
/// - Text without an offset is a wall time of the zone; with one (`Z`, `+05:30`), that
///   instant. An instant prints as its wall time and offset: `2026-06-01 17:45:00+05:45`.
package enum ZoneCasts {
    /// `v` of type `from` as `to`, one of them TIMESTAMP WITH TIME ZONE, in `zone`.
    static func cast(_ v: ScalarValue, from: LogicalType, to: LogicalType, zone: SessionZone, _ range: SourceRange) throws(SQLError) -> ScalarValue {
        if v.isNull { return .null }
        if from == to { return v }
        var cursor = zone.cursor()
        switch (from, to, v) {
        case (.timestamp, .timestamptz, .timestamp(let t)): return .timestamp(cursor.instant(t))
        case (.date, .timestamptz, .date(let d)):
            let (midnight, o) = Int64(d).multipliedReportingOverflow(by: TemporalText.microsPerDay)
            if o { throw Cast.failure(v, from, to, range, "out of range") }
            return .timestamp(cursor.instant(midnight))
        case (.varchar, .timestamptz, .string(let s)):
            guard let (t, hasOffset) = TemporalText.parseTimestampAndZone(s) else { throw Cast.failure(v, from, to, range) }
            return .timestamp(hasOffset ? t : cursor.instant(t))
        case (.timestamptz, .timestamp, .timestamp(let t)): return .timestamp(cursor.local(t))
        case (.timestamptz, .date, .timestamp(let t)):
            return .date(Int32(truncatingIfNeeded: TemporalText.floorDiv(cursor.local(t), TemporalText.microsPerDay)))
        case (.timestamptz, .varchar, .timestamp(let t)): return .string(zone.text(t))
        case (.null, _, _): return .null
        default: throw Cast.failure(v, from, to, range)
        }
    }

    /// A kernel casting vectors between `from` and `to` (one of them WITH TIME ZONE).
    static func kernel(from: LogicalType, to: LogicalType, zone: SessionZone, isTry: Bool, at range: SourceRange) -> ScalarKernel {
        switch (from, to) {
        case (.timestamp, .timestamptz): return instants(of: zone)
        case (.timestamptz, .timestamp): return wallTimes(in: zone)
        default:
            return RowKernel.make(to) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                do throws(SQLError) {
                    return try cast(v[0], from: from, to: to, zone: zone, range)
                } catch {
                    if isTry { return .null }
                    throw error
                }
            }
        }
    }

    /// Wall times of `zone` to the instants they stand for (TIMESTAMP -> WITH TIME ZONE,
    /// `ts AT TIME ZONE 'zone'`).
    static func instants(of zone: SessionZone) -> ScalarKernel {
        map(.timestamptz, zone: zone) { cursor, t in cursor.instant(t) }
    }

    /// Instants to the wall times of `zone` (WITH TIME ZONE -> TIMESTAMP,
    /// `tstz AT TIME ZONE 'zone'`).
    static func wallTimes(in zone: SessionZone) -> ScalarKernel {
        map(.timestamp, zone: zone) { cursor, t in cursor.local(t) }
    }

    /// Row by row with one cursor per call (a cursor per row would ask the time zone
    /// database on every row): the calendar parts and arithmetic of an instant.
    static func rows(_ type: LogicalType, zone: SessionZone,
                     _ body: @escaping @Sendable (inout ZoneCursor, [ScalarValue]) throws(SQLError) -> ScalarValue) -> ScalarKernel {
        return { (a: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
            var cursor = zone.cursor()
            return try RowKernel.apply(a, count: n, type: type, strict: true) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                try body(&cursor, v)
            }
        }
    }

    /// The same values under another type (an instant read as a TIMESTAMP in UTC, and back).
    static func relabel(_ type: LogicalType) -> ScalarKernel {
        return { a, _ in var v = a[0]; v.type = type; return v }
    }

    /// Row by row over an Int64 vector, with one cursor for the whole vector; constants once.
    private static func map(_ type: LogicalType, zone: SessionZone, _ f: @escaping @Sendable (inout ZoneCursor, Int64) -> Int64) -> ScalarKernel {
        return { (a: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
            let x = a[a.count - 1]
            if zone.isUTC { var v = x; v.type = type; return v }
            var cursor = zone.cursor()
            switch x.storage {
            case .int64(let xs):
                let out = [Int64](unsafeUninitializedCapacity: n) { o, made in
                    for i in 0..<n { o[i] = f(&cursor, xs[i]) }
                    made = n
                }
                return ColumnVector(type: type, storage: .int64(out), validity: x.validity, count: n)
            case .constant(.timestamp(let t)):
                return .constant(.timestamp(f(&cursor, t)), type: type, count: n)
            default:
                return try RowKernel.apply([x], count: n, type: type, strict: true) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                    guard case .timestamp(let t) = v[0] else { return .null }
                    return .timestamp(f(&cursor, t))
                }
            }
        }
    }
}
