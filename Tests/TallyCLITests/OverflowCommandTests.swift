import Foundation
import Testing
import TallyTestSupport

/// Totals past Int64 through the real binary, as the tester of issue #19 met them: the
/// import summary, `rates reprice` and SQL arithmetic print the exact value or an overflow
/// error, never a wrapped negative number.
@Suite struct OverflowCommandTests {
    static let header = "project_id,ts,service,unit,quantity,model_id,cost_usd\n"
    static let jan1: Int64 = 1_767_225_600_000

    @Test func theImportSummaryAndSQLAgreeOnTwoRowsOfFiveBillionDollars() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s", file = dir.path + "/big.csv"
        let text = Self.header + "acme,\(Self.jan1),anthropic,input_tokens,1,m,5000000000\nacme,\(Self.jan1 + 1),anthropic,input_tokens,1,m,5000000000\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        let run = try TallyProcess.run(["import", "--store", store, "--verbose", file])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("cost 10000000000.000000000 USD"), "\(run.stdout)")
        let sum = try TallyProcess.run(["query", "--store", store, "--format", "csv", "SELECT sum(cost_usd) FROM usage"])
        #expect(sum.stdout.hasSuffix("10000000000.000000000\n"))
        let overflow = try TallyProcess.run(["query", "--store", store, "SELECT sum(cost_usd) * 1000000000 * 1000000000 * 1000000000 FROM usage"])
        #expect(overflow.status == 1)
        #expect(overflow.stdout.isEmpty)
        #expect(overflow.stderr.contains("Overflow in multiplication of DECIMAL(38,9) (10000000000000000000000000000.000000000 * 1000000000)"), "\(overflow.stderr)")
        let count = try TallyProcess.run(["query", "--store", store, "SELECT count(*) * 9223372036854775807 * 2 FROM usage"])
        #expect(count.status == 1)
        #expect(count.stderr.contains("Overflow in multiplication of INT64 (2 * 9223372036854775807)"), "\(count.stderr)")
    }

    @Test func repriceReportsALargePositiveChangeAsPositive() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s", file = dir.path + "/rows.csv"
        var text = Self.header
        for i in 0..<3 { text += "acme,\(Self.jan1 + Int64(i) * 60_000),anthropic,input_tokens,1000000,claude-sonnet-4-6,\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        #expect(try TallyProcess.run(["import", "--store", store, file]).status == 0)
        #expect(try TallyProcess.run([
            "rates", "set", "--store", store, "--service", "anthropic", "--rate-type", "input_tokens", "--model", "claude-sonnet-4-6",
            "--price-unit", "per_1M_tokens", "--cost", "4000000003", "--effective-from", "2026-01-01",
        ]).status == 0)
        let before = try TallyProcess.run(["query", "--store", store, "--format", "csv", "SELECT sum(cost_usd) FROM usage"])
        #expect(before.stdout.hasSuffix("9.000000000\n"), "\(before.stdout)")  // 3 rows at the reference $3/M
        let reprice = try TallyProcess.run(["rates", "reprice", "--store", store, "--from", "2026-01-01", "--to", "2026-01-01"])
        #expect(reprice.status == 0, "\(reprice.stderr)")
        // 3 x 4,000,000,003 USD - 9 USD: past Int64.max nano-USD, and positive.
        #expect(reprice.stdout.contains("cost change 12000000000.000000000 USD"), "\(reprice.stdout)")
    }
}
