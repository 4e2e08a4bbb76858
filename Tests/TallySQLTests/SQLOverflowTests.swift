import Foundation
import Tally
@testable import TallySQL
import TallyTestSupport
import Testing

/// Exact SQL arithmetic over aggregates at every integer boundary: BIGINT (Int64), HUGEINT
/// (Int128) and money (DECIMAL(38,9)). An overflow is an `.overflow` SQLError naming the
/// operation and operands, as DuckDB's "Overflow in multiplication of INT64 (...)", never a
/// wrapped number (issue #19). Random operands are checked against the exact result
/// computed here in a wider type.
@Suite struct SQLOverflowTests {
    static let ts: Int64 = 1_767_225_600_000

    /// `count` rows of acme, each with the given cost and duration.
    static func rows(_ count: Int, cost: Int64 = 0, durationMs: Int64? = nil) -> [UsageRecord] {
        (0..<count).map { i in
            UsageRecord(projectId: "acme", ts: ts + Int64(i), service: "anthropic", unit: "input_tokens", quantity: 1,
                        costNanos: cost, durationMs: durationMs)
        }
    }

    /// The single value of `sql` over `records`, or the error.
    static func value(_ sql: String, _ records: [UsageRecord], _ dir: TemporaryDirectory) throws -> Result<SQLValue, SQLError> {
        let t: SQLResultTable
        do {
            t = try SQLBinderTests.run(sql, dir, records: records)
        } catch let e as SQLError {
            return .failure(e)
        }
        return .success(t.rows[0][0])
    }

    static func expectOverflow(_ sql: String, _ records: [UsageRecord], message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        switch try value(sql, records, dir) {
        case .success(let v): Issue.record("\(sql) gave \(v.plainText)", sourceLocation: sourceLocation)
        case .failure(let e):
            #expect(e.kind == .overflow, sourceLocation: sourceLocation)
            #expect(e.message == message, sourceLocation: sourceLocation)
        }
    }

    @Test func theIssuesQueriesAreOverflowErrors() throws {
        // sum(cost_usd) is 10^10 USD = 10^19 nano-USD (past Int64, as SQL sums should be).
        try Self.expectOverflow(
            "SELECT sum(cost_usd) * 1000000000 * 1000000000 * 1000000000 FROM usage", Self.rows(2, cost: 5_000_000_000_000_000_000),
            message: "Overflow in multiplication of DECIMAL(38,9) (10000000000000000000000000000.000000000 * 1000000000)")
        try Self.expectOverflow(
            "SELECT count(*) * 9223372036854775807 * 9223372036854775807 FROM usage", Self.rows(1),
            message: "Overflow in multiplication of INT64 (9223372036854775807 * 9223372036854775807)")
        try Self.expectOverflow(
            "SELECT count(*) * 9223372036854775807 FROM usage", Self.rows(2),
            message: "Overflow in multiplication of INT64 (2 * 9223372036854775807)")
        try Self.expectOverflow(
            "SELECT count(*) + 9223372036854775807 FROM usage", Self.rows(1),
            message: "Overflow in addition of INT64 (1 + 9223372036854775807)")
        try Self.expectOverflow(
            "SELECT -9223372036854775807 - count(*) - count(*) FROM usage", Self.rows(1),
            message: "Overflow in subtraction of INT64 (-9223372036854775808 - 1)")
    }

    @Test func hugeintSumsOverflowAtInt128() throws {
        // Two durations of Int64.max: the sum is a HUGEINT of 2^64 - 2.
        let records = Self.rows(2, durationMs: Int64.max)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let s = Int128(Int64.max) * 2
        // (2^64 - 2) * 2^62 * 2 = 2^127 - 2^64 still fits; one more doubling does not.
        #expect(try Self.value("SELECT sum(duration_ms) * 4611686018427387904 * 2 FROM usage", records, dir).get() == .int(s * (1 << 62) * 2))
        try Self.expectOverflow(
            "SELECT sum(duration_ms) * 4611686018427387904 * 2 * 2 FROM usage", records,
            message: "Overflow in multiplication of INT128 (\(s * (1 << 62) * 2) * 2)")
        try Self.expectOverflow(
            "SELECT sum(duration_ms) * sum(duration_ms) FROM usage", records,
            message: "Overflow in multiplication of INT128 (\(s) * \(s))")
        // A HAVING or ORDER BY expression that overflows fails the query the same way.
        try Self.expectOverflow(
            "SELECT project_id FROM usage GROUP BY 1 HAVING sum(duration_ms) * sum(duration_ms) > 0", records,
            message: "Overflow in multiplication of INT128 (\(s) * \(s))")
    }

    @Test func moneyStopsAtDecimal38() throws {
        let records = Self.rows(1, cost: 1_000_000_000)  // 1 USD
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // 10^28 USD fits DECIMAL(38,9) (10^37 nano-USD); 10^29 USD does not.
        let big = "SELECT sum(cost_usd) * 1000000000000000000 * 10000000000"
        #expect(try Self.value(big + " FROM usage", records, dir).get() == .money(Int128(10).power(37)))
        try Self.expectOverflow(
            big + " * 10 FROM usage", records,
            message: "Overflow in multiplication of DECIMAL(38,9) (10000000000000000000000000000.000000000 * 10)")
        // An integer too large to be nano-USD at all, added to money.
        try Self.expectOverflow(
            "SELECT sum(cost_usd) + count(*) * 9223372036854775807 * 9223372036854775807 FROM usage", records,
            message: "Overflow in multiplication of INT64 (9223372036854775807 * 9223372036854775807)")
    }

    @Test func negationOfTheSmallestValueOverflows() throws {
        let range = SourceRange(offset: 0, length: 1, line: 1, column: 1)
        #expect(throws: SQLError.self) {
            try SQLBoundExpression.arithmetic(.subtract, .int(0), .int(Int128.min), type: .hugeint, at: range)
        }
        #expect(try SQLBoundExpression.arithmetic(.subtract, .int(0), .int(Int128.min + 1), type: .hugeint, at: range) == .int(Int128.max))
    }

    /// Random BIGINT operands at and near the boundaries, through SQL: the result is the
    /// exact Int128 value when it fits Int64 and an overflow error otherwise.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomBigintArithmeticIsExactOrAnError(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.open(at: dir.path + "/s")
        try store.append(contentsOf: Self.rows(1))
        try store.flush()
        let edges: [Int64] = [Int64.max, Int64.min + 1, 1 << 62, -(1 << 62), (1 << 32) - 1, 3_037_000_499, 0, 1, -1]
        func operand() -> Int64 {
            Bool.random(using: &g) ? edges.randomElement(using: &g)! : Int64.random(in: (Int64.min + 1)...Int64.max, using: &g) >> Int64.random(in: 0...40, using: &g)
        }
        for _ in 0..<60 {
            let a = operand(), b = operand()
            let op = [SQLBinaryOperator.add, .subtract, .multiply].randomElement(using: &g)!
            let exact: Int128 = switch op {
            case .add: Int128(a) + Int128(b)
            case .subtract: Int128(a) - Int128(b)
            default: Int128(a) * Int128(b)
            }
            // count(*) is 1, so `count(*) * a` is a BIGINT a computed over the aggregate.
            let sql = "SELECT count(*) * \(a) \(op.rawValue) \(b < 0 ? "(\(b))" : "\(b)") FROM usage"
            let fits = Int128(Int64.min) <= exact && exact <= Int128(Int64.max)
            do {
                let t = try SQLBinder.prepare(sql).execute(on: store.snapshot())
                #expect(fits && t.rows == [[.int(exact)]], "\(sql)")
            } catch let e as SQLError {
                #expect(!fits && e.kind == .overflow, "\(sql): \(e)")
            }
        }
    }

    /// Random HUGEINT products through the exact arithmetic itself, against Int128's
    /// full-width product (256 bits) computed here.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomHugeintArithmeticIsExactOrAnError(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        let range = SourceRange(offset: 0, length: 1, line: 1, column: 1)
        func operand() -> Int128 {
            let edges: [Int128] = [Int128.max, Int128.min, Int128.min + 1, 1 << 126, -(1 << 126), 1 << 64, 1, -1, 0]
            if Bool.random(using: &g) { return edges.randomElement(using: &g)! }
            let v = Int128(Int64.random(in: Int64.min...Int64.max, using: &g)) << Int.random(in: 0...64, using: &g)
            return v
        }
        for _ in 0..<400 {
            let a = operand(), b = operand()
            let op = [SQLBinaryOperator.add, .subtract, .multiply].randomElement(using: &g)!
            // The exact result as a sign and a 256-bit two's complement pair.
            let full: (high: Int128, low: UInt128) = switch op {
            case .add: wide(a, b, subtract: false)
            case .subtract: wide(a, b, subtract: true)
            default: a.multipliedFullWidth(by: b)
            }
            let fits = full.high == (Int128(bitPattern: full.low) < 0 ? -1 : 0)
            do {
                let v = try SQLBoundExpression.arithmetic(op, .int(a), .int(b), type: .hugeint, at: range)
                #expect(fits && v == .int(Int128(bitPattern: full.low)), "\(a) \(op.rawValue) \(b)")
            } catch {
                #expect(!fits && error.kind == .overflow && error.message.hasPrefix("Overflow in "), "\(a) \(op.rawValue) \(b)")
            }
        }
    }
}

/// `a + b` or `a - b` as a 256-bit two's complement (high, low) pair: exact for any operands.
private func wide(_ a: Int128, _ b: Int128, subtract: Bool) -> (high: Int128, low: UInt128) {
    let ua = UInt128(bitPattern: a), ub = UInt128(bitPattern: b)
    let sa: Int128 = a < 0 ? -1 : 0, sb: Int128 = b < 0 ? -1 : 0
    if subtract {
        let (low, borrow) = ua.subtractingReportingOverflow(ub)
        return (sa - sb - (borrow ? 1 : 0), low)
    }
    let (low, carry) = ua.addingReportingOverflow(ub)
    return (sa + sb + (carry ? 1 : 0), low)
}

private extension Int128 {
    func power(_ n: Int) -> Int128 { (0..<n).reduce(1) { r, _ in r * self } }
}
