import Foundation
import Tally
import TallySQL
import TallyTestSupport
import Testing

/// A DATE holds only days whose midnight a TIMESTAMP holds (`TemporalText.dayRange`):
/// arithmetic past them is an error naming the operator, where it used to make a date
/// whose later conversion (a cast, a comparison with a TIMESTAMP, date_diff, epoch_us,
/// date_trunc) trapped the process on an overflow. Dates at the ends still convert.
@Suite struct DateRangeTests {
    @Test func arithmeticPastTheRangeIsAnErrorAndTheEndsConvert() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.open(at: dir.path + "/s")
        defer { try? store.close() }
        try store.append(contentsOf: RandomRecords.make(count: 50, seed: 3, days: 5))
        try store.flush()
        func run(_ sql: String) throws -> SQLResultTable { try SQLQuery.prepare(sql).execute(on: store.snapshot()) }
        let far = ["DATE '2020-01-01' + 200000000", "200000000 + DATE '2020-01-01'", "DATE '2020-01-01' - 200000000",
                   "date + 106751991", "date - 106800000"]
        for e in far {
            for sql in ["SELECT \(e)", "SELECT CAST(\(e) AS TIMESTAMP)", "SELECT date_diff('day', \(e), DATE '2026-01-01')",
                        "SELECT epoch_us(\(e))", "SELECT date_trunc('month', \(e))", "SELECT count(*) FROM usage WHERE \(e) > TIMESTAMP '2020-01-01 00:00:00'"] {
                let sql = sql.contains("date +") || sql.contains("date -") ? sql.replacingOccurrences(of: "SELECT \(e)", with: "SELECT \(e) FROM usage") : sql
                #expect(throws: SQLError.self, "\(sql)") { _ = try run(sql) }
            }
        }
        // The last and first days a TIMESTAMP holds: DATE arithmetic reaches them, and they convert.
        let ends = try run("SELECT CAST(DATE '1970-01-01' + 106751991 AS TIMESTAMP) > TIMESTAMP '2026-01-01 00:00:00', "
                           + "CAST(DATE '1970-01-01' - 106751991 AS TIMESTAMP) < TIMESTAMP '2026-01-01 00:00:00'")
        #expect(ends.rows.description.contains("true") && !ends.rows.description.contains("false"), "\(ends.rows)")
    }
}
