import Foundation
import Tally
import TallySQL
import TallyTestSupport
import Testing

/// Comparisons of a monotone function of `date` or `ts` with a constant narrow the scan's
/// days (`MonotoneBounds`); the rows that pass must be exactly those that pass with the
/// column hidden behind `greatest(x, x)`, which no bound sees through. Random functions
/// (casts, date_trunc, date_diff and date_sub both ways round, year, epoch, interval
/// arithmetic), operators and constants at, inside and beside the data's days.
@Suite struct MonotoneBoundsTests {
    static let records = RandomRecords.make(count: 3000, seed: 43, days: 60)

    static func dayText(_ day: Int64) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date(timeIntervalSince1970: Double(day) * 86_400))
    }

    @Test func boundedFiltersKeepTheRowsOfUnboundedOnes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.open(at: dir.path + "/s")
        defer { try? store.close() }
        try store.append(contentsOf: Self.records)
        try store.flush()
        let days = Self.records.map { $0.ts / 86_400_000 }
        let (first, last) = (days.min()!, days.max()!)
        var g = SeededGenerator(seed: 11)
        let units = ["day", "week", "month", "hour", "year", "quarter", "minute"]
        var narrowed = 0, nonEmpty = 0, partial = 0
        for round in 0..<200 {
            let day = Int64.random(in: (first - 3)...(last + 3), using: &g)
            let ms = day * 86_400_000 + Int64.random(in: 0..<86_400_000, using: &g) / 1000 * 1000
            let date = "DATE '\(Self.dayText(day))'"
            let instant = "TIMESTAMP '\(Self.dayText(day)) \(String(format: "%02d:%02d:%02d", ms / 3_600_000 % 24, ms / 60_000 % 60, ms / 1000 % 60))'"
            let unit = units.randomElement(using: &g)!
            let k = Int.random(in: -3...40, using: &g)
            let op = ["<", "<=", ">", ">=", "="].randomElement(using: &g)!
            let templates: [(String) -> String] = [
                { "CAST(\($0) AS DATE) \(op) \(date)" },
                { "date_trunc('\(unit)', \($0)) \(op) \(instant)" },
                { "date_diff('\(unit)', \($0), \(instant)) \(op) \(k)" },
                { "date_diff('\(unit)', \(instant), \($0)) \(op) \(k)" },
                { "date_sub('\(unit)', \($0), \(instant)) \(op) \(k)" },
                { "year(\($0)) \(op) \(Int(1970 + day / 365))" },
                { "epoch_ms(\($0)) \(op) \(ms)" },
                { "epoch(\($0)) \(op) \(Double(ms) / 1000 + 0.5)" },
                { "\($0) + INTERVAL '\(k) days' \(op) \(instant)" },
                { "\($0) - INTERVAL '\(k) hours' \(op) \(instant)" },
                { "\(instant) - INTERVAL '\(k) days' \(op) \($0)" },
            ]
            let template = templates.randomElement(using: &g)!
            let column = Bool.random(using: &g) ? "ts" : "date"
            let bounded = "SELECT count(*), sum(cost_usd) FROM usage WHERE " + template(column)
            let opaque = "SELECT count(*), sum(cost_usd) FROM usage WHERE " + template("greatest(\(column), \(column))")
            guard let reference = try? SQLQuery.prepare(opaque, rollupRule: false).execute(on: store.snapshot()) else { continue }
            let prepared = try SQLQuery.prepare(bounded, rollupRule: false)
            let answer = try prepared.execute(on: store.snapshot())
            #expect(answer.rows == reference.rows, "round \(round): \(bounded)")
            let plan = try SQLQuery.prepare("EXPLAIN " + bounded, rollupRule: false).execute(on: store.snapshot())
            if plan.rows.description.contains("days:") { narrowed += 1 }
            if case .int(let n) = answer.rows.first?.first, n > 0 {
                nonEmpty += 1
                if n < Self.records.count { partial += 1 }
            }
        }
        #expect(narrowed > 60, "filters that narrowed the scan's days: \(narrowed)")
        #expect(nonEmpty > 40 && partial > 20, "filters keeping some rows: \(nonEmpty), some but not all: \(partial)")
    }

    /// Conditions decided by the day (`DayBounds`), beside one that bounds the days, keep
    /// the rows they keep with the column hidden: day parts, day-or-longer truncations,
    /// days-only strftime, IN lists and CASE over them, on `ts` and on `date`.
    @Test func dayDecidedConditionsKeepTheRowsOfUnboundedOnes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.open(at: dir.path + "/s")
        defer { try? store.close() }
        let records = RandomRecords.make(count: 3000, seed: 47, days: 500)
        try store.append(contentsOf: records)
        try store.flush()
        var g = SeededGenerator(seed: 13)
        var narrowed = 0, partial = 0
        for round in 0..<150 {
            let column = Bool.random(using: &g) ? "ts" : "date"
            let year = Int.random(in: 2024...2026, using: &g)
            let month = Int.random(in: 1...12, using: &g)
            let quarter = Int.random(in: 1...4, using: &g)
            let bounding: [(String) -> String] = [
                { "year(\($0)) = \(year)" },
                { "extract(year FROM \($0)) = \(year)" },
                { "\($0) >= TIMESTAMP '\(year)-01-01' AND \($0) < TIMESTAMP '\(year)-01-01' + INTERVAL 200 DAY" },
            ]
            let deciding: [(String) -> String] = [
                { "month(\($0)) = \(month)" },
                { "month(\($0)) >= \(month)" },
                { "dayofweek(\($0)) IN (0, 6)" },
                { "quarter(\($0)) = \(quarter)" },
                { "strftime(\($0), '%Y-%m') = '\(year)-\(String(format: "%02d", month))'" },
                { "date_part('day', \($0)) BETWEEN 10 AND 12" },
                { "CASE WHEN month(\($0)) < 6 THEN day(\($0)) = 1 ELSE day(\($0)) = 28 END" },
                { "date_trunc('month', \($0)) = TIMESTAMP '\(year)-\(String(format: "%02d", month))-01'" },
                { "month(\($0)) = 13" },
            ]
            let b = bounding.randomElement(using: &g)!, d = deciding.randomElement(using: &g)!
            let sql = { (x: String) in "SELECT count(*), sum(cost_usd) FROM usage WHERE \(b(x)) AND \(d(x))" }
            let hidden = "greatest(\(column), \(column))"
            guard let reference = try? SQLQuery.prepare(sql(hidden), rollupRule: false).execute(on: store.snapshot()) else { continue }
            let answer = try SQLQuery.prepare(sql(column), rollupRule: false).execute(on: store.snapshot())
            #expect(answer.rows == reference.rows, "round \(round): \(sql(column))")
            let plan = try SQLQuery.prepare("EXPLAIN " + sql(column), rollupRule: false).execute(on: store.snapshot())
            if plan.rows.description.contains("days:") { narrowed += 1 }
            if case .int(let n) = answer.rows.first?.first, n > 0, n < records.count { partial += 1 }
        }
        #expect(narrowed > 60 && partial > 40, "narrowed \(narrowed), some rows kept \(partial)")
    }
}
