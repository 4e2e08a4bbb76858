import Foundation
import Testing
import TallyTestSupport

/// `tally import` through the real binary: all-or-nothing files, skipped lines, repeats,
/// standard input, the runtime streams, unpriced rows, and a killed import.
@Suite struct ImportCommandTests {
    static let header = "project_id,ts,service,unit,quantity,model_id,cost_usd\n"
    /// 2026-01-01T00:00:00Z.
    static let jan1: Int64 = 1_767_225_600_000
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TallyIngestTests/Fixtures/streams")

    static func csvLines(_ rows: Int, project: String = "acme") -> String {
        var s = ""
        for i in 0..<rows { s += "\(project),\(jan1 + Int64(i) * 60_000),anthropic,input_tokens,1000,claude-sonnet-4-6,\n" }
        return s
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func rowCount(_ store: String) throws -> Int {
        let info = try TallyProcess.run(["info", "--store", store, "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as! [String: Any]
        return json["rows"] as! Int
    }

    /// Every stored record, through `tally export --format jsonl`.
    static func exported(_ store: String) throws -> [[String: Any]] {
        let out = try TallyProcess.run(["export", "--store", store, "--format", "jsonl"])
        return out.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    @Test func aBadLineFailsTheFileAndSkipBadLinesKeepsTheRest() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s", file = dir.path + "/big.csv"
        try Self.write(Self.header + Self.csvLines(50_000) + "acme,\(Self.jan1),anthropic,input_tokens,-3,claude-sonnet-4-6,\n", to: file)
        let failed = try TallyProcess.run(["import", "--store", store, file])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("\(file):50002: field 'quantity': value '-3'"))
        #expect(failed.stderr.contains("nothing from this file was imported"))
        #expect(try Self.rowCount(store) == 0)

        let skipped = try TallyProcess.run(["import", "--store", store, "--skip-bad-lines", "--verbose", file])
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.stdout.contains("50,000 rows imported as csv"))
        #expect(skipped.stdout.contains("1 bad lines skipped"))
        #expect(skipped.stderr.contains("skipped: \(file):50002: field 'quantity'"))
        #expect(try Self.rowCount(store) == 50_000)
    }

    @Test func aSchemaViolationNamesLineColumnAndValue() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s", file = dir.path + "/snake.csv"
        try Self.write(Self.header + Self.csvLines(3) + "acme,\(Self.jan1),Not Snake,input_tokens,1,,\n", to: file)
        let result = try TallyProcess.run(["import", "--store", store, file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file):5: field 'service': value 'Not Snake'"))
        #expect(try Self.rowCount(store) == 0)
    }

    @Test func repeatsAreReportedAndSkipped() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s", a = dir.path + "/a.csv", b = dir.path + "/b.csv"
        try Self.write(Self.header + Self.csvLines(10), to: a)
        try Self.write(Self.header + Self.csvLines(4, project: "other"), to: b)
        #expect(try TallyProcess.run(["import", "--store", store, a]).status == 0)
        let again = try TallyProcess.run(["import", "--store", store, "--verbose", a])
        #expect(again.status == 0)
        #expect(again.stdout.contains("already imported"))
        #expect(try Self.rowCount(store) == 10)
        #expect(try TallyProcess.run(["import", "--store", store, "--key", "batch-7", b]).status == 0)
        let sameKey = try TallyProcess.run(["import", "--store", store, "--key", "batch-7", "--verbose", a])
        #expect(sameKey.stdout.contains("already imported (batch-7)"))
        #expect(try Self.rowCount(store) == 14)
    }

    @Test func standardInputAndJSONL() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s"
        let csv = try TallyProcess.run(["import", "--store", store, "-"], input: Self.header + Self.csvLines(25))
        #expect(csv.status == 0, "\(csv.stderr)")
        // The same bytes again on standard input are recognised.
        let repeatRun = try TallyProcess.run(["import", "--store", store, "--verbose", "-"], input: Self.header + Self.csvLines(25))
        #expect(repeatRun.stdout.contains("<stdin>: already imported"))
        let jsonl = """
            {"project_id":"acme","ts":"2026-01-02T00:00:00Z","service":"e2b","unit":"sandbox_seconds","quantity":7200,"cost_usd":"0.25"}
            {"project_id":"acme","date":"2026-01-03","service":"openai","unit":"input_tokens","quantity":1000000,"model_id":"gpt-5.4"}

            """
        let streamed = try TallyProcess.run(["import", "--store", store, "--key", "jsonl-1", "--verbose", "-"], input: jsonl)
        #expect(streamed.status == 0, "\(streamed.stderr)")
        #expect(streamed.stdout.contains("2 rows imported as jsonl"))
        #expect(streamed.stdout.contains("cost 2.750000000 USD"))
        #expect(try Self.rowCount(store) == 27)
    }

    @Test func unpricedRowsAreListedPerServiceUnitAndModel() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s", file = dir.path + "/u.csv"
        try Self.write(Self.header + "acme,\(Self.jan1),anthropic,input_tokens,10,claude-mystery-9,\n"
                       + "acme,\(Self.jan1),anthropic,input_tokens,10,claude-mystery-9,\n", to: file)
        let result = try TallyProcess.run(["import", "--store", store, "--verbose", file])
        #expect(result.stdout.contains("2 rows unpriced"))
        #expect(result.stdout.contains("anthropic / input_tokens / claude-mystery-9: 2"))
    }

    /// Each fixture stream, auto-detected; stored token totals as in EXPECTED.md (stored
    /// output excludes the reasoning share, which is stored as reasoning_tokens).
    @Test(arguments: [
        ("claude-stream-json.jsonl", [11, 9517, 12800, 39074, 919, 0], "runtime reported 0.138028950 USD"),
        ("claude-session.jsonl", [1832, 6753, 12800, 33900, 871, 0], nil),
        ("codex-exec.jsonl", [10525, 0, 0, 84608, 1232, 2112], nil),
        ("opencode-run.jsonl", [15220, 0, 0, 24832, 981, 960], "runtime reported 0.041539000 USD"),
        ("pi-session.jsonl", [4355, 5272, 6144, 12816, 1046, 832], "runtime reported 0.086621100 USD"),
    ])
    func fixtureStreams(file: String, totals: [Int], reported: String?) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s"
        let result = try TallyProcess.run([
            "import", "--store", store, "--project", "P", "--model", "gpt-5.4", "--timestamp", String(Self.jan1), "--verbose",
            Self.fixtures.appendingPathComponent(file).path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("imported as " + file.replacingOccurrences(of: ".jsonl", with: "")))
        if let reported { #expect(result.stdout.contains(reported)) }
        let rows = try Self.exported(store)
        #expect(rows.allSatisfy { $0["project_id"] as? String == "P" })
        let units = ["input_tokens", "cache_creation_5m_tokens", "cache_creation_1h_tokens", "cache_read_tokens", "output_tokens", "reasoning_tokens"]
        let stored = units.map { u in rows.filter { $0["unit"] as? String == u }.reduce(0) { $0 + (($1["quantity"] as? NSNumber)?.intValue ?? 0) } }
        #expect(stored == totals)
    }

    /// SIGKILL in the middle of a 1.2M-row file (past the first 1M rows written as unpublished parts) leaves the store as before that file.
    @Test(.timeLimit(.minutes(5))) func aKilledImportLeavesTheStoreAsItWas() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let demo = dir.path + "/demo", csv = dir.path + "/all.csv", store = dir.path + "/s", small = dir.path + "/small.csv"
        #expect(try TallyProcess.run(["demo", "--store", demo, "--rows", "1200000", "--seed", "5", "--projects", "20"]).status == 0)
        #expect(try TallyProcess.run(["export", "--store", demo, "--format", "csv", "--out", csv]).status == 0)
        try Self.write(Self.header + Self.csvLines(100), to: small)
        #expect(try TallyProcess.run(["import", "--store", store, small]).status == 0)
        let manifestBefore = try Data(contentsOf: URL(fileURLWithPath: store + "/MANIFEST"))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: TallyProcess.executablePath)
        process.arguments = ["import", "--store", store, csv]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the import has written unpublished parts (1M rows buffered), then kill it.
        func tlyFiles() -> Int {
            (FileManager.default.enumerator(atPath: store + "/data")?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".tly") }.count
        }
        let deadline = Date().addingTimeInterval(120)
        while tlyFiles() <= 1 && process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(process.isRunning, "the import finished before it could be killed")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        #expect(try Data(contentsOf: URL(fileURLWithPath: store + "/MANIFEST")) == manifestBefore)
        #expect(try Self.rowCount(store) == 100)
        let verify = try TallyProcess.run(["verify", "--store", store])
        #expect(verify.status == 0)
        #expect(verify.stdout.hasPrefix("ok:"))
        // The store stays writable: the lock died with the process.
        try Self.write(Self.header + Self.csvLines(5, project: "after"), to: small)
        #expect(try TallyProcess.run(["import", "--store", store, small]).status == 0)
        #expect(try Self.rowCount(store) == 105)
    }
}
