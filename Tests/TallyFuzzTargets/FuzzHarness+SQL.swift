import TallyExecution
import TallySQL

extension FuzzHarness {
    /// One thread: the fuzzer measures one execution at a time, and a tiny store never splits.
    static let sqlEngine = QueryEngine(options: ExecutionOptions(parallelism: 1))

    /// Parses and binds the input as a statement (the rollup rule then reparses what binds
    /// with the older parser), and parses and splits it with the older parser.
    func runSQL(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = try? SQLParser.parse(text)
        _ = SQLParser.splitStatements(text)
        _ = try? SQLQuery.prepare(text)
    }

    /// Runs the input, if it binds, on the tiny store; when the rollup rule took it, runs
    /// it on the operators too: both must give the same columns and row count.
    func runSQLStatement(_ bytes: [UInt8]) throws(FuzzFinding) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let query = try? SQLQuery.prepare(text),
              let snapshot = sqlStore.store?.snapshot(),
              let result = try? query.execute(on: snapshot, engine: Self.sqlEngine)
        else { return }
        guard query.usesRollupRule,
              let operators = try? SQLQuery.prepare(text, rollupRule: false),
              let other = try? operators.execute(on: snapshot, engine: Self.sqlEngine)
        else { return }
        guard result.columns == other.columns, result.rows.count == other.rows.count else {
            throw FuzzFinding(.sqlRun, "the rollup rule and the operators disagree: \(result.columns.count) columns and \(result.rows.count) rows vs \(other.columns.count) and \(other.rows.count)")
        }
    }
}
