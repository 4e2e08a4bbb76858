import Foundation
import Testing
import TallyTestSupport

/// `tally delete`, `tally retention`, `tally compact` with a policy and `tally export
/// --user` through the real binary.
@Suite struct RetentionDeleteCommandsTests {
    static let msPerDay: Int64 = 86_400_000
    static var today: Int64 { Int64(Date().timeIntervalSince1970 * 1000) / msPerDay }

    /// A CSV of 3 projects x 3 users (and rows without a user) over `days` days ending
    /// `endDay` (day number), 4 rows a day; returns the path and the rows as (project, user, day).
    static func store(in dir: String, endDay: Int64, days: Int = 60) throws -> (String, [(String, String?, Int64)]) {
        var csv = "project_id,ts,service,unit,quantity,cost_usd,user_id\n"
        var rows = [(String, String?, Int64)]()
        let users: [String?] = ["ann", "bo", "cy", nil]
        for d in 0..<Int64(days) {
            let day = endDay - d
            for i in 0..<4 {
                let project = ["p1", "p2", "p3"][Int(d + Int64(i)) % 3]
                let user = users[(Int(d) * 3 + i) % 4]
                csv += "\(project),\(day * msPerDay + Int64(i) * 3_600_000),e2b,sandbox_seconds,\(i + 1),0.000000100,\(user ?? "")\n"
                rows.append((project, user, day))
            }
        }
        let file = dir + "/rows.csv", store = dir + "/s"
        try Data(csv.utf8).write(to: URL(fileURLWithPath: file))
        let result = try TallyProcess.run(["import", "--store", store, file])
        try #require(result.status == 0, "\(result.stderr)")
        return (store, rows)
    }

    static func exported(_ arguments: [String]) throws -> [[String: Any]] {
        let out = try TallyProcess.run(["export", "--format", "jsonl"] + arguments)
        #expect(out.status == 0, "\(out.stderr)")
        return out.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    @Test func deleteRemovesEveryRowOfTheUserAndSaysHowMany() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, rows) = try Self.store(in: dir.path, endDay: 20_500)
        let ann = rows.filter { $0.1 == "ann" }
        // The data-export request first: every row of Ann, across projects.
        let export = try Self.exported(["--store", store, "--user", "ann"])
        #expect(export.count == ann.count)
        #expect(export.allSatisfy { $0["user_id"] as? String == "ann" })
        #expect(try Self.exported(["--store", store, "--user", "ann", "--project", "p2"]).count == ann.filter { $0.0 == "p2" }.count)

        let dry = try TallyProcess.run(["delete", "--store", store, "--user", "ann", "--dry-run"])
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("would delete \(ann.count) rows of user 'ann' from 3 projects (p1, p2, p3)"), "\(dry.stdout)")
        #expect(try Self.exported(["--store", store]).count == rows.count)

        let onlyP1 = try TallyProcess.run(["delete", "--store", store, "--user", "ann", "--project", "p1"])
        #expect(onlyP1.stdout.contains("deleted \(ann.filter { $0.0 == "p1" }.count) rows of user 'ann' in project 'p1' from 1 project (p1)"), "\(onlyP1.stdout)")
        let rest = try TallyProcess.run(["delete", "--store", store, "--user", "ann"])
        #expect(rest.status == 0)
        #expect(rest.stdout.contains("deleted \(ann.filter { $0.0 != "p1" }.count) rows of user 'ann' from 2 projects (p2, p3)"), "\(rest.stdout)")
        #expect(try Self.exported(["--store", store, "--user", "ann"]).isEmpty)
        let remaining = try Self.exported(["--store", store])
        #expect(remaining.count == rows.count - ann.count)
        #expect(remaining.filter { $0["user_id"] as? String == "bo" }.count == rows.filter { $0.1 == "bo" }.count)
        let again = try TallyProcess.run(["delete", "--store", store, "--user", "ann"])
        #expect(again.stdout.contains("no rows of user 'ann'; nothing changed"))
        #expect(try TallyProcess.run(["verify", "--store", store]).status == 0)
        // No file of the store names Ann any more (parts are LZ4-compressed, so they are
        // decoded by the exports above; this catches the manifest and any stray file).
        for file in FileManager.default.enumerator(atPath: store)!.compactMap({ $0 as? String }) {
            let bytes = FileManager.default.contents(atPath: store + "/" + file) ?? Data()
            #expect(bytes.range(of: Data("ann".utf8)) == nil || file.hasSuffix(".tly"), "\(file)")
        }
    }

    @Test func retentionRemovesRowsBeforeTheCutoff() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let end: Int64 = 20_500
        let (store, rows) = try Self.store(in: dir.path, endDay: end)
        let today = "2026-02-17"  // day 20,501: the data ends the day before.
        let cutoff = end + 1 - 30
        let doomed = rows.filter { $0.2 < cutoff }.count
        let dry = try TallyProcess.run(["retention", "--store", store, "--keep-days", "30", "--today", today, "--dry-run"])
        #expect(dry.stdout.contains("retention: would remove \(doomed) rows dated before 2026-01-18 (UTC) from 3 projects"), "\(dry.stdout)")
        #expect(try Self.exported(["--store", store]).count == rows.count)
        let run = try TallyProcess.run(["retention", "--store", store, "--keep-days", "30", "--today", today])
        #expect(run.status == 0)
        #expect(run.stdout.contains("retention: removed \(doomed) rows dated before 2026-01-18 (UTC)"), "\(run.stdout)")
        let kept = try Self.exported(["--store", store])
        #expect(kept.count == rows.count - doomed)
        #expect(kept.allSatisfy { ($0["date"] as? String ?? "") >= "2026-01-18" })
        #expect(try TallyProcess.run(["verify", "--store", store]).status == 0)
    }

    @Test func compactAppliesTheStoredPolicy() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let today = Self.today
        let (store, rows) = try Self.store(in: dir.path, endDay: today - 1, days: 40)
        let show = try TallyProcess.run(["retention", "--store", store])
        #expect(show.stdout.contains("no retention policy set"))
        let set = try TallyProcess.run(["retention", "--store", store, "--set-policy", "20"])
        #expect(set.status == 0)
        #expect(set.stdout.contains("keep 20 days"))
        let compact = try TallyProcess.run(["compact", "--store", store])
        #expect(compact.status == 0, "\(compact.stderr)")
        let doomed = rows.filter { $0.2 < today - 20 }.count
        #expect(compact.stdout.contains("retention: removed \(doomed) rows"), "\(compact.stdout)")
        #expect(try Self.exported(["--store", store]).count == rows.count - doomed)
        #expect(try TallyProcess.run(["retention", "--store", store, "--clear-policy"]).stdout.contains("cleared"))
        #expect(!(try TallyProcess.run(["compact", "--store", store]).stdout.contains("retention")))
    }

    @Test func usageErrorsExitWithTwo() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, _) = try Self.store(in: dir.path, endDay: 20_500, days: 2)
        for arguments in [
            ["retention", "--store", store, "--keep-days", "30", "--today", "2026-13-01"],
            ["retention", "--store", store, "--keep-days", "30", "--set-policy", "5"],
            ["retention", "--store", store, "--set-policy", "5", "--clear-policy"],
            ["retention", "--store", store, "--keep-days=-2"],
            ["delete", "--store", store],
        ] {
            let result = try TallyProcess.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
        }
        #expect(try TallyProcess.run(["delete", "--store", dir.path + "/missing", "--user", "x"]).status == 1)
    }
}
