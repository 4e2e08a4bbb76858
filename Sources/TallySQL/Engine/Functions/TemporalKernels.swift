import CTallyKernels

/// Vectorised date_part and date_trunc over TIMESTAMP (microseconds) and DATE (days)
/// vectors: one pass over the Int64s, the civil date computed once per run of equal days
/// (rows of a part come sorted by day, so that is once per day, not once per row).
enum TemporalKernels {
    /// Parts that are a remainder of the instant: microseconds per unit and units per cycle.
    static func clockUnit(_ part: String) -> (divisor: Int64, modulus: Int64)? {
        switch part {
        case "hour", "hours", "h", "hr", "hrs": return (3_600_000_000, 24)
        case "minute", "minutes", "m", "min", "mins": return (60_000_000, 60)
        case "second", "seconds", "s", "sec", "secs": return (1_000_000, 60)
        default: return nil
        }
    }

    /// Parts computed without the calendar.
    static func clockPart(_ part: String) -> (@Sendable (Int64) -> Int64)? {
        if let (divisor, modulus) = clockUnit(part) { return { wrap(TemporalText.floorDiv($0, divisor), modulus) } }
        switch part {
        case "dow", "dayofweek", "weekday":
            return { wrap(TemporalText.floorDiv($0, TemporalText.microsPerDay) + 4, 7) }
        case "isodow":
            return { wrap(TemporalText.floorDiv($0, TemporalText.microsPerDay) + 3, 7) + 1 }
        default: return nil
        }
    }

    /// `x mod m` in `0..<m`.
    @inline(__always)
    static func wrap(_ x: Int64, _ m: Int64) -> Int64 {
        let r = x % m
        return r < 0 ? r + m : r
    }

    /// The hour, minute or second of each instant: `floorDiv(x, divisor) mod modulus`.
    ///
    /// Instants in time order (a part's rows are, within a project and day) are divided
    /// once per hour, minute or second, and the rows inside it reuse the value; when the
    /// rows turn out not to be in order (a division for more than a quarter of them), the
    /// rest are divided one by one, as unsigned numbers when from 1970 on (no rounding
    /// towards minus infinity to correct). Inlined into each caller with constant divisor
    /// and modulus, so every division is a multiplication.
    @inline(__always)
    static func clockParts(_ v: UnsafeBufferPointer<Int64>, into o: UnsafeMutableBufferPointer<Int64>, _ n: Int,
                           divisor d: Int64, modulus m: Int64) {
        var lo = Int64.max, hi = Int64.min, value: Int64 = 0
        var divisions = 0
        var i = 0
        if n > 0, tally_clock_parts_has_vector_path() != 0 {
            // With AVX-512, eight rows divided at a time through doubles cost less than the
            // reuse's test and branch per row: `GROUP BY extract(hour FROM ts)` with a sum,
            // per_step 10M, 17.2 ms against 19.5 ms, many_small 16.3 against 17.3. The C
            // loop divides by a variable, so without the vector path the Swift loops stay.
            tally_clock_parts(v.baseAddress!, n, d, m, o.baseAddress!)
            return
        }
        while i < n {
            let x = v[i]
            if x < lo || x >= hi {
                divisions += 1
                if divisions > 64 && divisions * 4 > i { break }
                let b = TemporalText.floorDiv(x, d)
                lo = b &* d
                hi = lo &+ d
                value = wrap(b, m)
            }
            o[i] = value
            i += 1
        }
        while i < n {
            let x = v[i]
            o[i] = x >= 0 ? Int64(UInt64(x) / UInt64(d) % UInt64(m)) : wrap(TemporalText.floorDiv(x, d), m)
            i += 1
        }
    }

    /// A kernel for `date_part(part, x)` with a constant part, or nil when the general
    /// kernel must run (epoch and julian give DOUBLEs).
    static func datePart(_ part: String, input: LogicalType) -> ScalarKernel? {
        guard part != "epoch", part != "julian", DatePart.isKnown(part) else { return nil }
        let perDay: Int64 = input == .date ? 1 : TemporalText.microsPerDay
        let clock = clockPart(part)
        return { (args: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
            let x = args[args.count - 1]
            guard case .int64(let values) = x.storage else {
                return try RowKernel.apply(args, count: n, type: .bigint, strict: true) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                    DateFunctions.micros(v[v.count - 1]).flatMap { DatePart.extract(part, $0) } ?? .null
                }
            }
            var out = [Int64](repeating: 0, count: n)
            let timeDependent = clock != nil || part.hasPrefix("milli") || part.hasPrefix("micro") || part == "ms" || part == "us"
            values.withUnsafeBufferPointer { v in
                if clock != nil, perDay != 1 {
                    out.withUnsafeMutableBufferPointer { o in
                        // One loop per part, with the divisor a constant the compiler turns
                        // into a multiplication.
                        switch clockUnit(part)?.divisor {
                        case 3_600_000_000: clockParts(v, into: o, n, divisor: 3_600_000_000, modulus: 24)
                        case 60_000_000: clockParts(v, into: o, n, divisor: 60_000_000, modulus: 60)
                        case 1_000_000: clockParts(v, into: o, n, divisor: 1_000_000, modulus: 60)
                        default: for i in 0..<n { o[i] = clock!(v[i]) }
                        }
                    }
                    return
                }
                if perDay != 1, !timeDependent {
                    // Instants: a part of the calendar is the same all day, so a row inside
                    // the last row's day (two comparisons, no division) takes its value.
                    var lo = Int64.max, hi = Int64.min, value: Int64 = 0
                    for i in 0..<n {
                        let us = v[i]
                        if us < lo || us >= hi {
                            let day = TemporalText.floorDiv(us, TemporalText.microsPerDay)
                            lo = day &* TemporalText.microsPerDay
                            hi = lo &+ TemporalText.microsPerDay
                            if case .int(let r)? = DatePart.extract(part, us) { value = Int64(r) } else { value = 0 }
                        }
                        out[i] = value
                    }
                    return
                }
                var lastDay = Int64.min, lastValue: Int64 = 0
                for i in 0..<n {
                    let us = perDay == 1 ? v[i] &* TemporalText.microsPerDay : v[i]
                    let day = perDay == 1 ? v[i] : TemporalText.floorDiv(us, TemporalText.microsPerDay)
                    if !timeDependent, day == lastDay { out[i] = lastValue; continue }
                    if case .int(let r)? = DatePart.extract(part, us) { out[i] = Int64(r) }
                    lastDay = day
                    lastValue = out[i]
                }
            }
            return ColumnVector(type: .bigint, storage: .int64(out), validity: x.validity, count: n)
        }
    }

    /// A kernel for `date_trunc(unit, x)` with a constant unit, giving TIMESTAMPs.
    static func dateTrunc(_ unit: String, input: LogicalType) -> ScalarKernel? {
        guard DatePart.truncate(unit, 0) != nil else { return nil }
        let fixed: Int64? = {
            switch unit {
            case "microsecond", "microseconds", "us": return 1
            case "millisecond", "milliseconds", "ms": return 1000
            case "second", "seconds", "s": return 1_000_000
            case "minute", "minutes", "m": return 60_000_000
            case "hour", "hours", "h": return 3_600_000_000
            case "day", "days", "d", "dayofmonth", "dow", "isodow", "doy", "dayofyear": return TemporalText.microsPerDay
            default: return nil
            }
        }()
        return { (args: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
            let x = args[args.count - 1]
            guard case .int64(let values) = x.storage else {
                return try RowKernel.apply(args, count: n, type: .timestamp, strict: true) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                    DateFunctions.micros(v[v.count - 1]).flatMap { DatePart.truncate(unit, $0) }.map { .timestamp($0) } ?? .null
                }
            }
            var out = [Int64](repeating: 0, count: n)
            values.withUnsafeBufferPointer { v in
                let isDate = input == .date
                if let w = fixed {
                    for i in 0..<n {
                        let us = isDate ? v[i] &* TemporalText.microsPerDay : v[i]
                        out[i] = TemporalText.floorDiv(us, w) &* w
                    }
                    return
                }
                var lastDay = Int64.min, lastValue: Int64 = 0
                for i in 0..<n {
                    let day = isDate ? v[i] : TemporalText.floorDiv(v[i], TemporalText.microsPerDay)
                    if day != lastDay {
                        lastDay = day
                        lastValue = DatePart.truncate(unit, day &* TemporalText.microsPerDay) ?? 0
                    }
                    out[i] = lastValue
                }
            }
            return ColumnVector(type: .timestamp, storage: .int64(out), validity: x.validity, count: n)
        }
    }
}
