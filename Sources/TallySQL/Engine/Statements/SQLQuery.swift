import Foundation
import TallyStore
import TallyExecution

/// A statement ready to run on any snapshot: the entry point of Tally's SQL.
///
/// `prepare` parses and binds with the engine's full grammar. A query whose whole shape
/// the store's aggregation engine answers (a conjunction of column filters, keys that are
/// columns or date_trunc of ts, count/sum/min/max/avg/median/quantile_cont) is rewritten
/// onto it: that is the rollup rule, which lets rollups and code-space scans answer; the
/// rest runs on the vectorised operators. Both give identical answers (tested).
package struct SQLQuery: Sendable {
    enum Kind: Sendable {
        case query(BoundQuery)
        case explain(BoundQuery, analyze: Bool)
        case describe([(name: String, type: String)])
        case showTables
        case summarize(BoundQuery)
        case set(SessionSetting)
    }

    let kind: Kind
    let sql: String
    /// The session's time zone it was bound in: its TIMESTAMP WITH TIME ZONE results print in it.
    let zone: SessionZone

    /// The result's columns.
    package var columns: [ResultColumn] {
        switch kind {
        case .query(let q): return zip(q.names, q.types).map { ResultColumn(name: $0, type: $1.resultType) }
        case .explain: return [ResultColumn(name: "explain_key", type: .varchar), ResultColumn(name: "explain_value", type: .varchar)]
        case .describe: return ["column_name", "column_type", "null", "key", "default", "extra"].map { ResultColumn(name: $0, type: .varchar) }
        case .showTables: return [ResultColumn(name: "name", type: .varchar)]
        case .summarize: return Summarize.columns
        case .set: return [ResultColumn(name: "Success", type: .boolean)]
        }
    }

    /// Whether the rollup rule rewrote the query onto the store's aggregation engine.
    package var usesRollupRule: Bool {
        guard case .query(let q) = kind else { return false }
        return Self.readsStoreAggregate(q.plan)
    }

    /// Whether the store's aggregation engine answers `plan` or a part of it (a CTE's, an
    /// inner aggregate's).
    static func readsStoreAggregate(_ plan: LogicalPlan) -> Bool {
        var found = false
        _ = Optimizer.map(plan) { node in
            switch node {
            case .storeAggregate: found = true
            case .relation(let r): found = found || readsStoreAggregate(r.plan)
            case .setOperation(let s): found = found || readsStoreAggregate(s.left) || readsStoreAggregate(s.right)
            default: break
            }
            return node
        }
        return found
    }

    /// Parses and binds `sql`.
    ///
    /// `rollupRule` lets the store's aggregation engine take a statement of its shape when
    /// its rollups can answer it; `evenWithoutRollups` hands it every statement of its
    /// shape (the engine then reads rows: what runs when the resident cache is off, and
    /// what the rule's tests compare with the operators).
    /// - Throws: `SQLError` naming what is wrong or unsupported, with its place in `sql`.
    /// `timeZone` is the session's (`SQLSession.timeZone`): TIMESTAMP WITH TIME ZONE values
    /// are cast, taken apart and printed in it.
    package static func prepare(_ sql: String, rollupRule: Bool = true, evenWithoutRollups: Bool = false,
                                timeZone: SessionZone = .utc) throws(SQLError) -> SQLQuery {
        let statement = try SyntaxParser.parseStatement(sql)
        let rule: RuleMode = !rollupRule ? .off : (evenWithoutRollups ? .always : .whenRollupsAnswer)
        return SQLQuery(kind: try bindStatement(statement, sql, rollupRule: rule, zone: timeZone), sql: sql, zone: timeZone)
    }

    /// When the rollup rule applies.
    enum RuleMode { case off, whenRollupsAnswer, always }

    static func bindStatement(_ s: SyntaxStatement, _ sql: String, rollupRule: RuleMode, zone: SessionZone = .utc) throws(SQLError) -> Kind {
        switch s {
        case .select(let select):
            return .query(try bindSelect(select, sql, rollupRule: rollupRule, zone: zone))
        case .explain(let inner, let analyze):
            guard case .select(let select) = inner else {
                throw SQLError(.unsupported, "EXPLAIN explains queries (SELECT)", at: SourceRange(offset: 0, length: 0, line: 1, column: 1))
            }
            return .explain(try bindSelect(select, sql, rollupRule: rollupRule, zone: zone), analyze: analyze)
        case .describe(let select):
            if let select {
                let q = try bindSelect(select, sql, rollupRule: .off, zone: zone)
                return .describe(zip(q.names, q.types).map { (name: $0, type: $1.description) })
            }
            return .describe([])
        case .showTables:
            return .showTables
        case .summarize(let select):
            return .summarize(try bindSelect(select, sql, rollupRule: .off, zone: zone))
        case .set(let name, let value, let r):
            return .set(try bindSetting(name, value, at: r))
        case .reset(let name, let r):
            return .set(try bindSetting(name, nil, at: r))
        }
    }

    /// A SET (or, without a value, a RESET) of one of the settings Tally has.
    static func bindSetting(_ name: String, _ value: String?, at r: SourceRange) throws(SQLError) -> SessionSetting {
        switch name {
        case "timezone":
            guard let value else { return .timeZone(nil) }
            guard let zone = SessionZone(named: value) else {
                throw SQLError(.invalidArgument, "unknown time zone '\(value)'", at: r,
                               hint: "zones are IANA names: " + SessionZone.suggestions(for: value).map { "'\($0)'" }.joined(separator: ", "))
            }
            return .timeZone(zone)
        case "memory_limit", "max_memory":
            guard let value else { return .memoryLimit(nil) }
            guard let bytes = MemorySize.parse(value) else {
                throw SQLError(.invalidArgument, "memory_limit takes a size such as '2GB' or '512MB', not '\(value)'", at: r,
                               hint: "SET memory_limit = '2GB'")
            }
            return .memoryLimit(bytes)
        case "temp_directory":
            guard let value, !value.isEmpty else { return .tempDirectory(nil) }
            return .tempDirectory(value)
        default:
            if value == nil { return .none }  // RESET of a setting Tally does not have: nothing to undo
            throw SQLError(.unsupported, "the setting \(name) is not supported by Tally", at: r,
                           hint: "Tally has TimeZone, memory_limit and temp_directory")
        }
    }

    static func bindSelect(_ select: SyntaxSelect, _ sql: String, rollupRule: RuleMode, zone: SessionZone = .utc) throws(SQLError) -> BoundQuery {
        var binder = SelectBinder(sql: sql)
        binder.zone = zone
        binder.rollupRule = RollupRule.enabled(rollupRule)
        return try binder.bind(select)
    }

    /// Runs the statement on `snapshot`.
    /// `resident` keeps decoded columns between statements (the process's cache unless a
    /// caller brings its own); `sideTables` reads the store's rate card and activity log
    /// for a statement over `rates`, `daily_stats` or `counters` (without it, such a
    /// statement throws).
    /// `session` holds the settings (`SET memory_limit`...) the statement runs under and
    /// that a `SET` changes; the statement's spill files are removed when it returns,
    /// whether it succeeded, failed or was cancelled.
    package func execute(on snapshot: Snapshot, engine: QueryEngine = QueryEngine(), resident: ResidentCache = .shared,
                         sideTables: (any SideTableSource)? = nil,
                         session: SQLSession = SQLSession(), isCancelled: @escaping () -> Bool = { false }) throws -> SQLResultTable {
        try execute(on: snapshot, engine: engine, resident: resident, sideTables: sideTables, session: session,
                    memory: session.statementMemory(), isCancelled: isCancelled)
    }

    /// Runs the statement with the budget and spill folder `memory` (tests watch its
    /// spills); removes its spill files before returning.
    package func execute(on snapshot: Snapshot, engine: QueryEngine = QueryEngine(), resident: ResidentCache = .shared,
                         sideTables: (any SideTableSource)? = nil,
                         session: SQLSession = SQLSession(), memory: StatementMemory,
                         isCancelled: @escaping () -> Bool = { false }) throws -> SQLResultTable {
        defer { memory.spill.removeAll() }
        do {
            return try run(on: snapshot, engine: engine, resident: resident, sideTables: sideTables, session: session, memory: memory,
                           isCancelled: isCancelled)
        } catch {
            // An operator that can only throw `SQLError` (a correlated subquery's kernel)
            // wraps the cancellation it met: a cancelled statement reports the cancellation.
            if !(error is ExecutionError), isCancelled() { throw ExecutionError.cancelled }
            throw error
        }
    }

    private func run(on snapshot: Snapshot, engine: QueryEngine, resident: ResidentCache, sideTables: (any SideTableSource)?,
                     session: SQLSession, memory: StatementMemory, isCancelled: @escaping () -> Bool) throws -> SQLResultTable {
        switch kind {
        case .query(let q):
            let executor = PlanExecutor(snapshot: snapshot, engine: engine, threads: engine.options.parallelism, resident: resident,
                                        sideTables: sideTables, memory: memory, isCancelled: isCancelled)
            let chunks = try executor.run(q.plan)
            return SQLQuery.table(chunks, columns: columns, types: q.types, scanned: executor.rowsScanned, zone: zone)
        case .explain(let q, let analyze):
            var rows: [[SQLValue]] = [[.string("physical_plan"), .string(PlanExplainer.explain(q.plan, snapshot: snapshot))]]
            if analyze {
                let executor = PlanExecutor(snapshot: snapshot, engine: engine, threads: engine.options.parallelism, resident: resident,
                                            sideTables: sideTables, memory: memory, isCancelled: isCancelled)
                let clock = ContinuousClock()
                let start = clock.now
                let chunks = try executor.run(q.plan)
                let ms = (clock.now - start).milliseconds
                let resultRows = chunks.reduce(0) { $0 + $1.count }
                let spilled = memory.spilledBytes > 0 ? ", \(memory.spilledBytes) bytes spilled" : ""
                rows.append([.string("analyze"), .string("total \(String(format: "%.3f", ms)) ms, \(resultRows) result rows, \(executor.rowsScanned) rows scanned, \(executor.partsRead) parts read, \(executor.partsSkipped) parts skipped" + spilled)])
            }
            return SQLResultTable(columns: columns, rows: rows)
        case .describe(let outputColumns):
            if !outputColumns.isEmpty {
                return SQLResultTable(columns: columns, rows: outputColumns.map { [.string($0.name), .string($0.type), .string("YES"), .null, .null, .null] })
            }
            return SQLResultTable(columns: columns, rows: UsageTable.columns.filter { !$0.hidden }.map {
                [.string($0.name), .string($0.type.description), .string($0.nullable ? "YES" : "NO"), .null, .null, .null]
            })
        case .showTables:
            return SQLResultTable(columns: columns, rows: SQLQuery.tableNames.map { [.string($0)] })
        case .summarize(let q):
            return try Summarize.run(q, snapshot: snapshot, engine: engine, sideTables: sideTables, memory: memory, isCancelled: isCancelled)
        case .set(let setting):
            session.apply(setting)
            return SQLResultTable(columns: columns, rows: [])
        }
    }

    /// The tables a statement can name: usage, then the side tables (SHOW TABLES, the
    /// REPL's `.tables`).
    package static let tableNames = [UsageTable.name] + SideTable.allCases.map(\.rawValue)

    /// Chunks as a result table.
    static func table(_ chunks: [DataChunk], columns: [ResultColumn], types: [LogicalType], scanned: Int, zone: SessionZone = .utc) -> SQLResultTable {
        var rows: [[SQLValue]] = []
        rows.reserveCapacity(chunks.reduce(0) { $0 + $1.count })
        for chunk in chunks {
            for i in 0..<chunk.count {
                rows.append(chunk.columns.enumerated().map { j, v in
                    let cell = v.value(i)
                    // An instant with a zone prints as its wall time and offset in the session's zone.
                    if types[j] == .timestamptz, case .timestamp(let t) = cell { return .string(zone.resultText(t)) }
                    return cell.resultValue(types[j])
                })
            }
        }
        return SQLResultTable(columns: columns, rows: rows, scannedRows: scanned)
    }
}

extension Duration {
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}

