import Foundation
import Testing
import TallyTestSupport

/// A read that fails in the middle of `tally query` (issue #19): the command prints the
/// error naming the file and nothing else (no header, no partial rows, in any format),
/// exits 1, and leaves the store as it was. The fault is real, not injected: a part file
/// replaced by a folder of the same name opens, then every read of it fails with EISDIR.
@Suite struct QueryReadFaultCommandTests {
    static let sql = "SELECT project_id, count(*) AS n, sum(cost_usd) AS c FROM usage GROUP BY project_id ORDER BY project_id"

    @Test func aReadErrorPrintsOnlyTheErrorAndChangesNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/demo"
        try #require(try TallyProcess.run(["demo", "--store", store, "--rows", "5000", "--seed", "3"]).status == 0)
        let before = try TallyProcess.run(["query", "--store", store, "--format", "csv", Self.sql])
        try #require(before.status == 0 && !before.stdout.isEmpty)

        // The last part of the last project: the query has printed nothing of its own yet
        // when it reaches it, whatever order the engine reads parts in.
        let data = store + "/data"
        let project = try #require(try FileManager.default.contentsOfDirectory(atPath: data).sorted().last)
        let part = try #require(try FileManager.default.contentsOfDirectory(atPath: data + "/" + project).filter { $0.hasSuffix(".tly") }.sorted().last)
        let file = data + "/" + project + "/" + part
        let saved = dir.path + "/saved.tly"
        try FileManager.default.moveItem(atPath: file, toPath: saved)
        try FileManager.default.createDirectory(atPath: file, withIntermediateDirectories: false)

        for format in ["csv", "table", "json", "jsonl", "markdown"] {
            let failed = try TallyProcess.run(["query", "--store", store, "--format", format, Self.sql])
            #expect(failed.status == 1, "\(format): exit \(failed.status)")
            #expect(failed.stdout.isEmpty, "\(format): printed \(failed.stdout)")
            #expect(failed.stderr.contains(file) && failed.stderr.contains("Is a directory"), "\(format): \(failed.stderr)")
            #expect(!failed.stderr.contains("Swift runtime failure"), "\(failed.stderr)")
        }

        try FileManager.default.removeItem(atPath: file)
        try FileManager.default.moveItem(atPath: saved, toPath: file)
        #expect(try TallyProcess.run(["query", "--store", store, "--format", "csv", Self.sql]).stdout == before.stdout)
        #expect(try TallyProcess.run(["verify", "--store", store]).status == 0)
    }
}
