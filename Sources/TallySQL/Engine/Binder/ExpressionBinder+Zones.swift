/// TIMESTAMP WITH TIME ZONE: `AT TIME ZONE` and `timezone()`, casts in the session's
/// zone, calendar functions of an instant (which read it as the zone's wall time, as
/// DuckDB's ICU functions do), and + / - of INTERVALs.
extension ExpressionBinder {
    /// Functions of an instant that read its wall time in the session's zone; of these,
    /// `date_trunc` gives the instant of the truncated wall time back.
    static let wallTimeFunctions: Set<String> = [
        "date_part", "datepart", "year", "month", "day", "dayofmonth", "hour", "minute", "second", "millisecond",
        "microsecond", "dayofweek", "dow", "isodow", "dayofyear", "doy", "week", "weekofyear", "yearweek", "quarter",
        "dayname", "monthname", "decade", "century", "millennium", "era", "isoyear", "last_day", "strftime",
        "date_diff", "datediff", "date_sub", "datesub", "date_trunc", "datetrunc",
    ]
    /// Parts of `date_diff` and `date_sub` that count elapsed time between instants; the
    /// larger ones count the zone's calendar.
    static let elapsedTimeParts: Set<String> = [
        "hour", "hours", "h", "hr", "hrs", "minute", "minutes", "m", "min", "mins", "second", "seconds", "s", "sec", "secs",
        "millisecond", "milliseconds", "ms", "msec", "msecs", "microsecond", "microseconds", "us", "usec", "usecs",
    ]
    /// Functions of an instant that do not depend on a zone (DuckDB's `time_bucket` of an
    /// instant buckets in UTC by default).
    static let instantFunctions: Set<String> = ["epoch", "epoch_ms", "epoch_us", "epoch_ns", "time_bucket"]

    /// `x AT TIME ZONE zone`: a TIMESTAMP read as the zone's wall time gives the instant
    /// (WITH TIME ZONE); an instant gives its wall time there (TIMESTAMP). A DATE is its
    /// midnight.
    func bindAtTimeZone(_ x: BoundExpression, _ zoneName: BoundExpression, _ r: SourceRange) throws(SQLError) -> BoundExpression {
        guard let value = zoneName.constantValue else {
            throw SQLError(.unsupported, "AT TIME ZONE takes a constant zone name in Tally's SQL", at: r,
                           hint: "write ts AT TIME ZONE 'America/New_York'")
        }
        guard case .string(let name) = value else {
            if value.isNull { return .constant(.null, x.type == .timestamptz ? .timestamp : .timestamptz) }
            throw SQLError(.invalidArgument, "AT TIME ZONE takes a zone name (text), not \(zoneName.type)", at: r)
        }
        guard let target = SessionZone(named: name) else {
            throw SQLError(.invalidArgument, "unknown time zone '\(name)'", at: r,
                           hint: "zones are IANA names: " + SessionZone.suggestions(for: name).map { "'\($0)'" }.joined(separator: ", "))
        }
        var input = x
        if input.type == .date { input = try cast(input, to: .timestamp, at: r) }
        if input.type == .varchar, input.constantValue != nil { input = try cast(input, to: .timestamp, at: r) }
        switch input.type {
        case .timestamp:
            return fold(.call(BoundFunction(name: "timezone", returnType: .timestamptz, canFail: false,
                                            kernel: ZoneCasts.instants(of: target)), [input]))
        case .timestamptz:
            return fold(.call(BoundFunction(name: "timezone", returnType: .timestamp, canFail: false,
                                            kernel: ZoneCasts.wallTimes(in: target)), [input]))
        case .null:
            return .constant(.null, .timestamptz)
        default:
            throw SQLError(.invalidArgument, "AT TIME ZONE takes a TIMESTAMP or a TIMESTAMP WITH TIME ZONE, not \(input.type)", at: r)
        }
    }

    /// A cast to or from WITH TIME ZONE, in the session's zone.
    func zoneCast(_ e: BoundExpression, to type: LogicalType, isTry: Bool, at r: SourceRange) throws(SQLError) -> BoundExpression {
        if let v = e.constantValue {
            do throws(SQLError) {
                return .constant(try ZoneCasts.cast(v, from: e.type, to: type, zone: zone, r), type)
            } catch {
                if isTry { return .constant(.null, type) }
                throw error
            }
        }
        let name = (isTry ? "TRY_CAST" : "CAST")
        return .call(BoundFunction(name: "\(name)_\(type)", returnType: type, canFail: !isTry,
                                   kernel: ZoneCasts.kernel(from: e.type, to: type, zone: zone, isTry: isTry, at: r)), [e])
    }

    /// An instant's value read as a TIMESTAMP (UTC), without converting it.
    func asUTCTimestamp(_ e: BoundExpression) -> BoundExpression {
        if let v = e.constantValue { return .constant(v, .timestamp) }
        return .call(BoundFunction(name: "instant", returnType: .timestamp, canFail: false, kernel: ZoneCasts.relabel(.timestamp)), [e])
    }

    /// A call with an instant among its arguments, or `timezone(zone, x)`; nil for other
    /// calls (bound as usual). `bindResolved` binds the call once its arguments are rewritten.
    func bindZonedCall(_ name: String, _ args: [BoundExpression], _ call: SyntaxCall,
                       bindResolved: ([BoundExpression]) throws(SQLError) -> BoundExpression) throws(SQLError) -> BoundExpression? {
        if name == "timezone", args.count == 2 { return try bindAtTimeZone(args[1], args[0], call.range) }
        guard args.contains(where: { $0.type == .timestamptz }) else { return nil }
        // The instants read as TIMESTAMPs in UTC, for the functions that read the instant.
        let utc = args.map { $0.type == .timestamptz ? asUTCTimestamp($0) : $0 }
        if ExpressionBinder.instantFunctions.contains(name) {
            let bound = try bindResolved(utc)
            guard name == "time_bucket", bound.type == .timestamp else { return bound }
            return fold(.call(BoundFunction(name: "instant", returnType: .timestamptz, canFail: false, kernel: ZoneCasts.relabel(.timestamptz)), [bound]))
        }
        guard ExpressionBinder.wallTimeFunctions.contains(name) else { return nil }
        if name == "date_part" || name == "datepart", case .string(let part)? = args.first?.constantValue {
            switch part.lowercased() {
            case "epoch":
                return try bindResolved(utc)
            case "timezone", "timezone_hour", "timezone_minute":
                return try bindOffsetPart(part.lowercased(), args[1])
            default: break
            }
        }
        if name == "date_diff" || name == "datediff", args.count == 3, case .string(let part)? = args.first?.constantValue,
           ["hour", "hours", "h", "hr", "hrs"].contains(part.lowercased()) {
            return try bindHourDifference(args, call.range)
        }
        if ["date_diff", "datediff", "date_sub", "datesub"].contains(name), case .string(let part)? = args.first?.constantValue,
           ExpressionBinder.elapsedTimeParts.contains(part.lowercased()) {
            // Hours and smaller count elapsed time (a 23-hour day has 23), as ICU does.
            return try bindResolved(utc)
        }
        if name == "strftime", args.contains(where: { a in
            if case .string(let f)? = a.constantValue { return f.contains("%z") || f.contains("%Z") }
            return false
        }) {
            throw SQLError(.unsupported, "strftime of a TIMESTAMP WITH TIME ZONE with %z or %Z is not supported by Tally's SQL yet", at: call.range,
                           hint: "format the wall time: strftime(x AT TIME ZONE 'zone', ...)")
        }
        let local = args.map { a -> BoundExpression in
            guard a.type == .timestamptz else { return a }
            return fold(.call(BoundFunction(name: "timezone", returnType: .timestamp, canFail: false, kernel: ZoneCasts.wallTimes(in: zone)), [a]))
        }
        let bound = try bindResolved(local)
        guard name == "date_trunc" || name == "datetrunc", bound.type == .timestamp else { return bound }
        return fold(.call(BoundFunction(name: "timezone", returnType: .timestamptz, canFail: false, kernel: ZoneCasts.instants(of: zone)), [bound]))
    }

    /// `date_diff('hour', a, b)` of instants, as DuckDB's ICU counts it: each instant cut to
    /// the start of its hour on the session zone's clock (a wall time the zone shows twice
    /// read as the later instant), then the whole hours between the two starts, towards
    /// zero. In a zone half an hour off UTC the hours start at :30 UTC; across the hour
    /// clocks fall back, 01:30 EDT and 01:10 EST are 0 hours apart. Minutes and smaller count
    /// elapsed time from UTC's cuts, as before.
    func bindHourDifference(_ args: [BoundExpression], _ r: SourceRange) throws(SQLError) -> BoundExpression {
        var instants: [BoundExpression] = []
        for a in args.dropFirst() {
            instants.append(asUTCTimestamp(a.type == .timestamptz ? a : try cast(a, to: .timestamptz, at: r)))
        }
        let hour: Int64 = 3_600_000_000
        let kernel = ZoneCasts.rows(.bigint, zone: zone) { (cursor: inout ZoneCursor, v: [ScalarValue]) throws(SQLError) -> ScalarValue in
            guard case .timestamp(let a) = v[0], case .timestamp(let b) = v[1] else { return .null }
            let startA = cursor.instant(TemporalText.floorDiv(cursor.local(a), hour) * hour)
            let startB = cursor.instant(TemporalText.floorDiv(cursor.local(b), hour) * hour)
            let (d, o) = startB.subtractingReportingOverflow(startA)
            if o { throw SQLError(.overflow, "date_diff('hour', ...) is out of the range of BIGINT", at: r) }
            return .int(Int128(d / hour))
        }
        return fold(.call(BoundFunction(name: "date_diff", returnType: .bigint, canFail: true, kernel: kernel), instants))
    }

    /// `date_part('timezone' | 'timezone_hour' | 'timezone_minute', x)`: the session
    /// zone's offset at the instant, in seconds, whole hours, or the minutes past them.
    func bindOffsetPart(_ part: String, _ x: BoundExpression) throws(SQLError) -> BoundExpression {
        let zone = self.zone
        let kernel = ZoneCasts.rows(.bigint, zone: zone) { (cursor: inout ZoneCursor, v: [ScalarValue]) throws(SQLError) -> ScalarValue in
            guard case .timestamp(let t) = v[0] else { return .null }
            let seconds = cursor.offsetSeconds(t)
            switch part {
            case "timezone": return .int(Int128(seconds))
            case "timezone_hour": return .int(Int128(seconds / 3600))
            default: return .int(Int128(seconds % 3600 / 60))
            }
        }
        return fold(.call(BoundFunction(name: "date_part", returnType: .bigint, canFail: false, kernel: kernel), [x]))
    }

    /// `x ± interval` and `interval + x` for an instant `x`: months and days move the
    /// session zone's wall time (a day is 23 or 25 hours across a change of clocks), the
    /// time part moves the instant, as DuckDB does. `a - b` of two instants is their
    /// INTERVAL, as for TIMESTAMPs. Nil when neither operand is an instant.
    func bindZonedArithmetic(_ op: String, _ l: BoundExpression, _ rhs: BoundExpression, _ r: SourceRange) throws(SQLError) -> BoundExpression? {
        guard l.type == .timestamptz || rhs.type == .timestamptz else { return nil }
        if op == "-", l.type == .timestamptz || rhs.type == .timestamptz, l.type != .interval, rhs.type != .interval {
            let a = l.type == .timestamptz ? l : try cast(l, to: .timestamptz, at: r)
            let b = rhs.type == .timestamptz ? rhs : try cast(rhs, to: .timestamptz, at: r)
            guard let (type, kernel) = TemporalArithmetic.kernel("-", .timestamp, .timestamp, at: r) else { return nil }
            return try foldChecked(.call(BoundFunction(name: "-", returnType: type, canFail: true, kernel: kernel), [asUTCTimestamp(a), asUTCTimestamp(b)]), r)
        }
        let (instant, interval, negated): (BoundExpression, BoundExpression, Bool)
        if l.type == .timestamptz, rhs.type == .interval, op == "+" || op == "-" {
            (instant, interval, negated) = (l, rhs, op == "-")
        } else if l.type == .interval, rhs.type == .timestamptz, op == "+" {
            (instant, interval, negated) = (rhs, l, false)
        } else {
            throw SQLError(.invalidArgument, "no operator \(l.type) \(op) \(rhs.type)", at: r,
                           hint: "an instant takes + and - with INTERVALs")
        }
        let zone = self.zone
        let kernel = ZoneCasts.rows(.timestamptz, zone: zone) { (cursor: inout ZoneCursor, v: [ScalarValue]) throws(SQLError) -> ScalarValue in
            guard case .timestamp(let t) = v[0], case .interval(var i) = v[1] else { return .null }
            if negated { i = Interval(months: 0 &- i.months, days: 0 &- i.days, micros: 0 &- i.micros) }
            // The calendar part on the wall time, then the time part on the instant. Without
            // a calendar part the instant is not taken to its wall time and back: a wall time
            // the zone shows twice (01:30 on the night clocks fall back) would come back as
            // the later of the two instants.
            var start = t
            if i.months != 0 || i.days != 0 {
                guard let wall = TemporalArithmetic.add(cursor.local(t), Interval(months: i.months, days: i.days, micros: 0)) else {
                    throw SQLError(.invalidArgument, "timestamp out of range", at: r)
                }
                start = cursor.instant(wall)
            }
            let (moved, o) = start.addingReportingOverflow(i.micros)
            if o { throw SQLError(.invalidArgument, "timestamp out of range", at: r) }
            return .timestamp(moved)
        }
        return try foldChecked(.call(BoundFunction(name: op, returnType: .timestamptz, canFail: true, kernel: kernel), [instant, interval]), r)
    }
}
