import Foundation
import Tally
import TallySQL
import TallyTestSupport
import Testing

/// One-sided, open and degenerate ranges on every ordered column, against a brute-force
/// filter of the same records.
///
/// The class of query that crashed the process (`WHERE ts >= TIMESTAMP '...'`: an
/// unbounded side of Int64.min or Int64.max reached a day conversion that truncated it):
/// every comparison operator, both operand orders, BETWEEN, and constants inside,
/// at and beyond the data, including the far past and far future.
@Suite struct SQLOpenRangeTests {
    static let records = RandomRecords.make(count: 2000, seed: 23, days: 900)

    /// A column value compared exactly: integers (ts, days, nano-USD) as integers, since
    /// a Double rounds costs near Int64.max and would make the reference itself wrong.
    enum Value: Comparable, Sendable {
        case int(Int64)
        case real(Double)
    }

    /// A column the test compares, how to write a constant for it, and its value in a record.
    struct OrderedColumn: Sendable {
        let name: String
        /// Values to compare with, as SQL literal text and as the comparable value.
        let constants: @Sendable (UsageRecord) -> [(String, Value)]
        let value: @Sendable (UsageRecord) -> Value?
    }

    static func timestampText(_ ms: Int64) -> String {
        let day = CivilDate.dayNumber(forMilliseconds: ms)
        let rem = ms - Int64(day) * CivilDate.millisecondsPerDay
        let h = rem / 3_600_000, m = rem / 60_000 % 60, s = rem / 1000 % 60, f = rem % 1000
        return String(format: "%@ %02lld:%02lld:%02lld.%03lld", CivilDate.isoString(forDayNumber: day), h, m, s, f)
    }

    static let columns: [OrderedColumn] = [
        OrderedColumn(name: "ts", constants: { r in
            [r.ts, r.ts + 1, r.ts - 1, 0, -62_135_596_800_000, 253_402_300_799_999].map {
                ("TIMESTAMP '\(timestampText($0))'", .int($0))
            } + [("DATE '\(CivilDate.isoString(forDayNumber: r.day))'", .int(Int64(r.day) * CivilDate.millisecondsPerDay))]
        }, value: { .int($0.ts) }),
        OrderedColumn(name: "date", constants: { r in
            [r.day, r.day + 1, 0, CivilDate.dayNumber(year: 1, month: 1, day: 1), CivilDate.dayNumber(year: 9999, month: 12, day: 31)].map {
                ("DATE '\(CivilDate.isoString(forDayNumber: $0))'", .int(Int64($0)))
            }
        }, value: { .int(Int64($0.day)) }),
        OrderedColumn(name: "quantity", constants: { r in
            [r.quantity.rounded(.down), 0, 1_000_000, 123_456_789_012].map { ("\(Int64($0))", .real($0)) }
        }, value: { .real($0.quantity) }),
        OrderedColumn(name: "cost_usd", constants: { r in
            let c = r.costNanos ?? 0
            return [c, c + 1, 0, 9_223_372_036_854_775_807, -9_223_372_036_854_775_807].map {
                let sign = $0 < 0 ? "-" : ""
                let m = $0.magnitude
                return ("\(sign)\(m / 1_000_000_000).\(String(format: "%09llu", m % 1_000_000_000))", .int($0))
            }
        }, value: { .int($0.costNanos ?? 0) }),
        OrderedColumn(name: "step_index", constants: { r in
            [Int64(r.stepIndex ?? 2), 0, -1, 2_147_483_647, -2_147_483_648].map { ("\($0)", .int($0)) }
        }, value: { $0.stepIndex.map { .int(Int64($0)) } }),
        OrderedColumn(name: "parser_version", constants: { r in
            [Int64(r.parserVersion ?? 1), 0, 2_147_483_647].map { ("\($0)", .int($0)) }
        }, value: { $0.parserVersion.map { .int(Int64($0)) } }),
    ]

    static let operators: [(String, @Sendable (Value, Value) -> Bool)] = [
        ("<", { $0 < $1 }), ("<=", { $0 <= $1 }), (">", { $0 > $1 }), (">=", { $0 >= $1 }), ("=", { $0 == $1 }),
    ]

    /// Every operator, on both sides, against every constant: count and exact cost sum.
    @Test(arguments: 0..<6)
    func oneSidedComparisonsMatchBruteForce(column index: Int) throws {
        let column = Self.columns[index]
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.open(at: dir.path + "/s")
        defer { try? store.close() }
        try store.append(contentsOf: Self.records)
        try store.flush()
        var g = SeededGenerator(seed: UInt64(index) &+ 7)
        var checked = 0, nonEmpty = 0
        for _ in 0..<4 {
            let sample = Self.records.randomElement(using: &g)!
            for (literal, constant) in column.constants(sample) {
                for (op, holds) in Self.operators {
                    for flipped in [false, true] {
                        let predicate = flipped ? "\(literal) \(Self.mirrored(op)) \(column.name)" : "\(column.name) \(op) \(literal)"
                        let sql = "SELECT count(*), sum(cost_usd) FROM usage WHERE \(predicate)"
                        let kept = Self.records.filter { r in column.value(r).map { holds($0, constant) } ?? false }
                        let t = try SQLBinder.prepare(sql).execute(on: store.snapshot())
                        let cost = kept.reduce(Int128(0)) { $0 + Int128($1.costNanos ?? 0) }
                        #expect(t.rows == [[.int(Int128(kept.count)), kept.isEmpty ? .null : .money(cost)]], "\(sql)")
                        checked += 1
                        if !kept.isEmpty { nonEmpty += 1 }
                    }
                }
                // BETWEEN with the constant as either bound, the other side open-ended in the data.
                for (lo, hi) in [(literal, column.constants(sample).last!.0), (column.constants(sample)[0].0, literal)] {
                    let sql = "SELECT count(*) FROM usage WHERE \(column.name) BETWEEN \(lo) AND \(hi)"
                    let t = try SQLBinder.prepare(sql).execute(on: store.snapshot())
                    let loValue = column.constants(sample).first { $0.0 == lo }!.1
                    let hiValue = column.constants(sample).first { $0.0 == hi }!.1
                    let n = Self.records.filter { r in column.value(r).map { $0 >= loValue && $0 <= hiValue } ?? false }.count
                    #expect(t.rows == [[.int(Int128(n))]], "\(sql)")
                }
            }
        }
        #expect(checked > 100)
        #expect(nonEmpty > checked / 4, "most comparisons must select something")
    }

    static func mirrored(_ op: String) -> String {
        switch op {
        case "<": return ">"
        case "<=": return ">="
        case ">": return "<"
        case ">=": return "<="
        default: return op
        }
    }
}
