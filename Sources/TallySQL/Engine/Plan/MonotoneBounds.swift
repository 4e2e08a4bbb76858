import TallyStore

/// Day and instant bounds for the scan from a comparison of a constant with a monotone
/// function of `date` or `ts`: `ts::DATE >= DATE '...'`, `date_trunc('day', ts) >= ...`,
/// `date_diff('day', date, DATE '...') < 30`, `year(ts) = 2025`, `epoch_ms(ts) >= ...`,
/// `ts + INTERVAL 1 DAY > ...`. The scan then reads only the parts and rows of the days
/// that can pass, as it does for a plain `date >= DATE '...'`; the comparison itself is
/// still tested on every row read, so the bounds only need to hold every passing row.
///
/// The bounds come from the bound expression itself, evaluated at chosen days or
/// instants (a binary search over each side of the comparison), so each function's own
/// rules (units, calendars, time zones) decide them; only whether a function is monotone
/// in its argument is known here (`direction`). The values at the two ends of the search
/// show which side passes, so a direction stated wrongly gives no bound rather than a
/// wrong one for `<`, `<=`, `>` and `>=`. Before, these filters read every row:
/// many_small 10M, `year(ts) = 2025 AND month(ts) = 9` 41 ms, `epoch_ms(ts) >= ...` 189 ms
/// (BENCHMARKS.md, session 17).
enum MonotoneBounds {
    /// Days searched (about the years 1285 to 2654): beyond them a bound stays open.
    static let days: ClosedRange<Int64> = -250_000...250_000

    /// Narrows `scan`'s days (and instants) by `c` when it compares a constant with a
    /// monotone function of `column` (`date` or `ts`), the only column it reads.
    static func push(_ c: BoundExpression, column: Int, into scan: inout TableScan) {
        guard column == UsageTable.dateIndex || column == UsageTable.tsIndex,
              case .call(let f, let args) = c, args.count == 2,
              let op = Comparison.Operator(rawValue: f.name), op != .notEqual else { return }
        let function: BoundExpression, constant: ScalarValue, o: Comparison.Operator
        if let k = args[1].constantValue {
            (function, constant, o) = (args[0], k, op)
        } else if let k = args[0].constantValue {
            (function, constant, o) = (args[1], k, op.flipped)
        } else {
            return
        }
        guard !constant.isNull, let sign = direction(function, column) else { return }
        let isDate = column == UsageTable.dateIndex
        // The search is over days for `date` and over ms for `ts` (instants are stored in ms).
        let scale: Int64 = isDate ? 1 : 86_400_000
        let domain = (days.lowerBound * scale)...(days.upperBound * scale)
        let type = UsageTable.columns[column].type
        var columns = UsageTable.columns.map { ColumnVector.constant(.null, type: $0.type, count: 1) }
        /// The function at `v` against the constant: -1, 0, 1, or nil when it cannot tell.
        func order(_ v: Int64) -> Int? {
            columns[column] = .constant(isDate ? .date(Int32(v)) : .timestamp(v * 1000), type: type, count: 1)
            guard let x = try? ExpressionEvaluator.evaluate(function, DataChunk(columns: columns, count: 1)).value(0) else { return nil }
            return compare(x, constant)
        }
        var lower: Int64? = nil, upper: Int64? = nil
        let tests: [(Int) -> Bool]
        switch o {
        case .less: tests = [{ $0 < 0 }]
        case .lessOrEqual: tests = [{ $0 <= 0 }]
        case .greater: tests = [{ $0 > 0 }]
        case .greaterOrEqual: tests = [{ $0 >= 0 }]
        case .equal: tests = [{ $0 <= 0 }, { $0 >= 0 }]
        case .notEqual: return
        }
        for test in tests {
            // Whether the values passing `test` are those from some value on (a suffix) or
            // those up to some value (a prefix).
            let suffix = (test(1) && !test(-1)) == (sign > 0)
            let passes = { (v: Int64) -> Bool? in order(v).map(test) }
            guard let atLow = passes(domain.lowerBound), let atHigh = passes(domain.upperBound) else { return }
            if suffix {
                if atLow { continue }  // passes below the domain too: no bound
                guard atHigh else { lower = domain.upperBound + 1; continue }
                guard let first = firstPassing(domain, passes) else { return }
                lower = max(lower ?? Int64.min, first)
            } else {
                if atHigh { continue }
                guard atLow else { upper = domain.lowerBound - 1; continue }
                // The last passing value: the first failing one, less one.
                guard let firstFailing = firstPassing(domain, { passes($0).map { !$0 } }) else { return }
                upper = min(upper ?? Int64.max, firstFailing - 1)
            }
        }
        if lower == nil && upper == nil { return }
        if isDate {
            let lo = Int32(clamping: lower ?? Int64(Int32.min)), hi = Int32(clamping: upper ?? Int64(Int32.max))
            // No day passes (`year(date) = 2025.5`-like equalities): an impossible day.
            Optimizer.narrowDays(&scan.bounds, lo <= hi ? lo...hi : Int32.max...Int32.max)
        } else {
            let lo = lower ?? Int64.min, hi = upper ?? Int64.max
            let l = max(scan.bounds.ts.lowerBound, lo), h = min(scan.bounds.ts.upperBound, hi)
            scan.bounds.ts = l <= h ? l...h : Int64.max...Int64.max
            let d0 = Int32(clamping: TemporalText.floorDiv(scan.bounds.ts.lowerBound, 86_400_000))
            let d1 = Int32(clamping: TemporalText.floorDiv(scan.bounds.ts.upperBound, 86_400_000))
            Optimizer.narrowDays(&scan.bounds, d0...d1)
        }
    }

    /// The first value of `domain` where `passes` holds, given that it fails at the lower
    /// end, holds at the upper end and, once it holds, holds from there on; nil when an
    /// evaluation could not tell.
    static func firstPassing(_ domain: ClosedRange<Int64>, _ passes: (Int64) -> Bool?) -> Int64? {
        var lo = domain.lowerBound, hi = domain.upperBound  // fails at lo, holds at hi
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            guard let p = passes(mid) else { return nil }
            if p { hi = mid } else { lo = mid }
        }
        return hi
    }

    /// +1 when `e` never decreases as `column` grows, -1 when it never increases, nil when
    /// neither is known. Only functions monotone in that argument over their whole domain
    /// count: calendar parts such as month or hour wrap around and are not.
    static func direction(_ e: BoundExpression, _ column: Int) -> Int? {
        switch e {
        case .column(let i, _, _):
            return i == column ? 1 : nil
        case .call(let f, let args):
            let constants = args.map { $0.constantValue != nil }
            switch f.name {
            case "CAST_DATE", "CAST_TIMESTAMP", "year", "epoch", "epoch_ms", "epoch_us", "epoch_ns":
                return args.count == 1 ? direction(args[0], column) : nil
            case "date_trunc", "datetrunc":
                return args.count == 2 && constants[0] ? direction(args[1], column) : nil
            case "date_part", "datepart":
                guard args.count == 2, case .string(let part)? = args[0].constantValue,
                      growingParts.contains(part.lowercased()) else { return nil }
                return direction(args[1], column)
            case "date_diff", "datediff", "date_sub", "datesub":
                guard args.count == 3, constants[0], case .string(let unit)? = args[0].constantValue,
                      calendarUnits.contains(unit.lowercased()) else { return nil }
                if constants[1] { return direction(args[2], column) }
                if constants[2] { return direction(args[1], column).map { -$0 } }
                return nil
            case "+":
                guard args.count == 2 else { return nil }
                if constants[1] { return direction(args[0], column) }
                if constants[0] { return direction(args[1], column) }
                return nil
            case "-":
                guard args.count == 2 else { return nil }
                if constants[1] { return direction(args[0], column) }
                if constants[0] { return direction(args[1], column).map { -$0 } }
                return nil
            default:
                return nil
            }
        default:
            return nil
        }
    }

    /// Parts of `date_part` (and `extract`) that never decrease as the instant grows.
    static let growingParts: Set<String> = [
        "year", "years", "y", "yr", "yrs", "isoyear", "decade", "decades", "century", "centuries",
        "millennium", "epoch",
    ]

    /// Units whose differences (`date_diff`, `date_sub`) count calendar boundaries or
    /// whole spans, and so grow with the later argument.
    static let calendarUnits: Set<String> = [
        "millennium", "millennia", "century", "centuries", "decade", "decades",
        "year", "years", "y", "yr", "yrs", "quarter", "quarters", "month", "months", "mon",
        "week", "weeks", "w", "day", "days", "d", "hour", "hours", "h", "hr", "hrs",
        "minute", "minutes", "m", "min", "mins", "second", "seconds", "s", "sec", "secs",
        "millisecond", "milliseconds", "ms", "msec", "microsecond", "microseconds", "us", "usec",
    ]

    /// -1, 0 or 1 for `a` against `b` of comparable kinds; nil otherwise (or NULL).
    static func compare(_ a: ScalarValue, _ b: ScalarValue) -> Int? {
        func sign<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch (a, b) {
        case (.int(let x), .int(let y)): return sign(x, y)
        case (.date(let x), .date(let y)): return sign(x, y)
        case (.timestamp(let x), .timestamp(let y)): return sign(x, y)
        case (.double(let x), .double(let y)): return x.isNaN || y.isNaN ? nil : sign(x, y)
        default: return nil
        }
    }
}
