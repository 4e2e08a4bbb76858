import Foundation
import Testing
import TallyTestSupport

/// The probes through the real binary: a stream imported while its writer was
/// still running (the import says to re-import it once finished) and again when whole;
/// a CSV imported with `--skip-bad-lines` and again once fixed.
@Suite struct ReimportCommandTests {
    @Test func piImportedTruncatedThenWholeCostsWhatTheFixtureSays() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s", file = dir.path + "/session.jsonl"
        let bytes = try Data(contentsOf: ImportCommandTests.fixtures.appendingPathComponent("pi-session.jsonl"))
        try bytes.prefix(bytes.count * 9 / 10).write(to: URL(fileURLWithPath: file))
        let first = try TallyProcess.run(["import", "--store", store, "--project", "p", "--verbose", file])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("Re-import once the writer has finished"))
        try bytes.write(to: URL(fileURLWithPath: file))
        let second = try TallyProcess.run(["import", "--store", store, "--project", "p", "--verbose", file])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("rows already stored (same request id and unit) skipped"), "\(second.stdout)")
        let cost = try TallyProcess.run(["query", "--store", store, "--format", "csv", "SELECT sum(cost_usd) AS c FROM usage WHERE service = 'anthropic'"])
        #expect(cost.status == 0, "\(cost.stderr)")
        #expect(cost.stdout.contains("0.066885600"), "\(cost.stdout)")
        let writes = try TallyProcess.run(["query", "--store", store, "--format", "csv", "SELECT sum(quantity) AS q FROM usage WHERE unit = 'cache_creation_1h_tokens'"])
        #expect(writes.stdout.contains("6144"), "\(writes.stdout)")
    }

    @Test func aCSVFixedAfterSkippingBadLinesStoresThreeRows() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s", file = dir.path + "/usage.csv"
        let header = "project_id,ts,service,unit,quantity,model_id,request_id\n"
        let rows = ["acme,2026-01-01T00:00:00Z,anthropic,input_tokens,1000,claude-sonnet-4-6,req-1\n",
                    "acme,2026-01-01T00:00:00Z,anthropic,output_tokens,200,claude-sonnet-4-6,req-1\n"]
        try ImportCommandTests.write(header + rows.joined() + "acme,2026-01-01T00:05:00Z,anthropic,input_tokens,3k,claude-sonnet-4-6,req-2\n", to: file)
        #expect(try TallyProcess.run(["import", "--store", store, "--skip-bad-lines", file]).status == 0)
        try ImportCommandTests.write(header + rows.joined() + "acme,2026-01-01T00:05:00Z,anthropic,input_tokens,3000,claude-sonnet-4-6,req-2\n", to: file)
        let fixed = try TallyProcess.run(["import", "--store", store, "--verbose", file])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(fixed.stdout.contains("1 rows imported"), "\(fixed.stdout)")
        #expect(fixed.stdout.contains("2 rows already stored"), "\(fixed.stdout)")
        #expect(try ImportCommandTests.rowCount(store) == 3)
    }
}
