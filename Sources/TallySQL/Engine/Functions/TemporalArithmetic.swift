/// Arithmetic on DATE, TIMESTAMP and INTERVAL, as DuckDB defines it: adding months keeps
/// the day of month where it exists and clamps to the month's last day otherwise.
package enum TemporalArithmetic {
    /// `ts + interval` in microseconds.
    package static func add(_ us: Int64, _ i: Interval) -> Int64? {
        var t = us
        if i.months != 0 {
            let day = Int32(truncatingIfNeeded: TemporalText.floorDiv(t, TemporalText.microsPerDay))
            let timeOfDay = t - Int64(day) * TemporalText.microsPerDay
            let c = TemporalText.civil(day)
            let total = c.year * 12 + (c.month - 1) + Int(i.months)
            let y = total >= 0 ? total / 12 : (total - 11) / 12
            let m = total - y * 12 + 1
            let d = min(c.day, TemporalText.daysInMonth(year: y, month: m))
            t = Int64(TemporalText.dayNumber(year: y, month: m, day: d)) * TemporalText.microsPerDay + timeOfDay
        }
        let (a, o1) = t.addingReportingOverflow(Int64(i.days) * TemporalText.microsPerDay)
        let (b, o2) = a.addingReportingOverflow(i.micros)
        return (o1 || o2) ? nil : b
    }

    /// `x ± interval` over a vector of instants (or days, `perDay` microseconds each) and a
    /// constant interval of days and time only (months need the calendar, row by row): one
    /// addition per row, not a call. Nil for another form, or when a row overflows (the
    /// row-by-row kernel then names the error). `ts + INTERVAL 1 DAY` over many_small 10M
    /// made 30 ns a row in calls (BENCHMARKS.md, session 17).
    static func shift(_ x: ColumnVector, by interval: ColumnVector, negated: Bool, perDay: Int64, _ n: Int) -> ColumnVector? {
        guard case .constant(.interval(let i)) = interval.storage, i.months == 0, case .int64(let xs) = x.storage else { return nil }
        let (dayMicros, o1) = Int64(i.days).multipliedReportingOverflow(by: TemporalText.microsPerDay)
        let (sum, o2) = dayMicros.addingReportingOverflow(i.micros)
        guard !o1, !o2, sum != Int64.min else { return nil }
        let delta = negated ? -sum : sum
        var overflow = false
        let out = [Int64](unsafeUninitializedCapacity: n) { o, made in
            xs.withUnsafeBufferPointer { v in
                for r in 0..<n {
                    let (us, a) = v[r].multipliedReportingOverflow(by: perDay)
                    let (t, b) = us.addingReportingOverflow(delta)
                    o[r] = t
                    overflow = overflow || a || b
                }
            }
            made = n
        }
        // An overflow, on any row, leaves the chunk to the row-by-row kernel: it skips NULL
        // rows and names the error of the others.
        if overflow { return nil }
        return ColumnVector(type: .timestamp, storage: .int64(out), validity: x.validity, count: n)
    }

    /// The DATE of day `r`, or nil past `TemporalText.dayRange` (the caller's overflow error):
    /// `DATE '2020-01-01' + 200000000` made a date no TIMESTAMP holds, and its conversion
    /// later trapped the process.
    static func date(_ r: Int128) -> ScalarValue? {
        guard r >= Int128(TemporalText.dayRange.lowerBound), r <= Int128(TemporalText.dayRange.upperBound) else { return nil }
        return .date(Int32(r))
    }

    /// The kernel of `l op r` for temporal operands; nil if the combination is not defined.
    package static func kernel(_ op: String, _ lt: LogicalType, _ rt: LogicalType, at range: SourceRange) -> (LogicalType, ScalarKernel)? {
        func make(_ type: LogicalType, _ f: @escaping @Sendable (ScalarValue, ScalarValue) -> ScalarValue?) -> (LogicalType, ScalarKernel) {
            (type, RowKernel.make(type) { (v: [ScalarValue]) throws(SQLError) -> ScalarValue in
                guard let r = f(v[0], v[1]) else {
                    throw SQLError(.overflow, "the result of \(op) is out of the range of \(type)", at: range)
                }
                return r
            })
        }
        switch (lt, op, rt) {
        case (.date, "+", let t) where t.isInteger, (.date, "-", let t) where t.isInteger:
            return make(.date) { a, b in
                guard case .date(let d) = a, case .int(let n) = b else { return nil }
                return date(Int128(d) + (op == "+" ? n : 0 - n))
            }
        case (let t, "+", .date) where t.isInteger:
            return make(.date) { a, b in
                guard case .int(let n) = a, case .date(let d) = b else { return nil }
                return date(Int128(d) + n)
            }
        case (.date, "-", .date):
            return make(.bigint) { a, b in
                guard case .date(let x) = a, case .date(let y) = b else { return nil }
                return .int(Int128(x) - Int128(y))
            }
        case (.timestamp, "-", .timestamp):
            return make(.interval) { a, b in
                guard case .timestamp(let x) = a, case .timestamp(let y) = b else { return nil }
                let (d, o) = x.subtractingReportingOverflow(y)
                if o { return nil }
                let days = d / TemporalText.microsPerDay
                return .interval(Interval(days: Int32(truncatingIfNeeded: days), micros: d - days * TemporalText.microsPerDay))
            }
        case (.date, "+", .interval), (.timestamp, "+", .interval), (.date, "-", .interval), (.timestamp, "-", .interval):
            let perRow = make(.timestamp) { a, b in
                guard case .interval(var i) = b else { return nil }
                if op == "-" { i = i.negated }
                switch a {
                case .date(let d): return add(Int64(d) * TemporalText.microsPerDay, i).map { .timestamp($0) }
                case .timestamp(let t): return add(t, i).map { .timestamp($0) }
                default: return nil
                }
            }
            let kernel = perRow.1
            let perDay = lt == .date ? TemporalText.microsPerDay : 1
            return (.timestamp, { (args: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
                if let shifted = shift(args[0], by: args[1], negated: op == "-", perDay: perDay, n) { return shifted }
                return try kernel(args, n)
            })
        case (.interval, "+", .date), (.interval, "+", .timestamp):
            return make(.timestamp) { a, b in
                guard case .interval(let i) = a else { return nil }
                switch b {
                case .date(let d): return add(Int64(d) * TemporalText.microsPerDay, i).map { .timestamp($0) }
                case .timestamp(let t): return add(t, i).map { .timestamp($0) }
                default: return nil
                }
            }
        case (.interval, "+", .interval), (.interval, "-", .interval):
            return make(.interval) { a, b in
                guard case .interval(let x) = a, case .interval(var y) = b else { return nil }
                if op == "-" { y = y.negated }
                return .interval(Interval(months: x.months &+ y.months, days: x.days &+ y.days, micros: x.micros &+ y.micros))
            }
        case (.interval, "*", let t) where t.isNumeric, (let t, "*", .interval) where t.isNumeric:
            let intervalFirst = lt == .interval
            let numberType = intervalFirst ? rt : lt
            return make(.interval) { a, b in
                let (iv, nv) = intervalFirst ? (a, b) : (b, a)
                guard case .interval(let i) = iv, let f = nv.asDouble(numberType) else { return nil }
                if f == f.rounded(), abs(f) < 1e9 {
                    let k = Int64(f)
                    return .interval(Interval(months: Int32(truncatingIfNeeded: Int64(i.months) * k),
                                              days: Int32(truncatingIfNeeded: Int64(i.days) * k), micros: i.micros &* k))
                }
                let months = Double(i.months) * f, days = Double(i.days) * f
                let wholeMonths = months.rounded(.towardZero), wholeDays = (days + (months - wholeMonths) * 30).rounded(.towardZero)
                let micros = Double(i.micros) * f + ((days + (months - wholeMonths) * 30) - wholeDays) * 86_400_000_000
                return .interval(Interval(months: Int32(wholeMonths), days: Int32(wholeDays), micros: Int64(micros.rounded())))
            }
        default:
            return nil
        }
    }
}
