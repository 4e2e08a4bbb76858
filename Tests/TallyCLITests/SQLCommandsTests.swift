import Foundation
import Testing
import TallyTestSupport

/// `tally query`, `tally STORE "SQL"`, scripts, the DuckDB-checked query cases and the REPL on a
/// pseudo-terminal, all through the real binary over one small demo store.
@Suite(.serialized) struct SQLCommandsTests {
    /// `tally demo --rows 20000 --seed 7`, made once for the suite.
    static let store: String = {
        let dir = try! TemporaryDirectory()
        let path = dir.path + "/demo"
        let r = try! TallyProcess.run(["demo", "--store", path, "--rows", "20000", "--seed", "7"])
        precondition(r.status == 0, r.stderr)
        return path
    }()

    static func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var it = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? it.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = it.next() { if n == "\"" { field.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," { row.append(field); field = ""
            } else if c == "\n" { row.append(field); rows.append(row); row = []; field = ""
            } else { field.append(c) }
        }
        return rows
    }

    /// The same rule as Tools/sql_vs_duckdb.py: exact text, money exact, doubles to 1e-9.
    static func sameCell(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let money = /^-?\d+\.\d{9}$/
        if a.wholeMatch(of: money) != nil && b.wholeMatch(of: money) != nil { return false }
        guard let x = Double(a), let y = Double(b) else { return false }
        return abs(x - y) <= 1e-9 * max(abs(x), abs(y), .leastNonzeroMagnitude)
    }

    static var queryCases: [String] { SQLCaseFiles.names(in: SQLCaseFiles.queryCases) }

    @Test func thereAreQueryCases() {
        #expect(Self.queryCases.count >= 25)
    }

    /// `cases/NAME.sql` against `cases/NAME.csv`, DuckDB's answer on the same store.
    @Test(arguments: queryCases)
    func queryMatchesTheDuckDBAnswer(_ name: String) throws {
        var q = try SQLCaseFiles.sql(name, in: SQLCaseFiles.queryCases).trimmingCharacters(in: .whitespacesAndNewlines)
        if q.hasSuffix(";") { q.removeLast() }
        let expectedFile = SQLCaseFiles.expected(name, "csv", in: SQLCaseFiles.queryCases)
        let expected = Self.csvRows(try String(contentsOf: expectedFile, encoding: .utf8))
        let r = try TallyProcess.run(["query", "--store", Self.store, "--format", "csv", q])
        #expect(r.status == 0, "\(q): \(r.stderr)")
        var actual = Array(Self.csvRows(r.stdout).dropFirst())
        var want = Array(expected.dropFirst())
        if !q.uppercased().contains("ORDER BY") {
            actual.sort { $0.lexicographicallyPrecedes($1) }
            want.sort { $0.lexicographicallyPrecedes($1) }
        }
        let same = actual.count == want.count && zip(actual, want).allSatisfy { a, w in
            a.count == w.count && zip(a, w).allSatisfy { Self.sameCell($0, $1) }
        }
        #expect(same, "\(name): \(q)\nexpected \(want.prefix(5))\nactual \(actual.prefix(5))")
    }

    @Test func oneShotScriptAndFormats() throws {
        let one = try TallyProcess.run([Self.store, "SELECT count(*) AS n, sum(cost_usd) AS cost FROM usage"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout == "n,cost\n20000,214.602496686\n")
        let json = try TallyProcess.run(["query", "--store", Self.store, "--format", "json", "SELECT sum(cost_usd) AS cost FROM usage"])
        #expect(json.stdout == "[\n  {\"cost\":214.602496686}\n]\n")
        let table = try TallyProcess.run(["query", "--store", Self.store, "--format", "table", "SELECT count(*) AS n, sum(cost_usd) AS cost FROM usage"])
        #expect(table.stdout.contains("20,000 │ 214.60"))
        let md = try TallyProcess.run(["query", "--store", Self.store, "--format", "markdown", "SELECT count(*) AS n FROM usage"])
        #expect(md.stdout == "| n |\n|---:|\n| 20,000 |\n")
        let script = try TallyProcess.run([Self.store], input: "SELECT count(*)\n  FROM usage;\n.mode jsonl\nSELECT count(*) AS n FROM usage WHERE service = 'e2b';\n")
        #expect(script.status == 0)
        #expect(script.stdout == "count(*)\n20000\n{\"n\":257}\n")
    }

    @Test func sideTablesAndFilesInTheShell() throws {
        let script = try TallyProcess.run([Self.store], input: ".tables\nSELECT count(*) AS n FROM rates WHERE service = 'e2b';\nDESCRIBE counters;\n")
        #expect(script.status == 0, "\(script.stderr)")
        #expect(script.stdout.hasPrefix("usage\nrates\ndaily_stats\ncounters\nn\n"), "\(script.stdout)")
        #expect(script.stdout.contains("project_id,VARCHAR,YES,,,\nsandboxes_created,BIGINT,YES,,,"), "\(script.stdout)")
        let help = try TallyProcess.run([Self.store], input: ".help\n")
        #expect(help.stdout.contains("rates (the rate card") && help.stdout.contains("read_csv('teams.csv')"))
        let dir = try TemporaryDirectory(prefix: "cli-csv")
        defer { dir.remove() }
        let path = dir.path + "/teams.csv"
        try Data("user_id;team\nuser_03x3ld;alpha\nuser_04t7f1;beta\n".utf8).write(to: URL(fileURLWithPath: path))
        let join = try TallyProcess.run(["query", "--store", Self.store, "--format", "csv",
                                         "SELECT t.team, count(*) AS n FROM usage u JOIN '\(path)' t USING (user_id) GROUP BY ALL ORDER BY 1"])
        #expect(join.status == 0, "\(join.stderr)")
        #expect(join.stdout == "team,n\nalpha,28\nbeta,259\n", "the demo's row counts of the two users")
    }

    @Test func errorsHaveCaretsAndExitCodeOne() throws {
        let bad = try TallyProcess.run([Self.store, "SELECT count(*) FROM usage NATURAL JOIN usage"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("NATURAL joins are not supported"))
        #expect(bad.stderr.contains("^~~~"))
        let syntax = try TallyProcess.run(["query", "--store", Self.store, "SELECT count(* FROM usage"])
        #expect(syntax.status == 1)
        #expect(syntax.stderr.contains("^"))
        let script = try TallyProcess.run([Self.store], input: "SELECT nope FROM usage;\nSELECT count(*) FROM usage;\n")
        #expect(script.status == 1)
        #expect(script.stdout == "count(*)\n20000\n")
        #expect(try TallyProcess.run(["no-such-command"]).status == 2)
        #expect(try TallyProcess.run(["/nonexistent/store", "SELECT count(*) FROM usage"]).status == 1)
    }

    /// `tally query --file`: every statement in one process, one jsonl line each (a result or
    /// an error), continuing after errors; what Tools/sql_oracle.py runs thousands of queries with.
    @Test func fileRunsEveryStatementWithOneJSONLinePerStatement() throws {
        let script = """
            SELECT count(*) AS n, sum(cost_usd) AS cost FROM usage;
            SELECT nope FROM usage;
            SELECT tool_id, count(*) AS n FROM usage WHERE service = 'e2b' GROUP BY tool_id;
            SELECT service, count(*) AS n FROM usage WHERE service = 'none' GROUP BY service
            """
        let r = try TallyProcess.run(["query", "--store", Self.store, "--format", "jsonl", "--file", "-"], input: script)
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 5 && lines.last == "", "\(r.stdout)")
        guard lines.count == 5 else { return }
        #expect(lines[0] == #"{"columns":["n","cost"],"types":["BIGINT","DECIMAL(38,9)"],"rows":[[20000,214.602496686]]}"#)
        #expect(lines[1].hasPrefix(#"{"error":"#) && lines[1].contains("nope"))
        #expect(lines[2] == #"{"columns":["tool_id","n"],"types":["VARCHAR","BIGINT"],"rows":[[null,257]]}"#)
        #expect(lines[3] == #"{"columns":["service","n"],"types":["VARCHAR","BIGINT"],"rows":[]}"#)
        // The vectorised operators alone (the rollup rule off) give the same answers.
        let off = try TallyProcess.run(["query", "--store", Self.store, "--format", "jsonl", "--file", "-"], input: script,
                                       environment: ["TALLY_ROLLUP_RULE": "0"])
        #expect(off.stdout == r.stdout)

        // From a file and in another format: results on standard output, errors on standard error.
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.path + "/q.sql"
        try script.write(toFile: file, atomically: true, encoding: .utf8)
        let csv = try TallyProcess.run(["query", "--store", Self.store, "--format", "csv", "--file", file])
        #expect(csv.status == 1)
        #expect(csv.stdout == "n,cost\n20000,214.602496686\ntool_id,n\n,257\nservice,n\n")
        #expect(csv.stderr.contains("nope"))
        // One statement or --file, not both; no --repeat with --file.
        #expect(try TallyProcess.run(["query", "--store", Self.store, "--file", file, "SELECT count(*) FROM usage"]).status == 2)
        #expect(try TallyProcess.run(["query", "--store", Self.store, "--repeat", "2", "--file", file]).status == 2)
        #expect(try TallyProcess.run(["query", "--store", Self.store, "--file", dir.path + "/missing.sql"]).status == 1)
    }

    @Test func repeatPrintsTimingOnStandardError() throws {
        let r = try TallyProcess.run(["query", "--store", Self.store, "--format", "csv", "--repeat", "3", "SELECT count(*) FROM usage"])
        #expect(r.status == 0)
        #expect(r.stdout == "count(*)\n20000\n")
        #expect(r.stderr.contains(/timing: runs=3 min=[0-9.]+ ms median=[0-9.]+ ms/))
    }

    /// Types into the REPL on a pseudo-terminal (util-linux `script`), as a person would.
    @Test func replOnAPseudoTerminal() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let command = "\(TallyProcess.executablePath) \(Self.store)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qfec", command, "/dev/null"]
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = home.path
        env["TERM"] = "dumb"
        process.environment = env
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        func type(_ s: String) {
            input.fileHandleForWriting.write(Data(s.utf8))
            Thread.sleep(forTimeInterval: 0.4)
        }
        Thread.sleep(forTimeInterval: 0.5)
        type("SELECT service, count(*) AS n\r")
        type("FROM usage GROUP BY 1 ORDER BY n DESC LIMIT 2;\r")
        type(".mode csv\r")
        type("SELECT count(*) AS n FROM usage;\r")
        type("\u{04}")
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        let exited = !process.isRunning
        if !exited { process.terminate() }
        try? input.fileHandleForWriting.close()
        let screen = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(exited, "Ctrl-D should end the REPL")
        #expect(screen.contains("anthropic │ 10,642"), "\(screen)")
        #expect(screen.contains("(2 rows)"))
        #expect(screen.contains("n\r\n20000"))
        #expect(FileManager.default.fileExists(atPath: home.path + "/.tally_history"))
    }
}
