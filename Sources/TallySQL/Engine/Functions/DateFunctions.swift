import Foundation

/// Date and time functions, DuckDB's names and semantics, over DATE and TIMESTAMP (UTC).
enum DateFunctions {
    static let partFunctions = [
        "year", "month", "day", "dayofmonth", "hour", "minute", "second", "millisecond", "microsecond", "dayofweek",
        "weekday", "isodow", "dayofyear", "week", "weekofyear", "quarter", "isoyear", "yearweek", "decade", "century", "millennium", "era",
    ]

    static let names = partFunctions + [
        "date_trunc", "datetrunc", "date_part", "datepart", "extract", "strftime", "strptime", "try_strptime", "date_diff", "datediff",
        "date_sub", "datesub", "date_add", "epoch", "epoch_ms", "epoch_us", "epoch_ns", "make_date", "make_timestamp", "to_timestamp",
        "time_bucket", "current_date", "today", "now", "current_timestamp", "get_current_timestamp", "localtimestamp", "last_day",
        "dayname", "monthname",
    ]

    /// Microseconds of a DATE or TIMESTAMP value.
    static func micros(_ v: ScalarValue) -> Int64? {
        switch v {
        case .timestamp(let t): return t
        case .date(let d): return Int64(d) * TemporalText.microsPerDay
        default: return nil
        }
    }

    static func isTemporal(_ t: LogicalType) -> Bool { t == .date || t == .timestamp }

    /// strftime with a constant format of days alone (`%Y-%m`, `%Y-%m-%d`, `%A`...): the
    /// instants are cut to their midnights first, so the row kernel, which reuses the
    /// answer of a repeated argument, formats each day once, not each row (it formatted
    /// every one of 10M timestamps: 0.10x DuckDB, session 16).
    static func byDay(_ rows: @escaping ScalarKernel, instant: Int) -> ScalarKernel {
        return { (args: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
            guard case .constant(.string(let format)) = args[1 - instant].storage, TimeFormat.isDayOnly(format),
                  args[instant].type == .timestamp, case .int64(let us) = args[instant].storage else { return try rows(args, n) }
            var cut = args
            cut[instant].storage = .int64(us.map { TemporalText.floorDiv($0, TemporalText.microsPerDay) &* TemporalText.microsPerDay })
            return try rows(cut, n)
        }
    }

    /// The type a temporal argument is taken as: DATE and TIMESTAMP as they are, text as TIMESTAMP.
    static func temporalArgument(_ name: String, _ args: [FunctionArgument], _ i: Int, _ range: SourceRange) throws(SQLError) -> LogicalType {
        let t = args[i].type
        if isTemporal(t) { return t }
        if t == .varchar || t == .null { return .timestamp }
        throw FunctionCatalog.wrongType(name, args, range, expected: "a DATE or TIMESTAMP")
    }

    static func partName(_ name: String, _ arg: FunctionArgument, _ range: SourceRange) throws(SQLError) -> String? {
        guard arg.type == .varchar else { throw SQLError(.invalidArgument, "the first argument of \(name) is a quoted unit", at: range) }
        guard case .string(let s)? = arg.constant else { return nil }
        return s.lowercased()
    }

    static func resolve(_ name: String, _ args: [FunctionArgument], at range: SourceRange) throws(SQLError) -> ResolvedFunction? {
        if partFunctions.contains(name) {
            try FunctionCatalog.arity(name, args, 1...1, range)
            let t = try temporalArgument(name, args, 0, range)
            let part = name == "weekday" ? "dow" : name
            if t != .varchar, let fast = TemporalKernels.datePart(part, input: t) {
                return ResolvedFunction(argumentTypes: [t], returnType: .bigint, kernel: fast)
            }
            return ResolvedFunction(argumentTypes: [t], returnType: .bigint, kernel: RowKernel.make(.bigint) { v in
                micros(v[0]).flatMap { DatePart.extract(part, $0) } ?? .null
            })
        }
        switch name {
        case "date_part", "datepart":
            try FunctionCatalog.arity(name, args, 2...2, range)
            let t = try temporalArgument(name, args, 1, range)
            let fixed = try partName(name, args[0], range)
            if let fixed, !DatePart.isKnown(fixed) { throw unknownPart(fixed, range) }
            let type: LogicalType = fixed == "epoch" || fixed == "julian" ? .double : .bigint
            if let fixed, let fast = TemporalKernels.datePart(fixed, input: t) {
                return ResolvedFunction(argumentTypes: [.varchar, t], returnType: .bigint, kernel: fast)
            }
            return ResolvedFunction(argumentTypes: [.varchar, t], returnType: type, kernel: RowKernel.make(type) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                guard case .string(let p) = v[0], let us = micros(v[1]) else { return .null }
                guard let r = DatePart.extract(p.lowercased(), us) else { throw unknownPart(p, range) }
                return r
            }, canFail: fixed == nil)
        case "date_trunc", "datetrunc":
            try FunctionCatalog.arity(name, args, 2...2, range)
            let t = try temporalArgument(name, args, 1, range)
            let fixed = try partName(name, args[0], range)
            if let fixed, DatePart.truncate(fixed, 0) == nil { throw unknownPart(fixed, range) }
            // DuckDB's date_trunc gives a TIMESTAMP for DATE input too.
            let out: LogicalType = .timestamp
            if let fixed, let fast = TemporalKernels.dateTrunc(fixed, input: t) {
                return ResolvedFunction(argumentTypes: [.varchar, t], returnType: out, kernel: fast)
            }
            return ResolvedFunction(argumentTypes: [.varchar, t], returnType: out, kernel: RowKernel.make(out) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                guard case .string(let p) = v[0], let us = micros(v[1]) else { return .null }
                guard let r = DatePart.truncate(p.lowercased(), us) else { throw unknownPart(p, range) }
                return out == .date ? .date(Int32(truncatingIfNeeded: r / TemporalText.microsPerDay)) : .timestamp(r)
            }, canFail: fixed == nil)
        case "epoch":
            try FunctionCatalog.arity(name, args, 1...1, range)
            let t = try temporalArgument(name, args, 0, range)
            return ResolvedFunction(argumentTypes: [t], returnType: .double, kernel: RowKernel.make(.double) { v in
                micros(v[0]).map { .double(Double($0) / 1_000_000) } ?? .null
            })
        case "epoch_ms", "epoch_us", "epoch_ns":
            try FunctionCatalog.arity(name, args, 1...1, range)
            let scale: Int64 = name == "epoch_ms" ? 1000 : 1
            if args[0].type.isInteger {
                // epoch_ms(n): the instant n milliseconds after the epoch.
                return ResolvedFunction(argumentTypes: [.bigint], returnType: .timestamp, kernel: RowKernel.make(.timestamp) { v in
                    guard case .int(let n) = v[0] else { return .null }
                    return name == "epoch_ns" ? .timestamp(Int64(n / 1000)) : .timestamp(Int64(clamping: n * Int128(scale)))
                })
            }
            let t = try temporalArgument(name, args, 0, range)
            let perRow = RowKernel.make(.bigint) { v in
                guard let us = micros(v[0]) else { return .null }
                if name == "epoch_ns" { return .int(Int128(us) * 1000) }
                return .int(Int128(TemporalText.floorDiv(us, scale)))
            }
            guard t == .timestamp, name != "epoch_ns" else {
                return ResolvedFunction(argumentTypes: [t], returnType: .bigint, kernel: perRow)
            }
            // Instants in a vector: one division per row (epoch_ms(ts) made a call per row).
            return ResolvedFunction(argumentTypes: [t], returnType: .bigint, kernel: { (args: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
                guard case .int64(let xs) = args[0].storage else { return try perRow(args, n) }
                let out = scale == 1 ? xs : xs.map { TemporalText.floorDiv($0, scale) }
                return ColumnVector(type: .bigint, storage: .int64(out), validity: args[0].validity, count: n)
            })
        case "to_timestamp":
            try FunctionCatalog.arity(name, args, 1...1, range)
            // An instant: TIMESTAMP WITH TIME ZONE, as DuckDB gives it.
            return ResolvedFunction(argumentTypes: [.double], returnType: .timestamptz, kernel: RowKernel.make(.timestamptz) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                guard case .double(let s) = v[0], s.isFinite, abs(s) < 9.2e12 else {
                    throw SQLError(.invalidArgument, "to_timestamp: the value is out of range", at: range)
                }
                return .timestamp(Int64((s * 1_000_000).rounded()))
            }, canFail: true)
        case "make_date":
            try FunctionCatalog.arity(name, args, 3...3, range)
            return ResolvedFunction(argumentTypes: [.bigint, .bigint, .bigint], returnType: .date, kernel: RowKernel.make(.date) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                let y = StringFunctions.int(v[0]), m = StringFunctions.int(v[1]), d = StringFunctions.int(v[2])
                guard (1...12).contains(m), d >= 1, abs(y) < 300_000, d <= TemporalText.daysInMonth(year: y, month: m) else {
                    throw SQLError(.invalidArgument, "make_date(\(y), \(m), \(d)) is not a date", at: range)
                }
                return .date(TemporalText.dayNumber(year: y, month: m, day: d))
            }, canFail: true)
        case "make_timestamp":
            if args.count == 1 {
                return ResolvedFunction(argumentTypes: [.bigint], returnType: .timestamp, kernel: RowKernel.make(.timestamp) { v in
                    guard case .int(let n) = v[0], let t = Int64(exactly: n) else { return .null }
                    return .timestamp(t)
                })
            }
            try FunctionCatalog.arity(name, args, 6...6, range)
            return ResolvedFunction(argumentTypes: [.bigint, .bigint, .bigint, .bigint, .bigint, .double], returnType: .timestamp,
                                    kernel: RowKernel.make(.timestamp) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                let y = StringFunctions.int(v[0]), m = StringFunctions.int(v[1]), d = StringFunctions.int(v[2])
                let h = StringFunctions.int(v[3]), mi = StringFunctions.int(v[4])
                guard case .double(let s) = v[5], (1...12).contains(m), d >= 1, abs(y) < 300_000, d <= TemporalText.daysInMonth(year: y, month: m),
                      (0...24).contains(h), (0...59).contains(mi), s >= 0, s < 61 else {
                    throw SQLError(.invalidArgument, "make_timestamp: the fields do not make a timestamp", at: range)
                }
                let day = Int64(TemporalText.dayNumber(year: y, month: m, day: d))
                return .timestamp(day * TemporalText.microsPerDay + Int64(h) * 3_600_000_000 + Int64(mi) * 60_000_000 + Int64((s * 1_000_000).rounded()))
            }, canFail: true)
        case "current_date", "today":
            try FunctionCatalog.arity(name, args, 0...0, range)
            let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
            return ResolvedFunction(argumentTypes: [], returnType: .date, kernel: { _, n in
                .constant(.date(Int32(truncatingIfNeeded: TemporalText.floorDiv(now, TemporalText.microsPerDay))), type: .date, count: n)
            })
        case "now", "current_timestamp", "get_current_timestamp", "localtimestamp":
            try FunctionCatalog.arity(name, args, 0...0, range)
            let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
            return ResolvedFunction(argumentTypes: [], returnType: .timestamp, kernel: { _, n in .constant(.timestamp(now), type: .timestamp, count: n) })
        case "last_day":
            try FunctionCatalog.arity(name, args, 1...1, range)
            let t = try temporalArgument(name, args, 0, range)
            return ResolvedFunction(argumentTypes: [t], returnType: .date, kernel: RowKernel.make(.date) { v in
                guard let us = micros(v[0]) else { return .null }
                let c = TemporalText.civil(Int32(truncatingIfNeeded: TemporalText.floorDiv(us, TemporalText.microsPerDay)))
                return .date(TemporalText.dayNumber(year: c.year, month: c.month + 1, day: 1) - 1)
            })
        case "dayname", "monthname":
            try FunctionCatalog.arity(name, args, 1...1, range)
            let t = try temporalArgument(name, args, 0, range)
            return ResolvedFunction(argumentTypes: [t], returnType: .varchar, kernel: RowKernel.make(.varchar) { v in
                guard let us = micros(v[0]) else { return .null }
                let day = Int32(truncatingIfNeeded: TemporalText.floorDiv(us, TemporalText.microsPerDay))
                if name == "dayname" { return .string(TimeFormat.dayNames[DatePart.isoDayOfWeek(day) % 7]) }
                return .string(TimeFormat.monthNames[TemporalText.civil(day).month - 1])
            })
        case "strftime":
            try FunctionCatalog.arity(name, args, 2...2, range)
            // DuckDB accepts strftime(format, ts) as well as strftime(ts, format).
            let swapped = args[0].type == .varchar && args[1].type != .varchar
            let t = try temporalArgument(name, args, swapped ? 1 : 0, range)
            let types: [LogicalType?] = swapped ? [.varchar, t] : [t, .varchar]
            let rows = RowKernel.make(.varchar) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                let (tv, fv) = swapped ? (v[1], v[0]) : (v[0], v[1])
                guard let us = micros(tv), case .string(let f) = fv else { return .null }
                return .string(try TimeFormat.format(us, f, at: range))
            }
            return ResolvedFunction(argumentTypes: types, returnType: .varchar, kernel: byDay(rows, instant: swapped ? 1 : 0), canFail: true)
        case "strptime", "try_strptime":
            try FunctionCatalog.arity(name, args, 2...2, range)
            let isTry = name == "try_strptime"
            return ResolvedFunction(argumentTypes: [.varchar, .varchar], returnType: .timestamp, kernel: RowKernel.make(.timestamp) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                guard case .string(let s) = v[0], case .string(let f) = v[1] else { return .null }
                if let t = TimeFormat.parse(s, f) { return .timestamp(t) }
                if isTry { return .null }
                throw SQLError(.invalidArgument, "could not parse '\(s)' with the format '\(f)'", at: range, hint: "use try_strptime to get NULL instead")
            }, canFail: !isTry)
        case "date_diff", "datediff", "date_sub", "datesub":
            try FunctionCatalog.arity(name, args, 3...3, range)
            let t1 = try temporalArgument(name, args, 1, range), t2 = try temporalArgument(name, args, 2, range)
            let t = t1 == t2 ? t1 : LogicalType.timestamp
            let isDiff = name == "date_diff" || name == "datediff"
            if let fixed = try partName(name, args[0], range), DatePart.truncate(fixed, 0) == nil { throw unknownPart(fixed, range) }
            return ResolvedFunction(argumentTypes: [.varchar, t, t], returnType: .bigint, kernel: RowKernel.make(.bigint) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                guard case .string(let p) = v[0], let a = micros(v[1]), let b = micros(v[2]) else { return .null }
                guard let r = isDiff ? DateDifference.diff(p.lowercased(), a, b) : DateDifference.sub(p.lowercased(), a, b) else { throw unknownPart(p, range) }
                return .int(Int128(r))
            }, canFail: true)
        case "date_add":
            try FunctionCatalog.arity(name, args, 2...2, range)
            let t = try temporalArgument(name, args, 0, range)
            return ResolvedFunction(argumentTypes: [t, .interval], returnType: .timestamp, kernel: RowKernel.make(.timestamp) { v in
                guard let us = micros(v[0]), case .interval(let i) = v[1], let r = TemporalArithmetic.add(us, i) else { return .null }
                return .timestamp(r)
            })
        case "time_bucket":
            try FunctionCatalog.arity(name, args, 2...3, range)
            let t = try temporalArgument(name, args, 1, range)
            var types: [LogicalType?] = [.interval, t]
            if args.count == 3 { types.append(args[2].type == .interval ? .interval : .timestamp) }
            return ResolvedFunction(argumentTypes: types, returnType: t, kernel: RowKernel.make(t) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                guard case .interval(let width) = v[0], let us = micros(v[1]) else { return .null }
                var origin: ScalarValue? = v.count > 2 ? v[2] : nil
                if case .interval(let offset)? = origin {
                    let base: Int64 = width.months != 0 ? 946_684_800_000_000 : 946_857_600_000_000
                    origin = TemporalArithmetic.add(base, offset).map { .timestamp($0) }
                }
                guard let r = try TimeBuckets.bucket(width, us, origin: origin.flatMap(micros), at: range) else { return .null }
                return t == .date ? .date(Int32(truncatingIfNeeded: TemporalText.floorDiv(r, TemporalText.microsPerDay))) : .timestamp(r)
            }, canFail: true)
        default:
            return nil
        }
    }

    static func unknownPart(_ p: String, _ range: SourceRange) -> SQLError {
        SQLError(.invalidArgument, "'\(p)' is not a date part", at: range,
                 hint: "use year, quarter, month, week, day, hour, minute, second, millisecond, microsecond, dow, isodow, doy or epoch")
    }
}

/// date_diff and date_sub: boundaries crossed, and whole units elapsed.
enum DateDifference {
    static func diff(_ part: String, _ a: Int64, _ b: Int64) -> Int64? {
        let da = Int64(TemporalText.floorDiv(a, TemporalText.microsPerDay)), db = Int64(TemporalText.floorDiv(b, TemporalText.microsPerDay))
        let ca = TemporalText.civil(Int32(truncatingIfNeeded: da)), cb = TemporalText.civil(Int32(truncatingIfNeeded: db))
        switch part {
        case "year", "years", "y", "yr": return Int64(cb.year - ca.year)
        case "quarter", "quarters": return Int64((cb.year * 12 + cb.month - 1) / 3 - (ca.year * 12 + ca.month - 1) / 3)
        case "month", "months", "mon": return Int64((cb.year * 12 + cb.month) - (ca.year * 12 + ca.month))
        case "week", "weeks", "w": return (db - da) / 7
        case "day", "days", "d", "dayofmonth", "dow", "isodow", "doy", "dayofyear": return db - da
        case "decade", "decades": return Int64(cb.year / 10 - ca.year / 10)
        case "century", "centuries": return Int64(cb.year / 100 - ca.year / 100)
        case "millennium", "millennia": return Int64(cb.year / 1000 - ca.year / 1000)
        case "hour", "hours", "h": return TemporalText.floorDiv(b, 3_600_000_000) - TemporalText.floorDiv(a, 3_600_000_000)
        case "minute", "minutes", "m": return TemporalText.floorDiv(b, 60_000_000) - TemporalText.floorDiv(a, 60_000_000)
        case "second", "seconds", "s": return TemporalText.floorDiv(b, 1_000_000) - TemporalText.floorDiv(a, 1_000_000)
        case "millisecond", "milliseconds", "ms": return TemporalText.floorDiv(b, 1000) - TemporalText.floorDiv(a, 1000)
        case "microsecond", "microseconds", "us": return b - a
        default: return nil
        }
    }

    static func sub(_ part: String, _ a: Int64, _ b: Int64) -> Int64? {
        switch part {
        case "year", "years", "y", "yr", "quarter", "quarters", "month", "months", "mon", "decade", "decades", "century", "centuries",
             "millennium", "millennia":
            let da = Int32(truncatingIfNeeded: TemporalText.floorDiv(a, TemporalText.microsPerDay))
            let db = Int32(truncatingIfNeeded: TemporalText.floorDiv(b, TemporalText.microsPerDay))
            let ca = TemporalText.civil(da), cb = TemporalText.civil(db)
            let timeA = a - Int64(da) * TemporalText.microsPerDay, timeB = b - Int64(db) * TemporalText.microsPerDay
            let isYears = !["quarter", "quarters", "month", "months", "mon"].contains(part)
            var months = Int64((cb.year * 12 + cb.month) - (ca.year * 12 + ca.month))
            // Whole months: the end's day and time must reach the start's; a month's last
            // day reaches any later day of the start (Jan 31 to Feb 29 is a month). Years
            // compare month, day and time as they are.
            var dayA = ca.day, dayB = cb.day
            if !isYears {
                if dayB == TemporalText.daysInMonth(year: cb.year, month: cb.month), dayA > dayB { dayA = dayB }
                if dayA == TemporalText.daysInMonth(year: ca.year, month: ca.month), dayB > dayA { dayB = dayA }
            }
            let restA = (isYears ? Int64(ca.month) * 32 : 0) * TemporalText.microsPerDay + Int64(dayA) * TemporalText.microsPerDay + timeA
            let restB = (isYears ? Int64(cb.month) * 32 : 0) * TemporalText.microsPerDay + Int64(dayB) * TemporalText.microsPerDay + timeB
            if isYears { months = Int64(cb.year - ca.year) * 12 }
            if months > 0 && restB < restA { months -= isYears ? 12 : 1 }
            if months < 0 && restB > restA { months += isYears ? 12 : 1 }
            let per: Int64
            switch part {
            case "quarter", "quarters": per = 3
            case "year", "years", "y", "yr": per = 12
            case "decade", "decades": per = 120
            case "century", "centuries": per = 1200
            case "millennium", "millennia": per = 12000
            default: per = 1
            }
            return months / per
        case "week", "weeks", "w": return (b - a) / (7 * TemporalText.microsPerDay)
        case "day", "days", "d", "dayofmonth", "dow", "isodow", "doy", "dayofyear": return (b - a) / TemporalText.microsPerDay
        case "hour", "hours", "h": return (b - a) / 3_600_000_000
        case "minute", "minutes", "m": return (b - a) / 60_000_000
        case "second", "seconds", "s": return (b - a) / 1_000_000
        case "millisecond", "milliseconds", "ms": return (b - a) / 1000
        case "microsecond", "microseconds", "us": return b - a
        default: return nil
        }
    }
}

/// time_bucket: fixed-width buckets from an origin (DuckDB's default origins: 2000-01-03
/// for day and sub-day widths, a Monday, and 2000-01-01 for month widths).
enum TimeBuckets {
    static func bucket(_ width: Interval, _ us: Int64, origin: Int64?, at range: SourceRange) throws(SQLError) -> Int64? {
        if width.months != 0 {
            guard width.days == 0, width.micros == 0, width.months > 0 else {
                throw SQLError(.invalidArgument, "time_bucket widths mix months with days or time", at: range)
            }
            let o = origin ?? 946_684_800_000_000
            let od = Int32(truncatingIfNeeded: TemporalText.floorDiv(o, TemporalText.microsPerDay))
            let co = TemporalText.civil(od)
            let d = Int32(truncatingIfNeeded: TemporalText.floorDiv(us, TemporalText.microsPerDay))
            let c = TemporalText.civil(d)
            let delta = (c.year * 12 + c.month) - (co.year * 12 + co.month)
            let m = Int(width.months)
            let k = delta >= 0 ? delta / m : (delta - m + 1) / m
            var start = TemporalArithmetic.add(o, Interval(months: Int32(k * m))) ?? o
            if start > us { start = TemporalArithmetic.add(o, Interval(months: Int32((k - 1) * m))) ?? o }
            return start
        }
        let w = Int64(width.days) * TemporalText.microsPerDay + width.micros
        guard w > 0 else { throw SQLError(.invalidArgument, "time_bucket needs a positive width", at: range) }
        let o = origin ?? 946_857_600_000_000
        return o + TemporalText.floorDiv(us - o, w) * w
    }
}
