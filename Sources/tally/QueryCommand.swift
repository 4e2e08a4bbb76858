import ArgumentParser
import Foundation
import Tally
import TallySQL

/// `tally query`: run one SQL statement, the scriptable form of the REPL.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run one SQL statement over a store and print the result.",
        discussion: """
            Formats: table (the default on a terminal), csv (the default otherwise), json, jsonl, markdown.
            Money is exact with 9 decimals in csv, json and jsonl, and rounded to cents in tables.
            With --repeat N the statement runs N times after one warm-up; the result is printed once
            and 'timing: runs=N min=X ms median=Y ms' goes to standard error.
            """)

    @OptionGroup var options: StoreOption
    @Option(help: "table, csv, json, jsonl or markdown.")
    var format: SQLOutputFormat?
    @Option(name: .customLong("repeat"), help: "Run the statement this many times (after one warm-up) and report timings.")
    var repeatCount: Int?
    @Argument(help: "The SQL statement.")
    var sql: String

    func validate() throws {
        if let repeatCount, repeatCount < 1 { throw ValidationError("--repeat must be at least 1") }
    }

    func run() throws {
        let store = try openStore(options.store, readOnly: true)
        let shell = SQLShell(store: store, format: format ?? SQLShell.defaultFormat, interactive: false)
        let prepared: SQLQuery
        do {
            prepared = try SQLQuery.prepare(sql)
        } catch {
            printError(error.rendered(query: sql))
            throw ExitCode(1)
        }
        var snapshot = store.snapshot()
        var table = try store.read { current in
            snapshot = current
            return try shell.execute(prepared, query: sql, snapshot: current)
        }
        if let repeatCount {
            let clock = ContinuousClock()
            var times: [Double] = []
            for _ in 0..<repeatCount {
                let d = try clock.measure { table = try prepared.execute(on: snapshot, engine: shell.engine) }
                times.append(d.seconds * 1000)
            }
            times.sort()
            let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
            printError(String(format: "timing: runs=%d min=%.3f ms median=%.3f ms", repeatCount, times[0], median))
        }
        shell.write(SQLResultFormatter.format(table, as: shell.format))
    }
}

extension SQLOutputFormat: ExpressibleByArgument {}
