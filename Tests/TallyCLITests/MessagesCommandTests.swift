import Foundation
import Testing
import TallyTestSupport

/// The messages of issue #19, through the real binary: each names what went wrong in the
/// user's terms (the text they wrote, the flags the CLI has) and nothing is lost unseen.
@Suite struct MessagesCommandTests {
    static let fixtures = ImportCommandTests.fixtures

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    /// `cat claude-stream-json.jsonl codex-exec.jsonl > mix.jsonl` is refused at the first
    /// Codex line, naming both formats; nothing is stored (issue #19, item 1).
    @Test func twoRuntimesStreamsInOneFileAreRefusedAtTheChange() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s", file = dir.path + "/mix.jsonl"
        let claude = try Self.fixture("claude-stream-json.jsonl")
        try ImportCommandTests.write(claude + (try Self.fixture("codex-exec.jsonl")), to: file)
        let claudeLines = claude.split(separator: "\n").count
        let result = try TallyProcess.run(["import", "--store", store, "--project", "p", "--timestamp", "\(ImportCommandTests.jan1)", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file):\(claudeLines + 1): the file changes format here, from claude-stream-json to codex-exec"), "\(result.stderr)")
        #expect(try ImportCommandTests.rowCount(store) == 0)
    }

    /// A timestamp before 1970 is echoed as written, not as the milliseconds it became.
    @Test func aPre1970TimestampIsEchoedAsWritten() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s", file = dir.path + "/old.csv"
        try ImportCommandTests.write("project_id,ts,service,unit,quantity\nacme,1969-12-31T23:59:59Z,anthropic,input_tokens,1\n", to: file)
        let result = try TallyProcess.run(["import", "--store", store, file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file):2: field 'ts': value '1969-12-31T23:59:59Z'"), "\(result.stderr)")
        #expect(result.stderr.contains("1970-01-01"))
        #expect(!result.stderr.contains("-1000"))
    }

    /// Stream problems name the CLI's flags, and `--service` exists.
    @Test func streamProblemsNameTheFlags() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s", file = Self.fixtures.appendingPathComponent("codex-exec.jsonl").path
        let noTime = try TallyProcess.run(["import", "--store", store, "--project", "p", "--model", "gpt-5.1", file])
        #expect(noTime.status == 1)
        #expect(noTime.stderr.contains("Pass --timestamp"), "\(noTime.stderr)")
        #expect(!noTime.stderr.contains("defaultTimestampMs"))

        // OpenCode names neither model nor provider: the service comes from --model or --service.
        let opencode = Self.fixtures.appendingPathComponent("opencode-run.jsonl").path
        let unknown = try TallyProcess.run(["import", "--store", store, "--project", "p", "--model", "mystery-1", opencode])
        #expect(unknown.status == 0, "\(unknown.stderr)")
        #expect(unknown.stderr.contains("Pass --service"), "\(unknown.stderr)")
        #expect(!unknown.stderr.contains("serviceOverride"))

        let store2 = dir.path + "/s2"
        let given = try TallyProcess.run(["import", "--store", store2, "--project", "p", "--model", "mystery-1", "--service", "acme_ai", opencode])
        #expect(given.status == 0, "\(given.stderr)")
        #expect(try ImportCommandTests.exported(store2).allSatisfy { $0["service"] as? String == "acme_ai" })
    }

    /// `--codec` help names the codecs.
    @Test func codecHelpListsNames() throws {
        let result = try TallyProcess.run(["import", "--help"])
        // The help wraps: its lines are joined and runs of spaces folded.
        let codec = result.stdout.components(separatedBy: "\n").drop { !$0.contains("--codec") }.prefix(3)
            .joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(codec.contains("values: none, lz4, zstd; default: lz4"), "\(codec)")
        #expect(!codec.contains("0, 1, 2") && !codec.contains("default: 1"), "\(codec)")
        let bad = try TallyProcess.run(["import", "--store", "/nonexistent", "--codec", "7", "x.csv"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("none") && bad.stderr.contains("zstd"), "\(bad.stderr)")
    }

    /// The summary says where the cost came from.
    @Test func theSummarySaysWhereCostsCameFrom() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s"
        let given = dir.path + "/given.csv", mixed = dir.path + "/mixed.csv", priced = dir.path + "/priced.csv"
        let header = ImportCommandTests.header, t = ImportCommandTests.jan1
        try ImportCommandTests.write(header + "acme,\(t),anthropic,input_tokens,1000,claude-sonnet-4-6,1.5\n", to: given)
        try ImportCommandTests.write(header + "acme,\(t + 1),anthropic,input_tokens,1000,claude-sonnet-4-6,1.5\n"
                                     + "acme,\(t + 2),anthropic,input_tokens,1000000,claude-sonnet-4-6,\n", to: mixed)
        try ImportCommandTests.write(header + "acme,\(t + 3),anthropic,input_tokens,1000000,claude-sonnet-4-6,\n", to: priced)
        let a = try TallyProcess.run(["import", "--store", store, "--verbose", given])
        #expect(a.stdout.contains("cost 1.500000000 USD as given in the file"), "\(a.stdout)")
        let b = try TallyProcess.run(["import", "--store", store, "--verbose", mixed])
        #expect(b.stdout.contains("(1.500000000 as given in the file, ") && b.stdout.contains(" from the rate card)"), "\(b.stdout)")
        let c = try TallyProcess.run(["import", "--store", store, "--verbose", priced])
        #expect(c.stdout.contains("USD from the rate card"), "\(c.stdout)")
    }

    /// The unknown-column hint offers only what the CLI can do.
    @Test func theUnknownColumnHintOffersWhatTheCLIHas() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.path + "/typo.csv"
        try ImportCommandTests.write("project_id,ts,service,unit,quantity,projectid\nacme,\(ImportCommandTests.jan1),anthropic,input_tokens,1,x\n", to: file)
        let result = try TallyProcess.run(["import", "--store", dir.path + "/s", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("'projectid'") || result.stderr.contains("projectid"))
        #expect(!result.stderr.contains("ignore unknown columns"), "\(result.stderr)")
        #expect(result.stderr.contains("remove it from the file"), "\(result.stderr)")
    }

    /// One damaged part: `tally info` reports it and still shows the rest.
    @Test func infoReportsADamagedPartAndShowsTheRest() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s"
        let demo = try TallyProcess.run(["demo", "--store", store, "--rows", "1000", "--seed", "1"])
        #expect(demo.status == 0, "\(demo.stderr)")
        let parts = try FileManager.default.subpathsOfDirectory(atPath: store).filter { $0.hasSuffix(".tly") }.sorted()
        try #require(parts.count >= 2)
        // Overwrite the trailer of one part: its footer can no longer be found.
        let victim = store + "/" + parts[0]
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: victim))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size - 32)
        handle.write(Data(repeating: 0xAB, count: 32))
        try handle.close()
        let info = try TallyProcess.run(["info", "--store", store])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("rows        1,000"), "\(info.stdout)")
        #expect(info.stdout.contains("damaged     \(parts[0])"), "\(info.stdout)")
        #expect(info.stderr.contains("1 part file(s) could not be read"), "\(info.stderr)")
        let json = try TallyProcess.run(["info", "--store", store, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect((object["damaged_parts"] as? [[String: Any]])?.count == 1)
        #expect(object["rows"] as? Int == 1000)
    }

    /// Headers are case-insensitive, for detection too.
    @Test func anUppercaseCSVHeaderIsDetected() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s", file = dir.path + "/upper.csv"
        try ImportCommandTests.write("PROJECT_ID,TS,Service,UNIT,QUANTITY\nacme,\(ImportCommandTests.jan1),anthropic,input_tokens,1\n", to: file)
        let result = try TallyProcess.run(["import", "--store", store, "--format", "auto", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try ImportCommandTests.rowCount(store) == 1)
    }

    /// `tally help <unknown>` is a usage error naming the unknown command.
    @Test func helpForAnUnknownCommandIsAnError() throws {
        let unknown = try TallyProcess.run(["help", "imprt"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("tally has no command 'imprt'"), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("import"))
        let nested = try TallyProcess.run(["help", "rates", "nope"])
        #expect(nested.status == 2)
        #expect(nested.stderr.contains("`tally rates` has no subcommand 'nope'"), "\(nested.stderr)")
        let known = try TallyProcess.run(["help", "import"])
        #expect(known.status == 0)
        #expect(known.stdout.contains("--skip-bad-lines"))
    }
}
