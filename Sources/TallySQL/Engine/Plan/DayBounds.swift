import TallyStore

/// Day bounds from a condition the day alone decides, monotone or not: `month(ts) = 9`,
/// `dayofweek(ts) IN (0, 6)`, `strftime(ts, '%Y-%m') = '2025-09'`. Once the scan's days are
/// bounded by the other conditions (`year(ts) = 2025`, a date range) to a span of at most
/// `maximumDays`, the condition is evaluated once for each day of it, and the days narrow to
/// the first and the last that pass. The condition is still tested on every row read.
///
/// `year(ts) = 2025 AND month(ts) = 9` over many_small 10M read the whole year's rows and
/// computed both parts for each: 19.9 ms against DuckDB's 16.5 (BENCHMARKS.md, session 17).
enum DayBounds {
    /// The longest span of days evaluated (about 55 years); beyond it nothing is narrowed.
    static let maximumDays: Int64 = 20_000

    /// Narrows `scan`'s days by `c` when `c` reads only `date` or `ts` and is decided by the
    /// day (`isDayDetermined`), and the days are already bounded.
    static func narrow(_ c: BoundExpression, into scan: inout TableScan) {
        // A column against a constant is already exact in the days (`Optimizer.push`).
        if case .call(let f, let args) = c, Comparison.Operator(rawValue: f.name) != nil,
           args.allSatisfy({ if case .column = $0 { return true }; return $0.constantValue != nil }) { return }
        let columns = c.referencedColumns
        guard columns.count == 1, let column = columns.first,
              column == UsageTable.dateIndex || column == UsageTable.tsIndex,
              isDayDetermined(c, column: column),
              let days = scan.bounds.days, days.lowerBound > Int32.min, days.upperBound < Int32.max else { return }
        let span = Int64(days.upperBound) - Int64(days.lowerBound) + 1
        guard span > 0, span <= maximumDays else { return }
        let n = Int(span)
        let first = Int64(days.lowerBound)
        var vectors = UsageTable.columns.map { ColumnVector.constant(.null, type: $0.type, count: n) }
        let values = (0..<n).map { column == UsageTable.dateIndex ? first + Int64($0) : (first + Int64($0)) * TemporalText.microsPerDay }
        vectors[column] = ColumnVector(type: UsageTable.columns[column].type, storage: .int64(values), count: n)
        guard let truth = (try? ExpressionEvaluator.evaluate(c, DataChunk(columns: vectors, count: n))).map(Logic.truth) else { return }
        guard let lo = truth.firstIndex(of: 1), let hi = truth.lastIndex(of: 1) else {
            // No day passes: an impossible day (nothing is read).
            Optimizer.narrowDays(&scan.bounds, Int32.max...Int32.max)
            return
        }
        Optimizer.narrowDays(&scan.bounds, Int32(first + Int64(lo))...Int32(first + Int64(hi)))
    }

    /// Parts of an instant fixed for a whole UTC day.
    static let dayParts: Set<String> = [
        "year", "years", "y", "yr", "yrs", "month", "months", "mon", "day", "days", "d", "dayofmonth",
        "quarter", "quarters", "dayofweek", "weekday", "dow", "isodow", "dayofyear", "doy", "week", "weeks",
        "w", "weekofyear", "yearweek", "isoyear", "decade", "decades", "century", "centuries", "millennium", "era",
    ]

    /// Units of date_trunc whose result is fixed for a whole UTC day.
    static let dayUnits: Set<String> = [
        "day", "days", "d", "week", "weeks", "w", "month", "months", "mon", "quarter", "quarters",
        "year", "years", "y", "yr", "yrs", "decade", "decades", "century", "centuries", "millennium", "millennia",
    ]

    /// Functions whose answer is not fixed by their arguments.
    static let volatile: Set<String> = ["random", "uuid", "gen_random_uuid", "setseed"]

    /// Whether `e`'s value is the same for every instant of one UTC day of `column`: the
    /// `date` column itself, a day part or day-or-longer truncation of `ts`, a days-only
    /// strftime of it, and any deterministic function of such values and constants.
    static func isDayDetermined(_ e: BoundExpression, column: Int) -> Bool {
        switch e {
        case .constant:
            return true
        case .column(let i, _, _):
            return i == UsageTable.dateIndex
        case .conjunction(_, let parts):
            return parts.allSatisfy { isDayDetermined($0, column: column) }
        case .caseWhen(let branches, let otherwise, _):
            return branches.allSatisfy { isDayDetermined($0.0, column: column) && isDayDetermined($0.1, column: column) }
                && isDayDetermined(otherwise, column: column)
        case .call(let f, let args):
            if volatile.contains(f.name) { return false }
            let onTs = args.contains { if case .column(UsageTable.tsIndex, _, _) = $0 { return true }; return false }
            if onTs {
                // A function of the instant itself: only those fixed for a day.
                guard args.allSatisfy({ $0.constantValue != nil || isTs($0) }) else { return false }
                switch f.name {
                case "CAST_DATE": return args.count == 1
                case "strftime":
                    guard args.count == 2, case .string(let format)? = args[1].constantValue else { return false }
                    return TimeFormat.isDayOnly(format)
                case "date_part", "datepart":
                    guard args.count == 2, case .string(let part)? = args[0].constantValue else { return false }
                    return dayParts.contains(part.lowercased())
                case "date_trunc", "datetrunc":
                    guard args.count == 2, case .string(let unit)? = args[0].constantValue else { return false }
                    return dayUnits.contains(unit.lowercased())
                default:
                    return args.count == 1 && dayParts.contains(f.name)
                }
            }
            return args.allSatisfy { isDayDetermined($0, column: column) }
        default:
            return false
        }
    }

    static func isTs(_ e: BoundExpression) -> Bool {
        if case .column(UsageTable.tsIndex, _, _) = e { return true }
        return false
    }
}
