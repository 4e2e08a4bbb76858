import Foundation
import Testing
import TallyTestSupport

/// The REPL's analytics commands, driven through the real binary with a script on
/// standard input, checked against the same questions asked in SQL.
@Suite struct AnalyticsDotCommandsTests {
    @Test func summaryBreakdownsRunAndQuotaAnswerLikeSQL() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s"
        #expect(try TallyProcess.run(["demo", "--store", store, "--rows", "30000", "--seed", "5", "--projects", "4"]).status == 0)
        func firstRow(_ sql: String) throws -> [String] {
            let r = try TallyProcess.run(["query", "--store", store, "--format", "csv", sql])
            #expect(r.status == 0, "\(sql): \(r.stderr)")
            let lines = r.stdout.split(separator: "\n")
            try #require(lines.count >= 2, "no rows for \(sql)")
            return lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let project = try firstRow("SELECT project_id, count(*) AS n FROM usage GROUP BY project_id ORDER BY n DESC LIMIT 1")[0]
        let (from, last) = ("2024-11-01", "2026-12-31")
        let sqlCost = try firstRow("SELECT sum(cost_usd) FROM usage WHERE project_id = '\(project)' AND date BETWEEN DATE '\(from)' AND DATE '\(last)'")[0]
        let runId = try firstRow("SELECT run_id, sum(cost_usd) AS c FROM usage WHERE project_id = '\(project)' AND run_id IS NOT NULL GROUP BY run_id ORDER BY c DESC LIMIT 1")[0]
        let script = """
            .mode csv
            .summary \(project) \(from) \(last) --compare
            .byservice \(project) \(from) \(last)
            .run \(runId)
            .context \(runId)
            .quota \(project) 31 1000
            """
        let result = try TallyProcess.run([store], input: script)
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("period,cost_usd,tokens,sandbox_hours,records,cache_savings_usd"))
        #expect(out.contains("cost_change"))
        #expect(out.contains("service,cost_usd,tokens,records"))
        #expect(out.contains("step_type,step_index"))
        #expect(out.contains(runId))
        #expect(out.contains("period_start,period_end,used_tokens,limit_tokens,remaining_tokens"))
        // The summary's cost equals SQL's sum over the same rows, to the nano-USD.
        #expect(out.contains("current,\(sqlCost),"))
    }
}
