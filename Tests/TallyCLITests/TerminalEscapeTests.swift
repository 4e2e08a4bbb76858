import Foundation
import Testing
import TallyTestSupport

/// Hostile text from data through the real binary: ids holding terminal escape sequences,
/// BEL, line breaks, DEL, a C1 CSI, a bidi override and a very long id. What the CLI
/// prints for people (`info`, the import summary, `query --format table`, error messages)
/// shows them escaped and stays aligned; what it prints as data (CSV, JSON) keeps the exact
/// characters (issue #19: `ESC]0;...BEL` retitled the terminal, `ESC[2J` cleared it).
@Suite struct TerminalEscapeTests {
    static let hostile = [
        "retitle\u{1B}]0;pwned\u{07}", "clear\u{1B}[2J\u{1B}[H", "new\nline", "carriage\rreturn", "tab\there", "del\u{7F}ete",
        "c1\u{9B}31mred", "bidi\u{202E}gnp.exe", "bell\u{07}", "nul-free\u{1B}", "back\\slash", String(repeating: "long", count: 200),
    ]
    static let header = "project_id,ts,service,unit,quantity,model_id,cost_usd\n"
    static let jan1: Int64 = 1_767_225_600_000

    /// A CSV field: quoted, quotes doubled (line breaks stay inside the quotes).
    static func field(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Whether `text` holds a character a terminal would act on, other than its own line breaks.
    static func rawControl(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { s in
            (s.value < 0x20 && s != "\n") || (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
        }
    }

    static func expectClean(_ r: TallyProcess.Result, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(rawControl(in: r.stdout) == nil, "\(what) stdout: \(r.stdout.debugDescription)", sourceLocation: sourceLocation)
        #expect(rawControl(in: r.stderr) == nil, "\(what) stderr: \(r.stderr.debugDescription)", sourceLocation: sourceLocation)
    }

    /// A store with one row per hostile string as project id and (unpriced) model id.
    static func hostileStore(_ dir: TemporaryDirectory) throws -> (store: String, importRun: TallyProcess.Result) {
        let store = dir.path + "/s", file = dir.path + "/hostile.csv"
        var text = header
        for (i, s) in hostile.enumerated() {
            text += "\(field(s)),\(jan1 + Int64(i) * 60_000),anthropic,input_tokens,1000,\(field(s)),\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        let run = try TallyProcess.run(["import", "--store", store, "--verbose", file])
        #expect(run.status == 0, "\(run.stderr)")
        return (store, run)
    }

    @Test func theImportSummaryEscapesModelIds() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (_, run) = try Self.hostileStore(dir)
        Self.expectClean(run, "import")
        #expect(run.stdout.contains("12 rows unpriced"))
        // The file line, the cost, the unpriced heading, then one line per model id: no id
        // starts a line of its own.
        #expect(run.stdout.split(separator: "\n").count == 3 + Self.hostile.count, "\(run.stdout)")
        #expect(run.stdout.contains("anthropic / input_tokens / retitle\\x1b]0;pwned\\x07: 1"))
        #expect(run.stdout.contains("new\\nline") && run.stdout.contains("c1\\u{9b}31mred") && run.stdout.contains("bidi\\u{202e}gnp.exe"))
    }

    @Test func infoEscapesProjectIdsAndStaysAligned() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, _) = try Self.hostileStore(dir)
        let info = try TallyProcess.run(["info", "--store", store])
        #expect(info.status == 0)
        Self.expectClean(info, "info")
        let lines = info.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let head = lines.firstIndex(where: { $0.hasPrefix("project_id") }) else {
            Issue.record("no project table in \(info.stdout)")
            return
        }
        // Header, rule, one line per project: every line of the table as wide as the rule.
        let table = Array(lines[head...].prefix(2 + Self.hostile.count))
        #expect(table.count == 2 + Self.hostile.count)
        #expect(table.allSatisfy { $0.count == table[1].count }, "\(table)")
        #expect(info.stdout.contains("clear\\x1b[2J\\x1b[H") && info.stdout.contains("back\\slash"))
        // JSON keeps the exact ids.
        let json = try TallyProcess.run(["info", "--store", store, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let ids = (object["projects"] as! [[String: Any]]).map { $0["project_id"] as! String }
        #expect(Set(ids) == Set(Self.hostile))
    }

    @Test func tableOutputEscapesAndStaysAlignedWhileCSVAndJSONKeepTheBytes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, _) = try Self.hostileStore(dir)
        let sql = "SELECT project_id, model_id AS \"m\u{1B}[2Jodel\", count(*) AS n FROM usage GROUP BY 1, 2 ORDER BY 1"
        let table = try TallyProcess.run(["query", "--store", store, "--format", "table", sql])
        #expect(table.status == 0, "\(table.stderr)")
        Self.expectClean(table, "query table")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        // Header, rule, one line per group, the row count.
        #expect(lines.count == Self.hostile.count + 3, "\(lines)")
        let bars = lines.dropLast().filter { !$0.hasPrefix("─") }.map { line in
            line.enumerated().filter { $0.element == "│" }.map(\.offset)
        }
        #expect(Set(bars).count == 1, "columns not aligned: \(bars)")
        #expect(lines[0].contains("m\\x1b[2Jodel"))

        let csv = try TallyProcess.run(["query", "--store", store, "--format", "csv", "SELECT project_id FROM usage GROUP BY 1 ORDER BY 1"])
        for s in Self.hostile { #expect(csv.stdout.contains(s.contains("\n") || s.contains("\r") ? Self.field(s) : s)) }
        let json = try TallyProcess.run(["query", "--store", store, "--format", "json", "SELECT project_id FROM usage GROUP BY 1"])
        let rows = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
        #expect(Set(rows.map { $0["project_id"] as! String }) == Set(Self.hostile))
    }

    @Test func errorMessagesEscapeTheValuesTheyEcho() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s"
        for s in Self.hostile.prefix(9) {
            // A file name, and a bad field value, each holding the hostile text.
            let missing = try TallyProcess.run(["import", "--store", store, dir.path + "/" + s.replacingOccurrences(of: "/", with: "_")])
            #expect(missing.status == 1)
            Self.expectClean(missing, "missing file \(s.debugDescription)")
            let file = dir.path + "/bad.csv"
            try Data((Self.header + "acme,\(Self.jan1),anthropic,input_tokens,\(Self.field(s)),m,\n").utf8).write(to: URL(fileURLWithPath: file))
            let bad = try TallyProcess.run(["import", "--store", store, file])
            #expect(bad.status == 1)
            Self.expectClean(bad, "bad value \(s.debugDescription)")
            let query = try TallyProcess.run(["query", "--store", store, "SELECT count(*) FROM usage WHERE nosuch\(s.hasPrefix("new") ? "" : "x") = 1 -- \(s)"])
            Self.expectClean(query, "query error \(s.debugDescription)")
        }
    }
}
