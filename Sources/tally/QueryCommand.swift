import ArgumentParser
import Foundation
import Tally
import TallySQL
import TallyFormat

/// `tally query`: run one SQL statement, or every statement of a file (`--file`), the
/// scriptable form of the REPL.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run one SQL statement over a store and print the result.",
        discussion: """
            Formats: table (the default on a terminal), csv (the default otherwise), json, jsonl, markdown.
            Money is exact with 9 decimals in csv, json and jsonl, and rounded to cents in tables.
            With --repeat N the statement runs N times after one warm-up; the result is printed once
            and 'timing: runs=N min=X ms median=Y ms' goes to standard error.
            With --file F (- for standard input) every ';'-separated statement of F runs in turn, each
            after the previous one's answer or error. With --format jsonl each statement prints exactly
            one line, {"columns":[...],"types":[...],"rows":[[...],...]} or {"error":"..."}, values as
            in jsonl (NULL is null; a non-finite double is a string: "nan", "inf", "-inf"); in other
            formats results go to standard output and errors to standard error as in a script.
            The exit code is 1 if any statement failed.
            """)

    @OptionGroup var options: StoreOption
    @Option(help: "table, csv, json, jsonl or markdown.")
    var format: SQLOutputFormat?
    @Option(name: .customLong("repeat"), help: "Run the statement this many times (after one warm-up) and report timings.")
    var repeatCount: Int?
    @Option(name: .customLong("file"), help: "Run every statement of this file (- for standard input) instead of one.")
    var file: String?
    @Argument(help: "The SQL statement.")
    var sql: String?

    func validate() throws {
        if let repeatCount, repeatCount < 1 { throw ValidationError("--repeat must be at least 1") }
        if (sql == nil) == (file == nil) { throw ValidationError("give either one SQL statement or --file") }
        if file != nil, repeatCount != nil { throw ValidationError("--repeat takes one SQL statement, not --file") }
    }

    func run() throws {
        let store = try openStore(options.store, readOnly: true)
        Interrupts.install()
        guard let sql else { return try runFile(store) }
        let shell = SQLShell(store: store, format: format ?? SQLShell.defaultFormat, interactive: false)
        let prepared: SQLQuery
        do {
            prepared = try SQLQuery.prepare(sql)
        } catch {
            printError(error.rendered(query: sql))
            throw ExitCode(1)
        }
        var snapshot = store.snapshot()
        var table: SQLResultTable
        do {
            table = try store.read { current in
                snapshot = current
                return try shell.execute(prepared, query: sql, snapshot: current)
            }
        } catch ExecutionError.cancelled {
            printError("Error: query cancelled")
            throw ExitCode(Interrupts.cancelledExitCode)
        }
        if let repeatCount {
            let clock = ContinuousClock()
            var times: [Double] = []
            for _ in 0..<repeatCount {
                let d = try clock.measure { table = try prepared.execute(on: snapshot, engine: shell.engine, sideTables: shell.sideTables) }
                times.append(d.seconds * 1000)
            }
            times.sort()
            let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
            printError(String(format: "timing: runs=%d min=%.3f ms median=%.3f ms", repeatCount, times[0], median))
        }
        shell.write(SQLResultFormatter.format(table, as: shell.format))
    }
}

extension QueryCommand {
    /// `--file`: every statement in turn, continuing after errors.
    func runFile(_ store: Store) throws {
        let text: String
        do {
            if file == "-" {
                text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else {
                text = try String(contentsOfFile: file!, encoding: .utf8)
            }
        } catch {
            printError("Error: cannot read \(file!): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        let shell = SQLShell(store: store, format: format ?? SQLShell.defaultFormat, interactive: false)
        let (complete, remainder) = SQLParser.splitStatements(text)
        var statements = complete
        if !remainder.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { statements.append(remainder) }
        var allOK = true
        for statement in statements {
            do {
                let prepared = try SQLQuery.prepare(statement, timeZone: shell.session.timeZone)
                let table = try store.read { try shell.execute(prepared, query: statement, snapshot: $0) }
                shell.write(shell.format == .jsonl ? Self.jsonLine(table) : SQLResultFormatter.format(table, as: shell.format))
            } catch ExecutionError.cancelled {
                // Ctrl-C stops the script: the statements after it do not run.
                printError("Error: query cancelled")
                throw ExitCode(Interrupts.cancelledExitCode)
            } catch {
                allOK = false
                let message = (error as? SQLError)?.rendered(query: statement) ?? "Error: \(error)"
                if shell.format == .jsonl {
                    shell.write("{\"error\":" + Self.jsonString(message) + "}\n")
                } else {
                    printError(message)
                }
            }
        }
        if !allOK { throw ExitCode(1) }
    }

    /// A result as `--file`'s one jsonl line: columns, types and rows of values.
    static func jsonLine(_ table: SQLResultTable) -> String {
        var line = "{\"columns\":[" + table.columns.map { jsonString($0.name) }.joined(separator: ",")
        line += "],\"types\":[" + table.columns.map { jsonString($0.type.rawValue) }.joined(separator: ",")
        line += "],\"rows\":[" + table.rows.map { "[" + $0.map(jsonValue).joined(separator: ",") + "]" }.joined(separator: ",")
        return line + "]}\n"
    }

    /// A value in `--file`'s jsonl: exact numbers, NULL as null, non-finite doubles as strings.
    static func jsonValue(_ v: SQLValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int, .money: return v.plainText
        case .double(let x): return x.isFinite ? v.plainText : jsonString(v.plainText)
        case .string, .date, .timestamp: return jsonString(v.plainText)
        }
    }

    /// `s` as a JSON string literal (RFC 8259), by the one JSON writer of the project.
    static func jsonString(_ s: String) -> String {
        var out = ""
        JSONText.appendQuoted(s, to: &out)
        return out
    }
}

extension SQLOutputFormat: ExpressibleByArgument {}
