import Foundation
import Synchronization
import Tally
import TallySQL

/// Set by the SIGINT handler while the shell runs; the shell polls and clears it.
let interruptRequested = Atomic<Bool>(false)

/// The state of one SQL session over a store, shared by the REPL, scripts and one-shot
/// queries: output mode, timer, statement execution and dot commands.
final class SQLShell {
    /// The format when none is asked for: a table on a terminal, CSV otherwise.
    static var defaultFormat: SQLOutputFormat { isatty(STDOUT_FILENO) == 1 ? .table : .csv }

    let store: Store
    var format: SQLOutputFormat
    var timer = false
    let interactive: Bool
    let engine = QueryEngine()
    /// The store's rate card and activity log, for statements over the side tables.
    let sideTables: StoreSideTables
    /// The settings `SET` changes (memory_limit, temp_directory), kept between statements.
    let session = SQLSession()
    /// Whether the last statement was cancelled by Ctrl-C (`tally query` then exits 130).
    private(set) var wasCancelled = false

    init(store: Store, format: SQLOutputFormat, interactive: Bool) {
        self.store = store
        self.sideTables = StoreSideTables(store: store)
        self.format = format
        self.interactive = interactive
    }

    /// Writes to standard output.
    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Runs one statement and prints its result or its error; false on error.
    @discardableResult
    func run(_ sql: String) -> Bool {
        do {
            let prepared = try SQLQuery.prepare(sql, timeZone: session.timeZone)
            let start = ContinuousClock.now
            // A read-only shell answers from the newest commit of any writer process.
            let table = try store.read { try execute(prepared, query: sql, snapshot: $0) }
            let elapsed = ContinuousClock.now - start
            write(SQLResultFormatter.format(table, as: format))
            if timer { printError(String(format: "time: %.1f ms", elapsed.seconds * 1000)) }
            return true
        } catch let error as SQLError {
            printError(error.rendered(query: sql))
        } catch ExecutionError.cancelled {
            wasCancelled = true
            printError("Error: query cancelled")
        } catch {
            printError("Error: \(error)")
        }
        return false
    }

    /// Runs a prepared query on a worker thread while this thread watches for Ctrl-C
    /// (`Interrupts`): a cancel stops the worker at its next check, and the shell waits for
    /// it to stop (so its spill files are gone) before it throws `ExecutionError.cancelled`.
    /// In interactive sessions a status line shows progress after half a second.
    func execute(_ prepared: SQLQuery, query: String, snapshot: Snapshot) throws -> SQLResultTable {
        wasCancelled = false
        let box = ResultBox()
        let session = self.session
        // The engine checks this before every part and row group, so Ctrl-C stops the
        // scan itself, not just the wait for it.
        let progress = QueryProgress()
        let engine = QueryEngine(options: self.engine.options, progress: progress)
        // A Ctrl-C already pending (pressed while the statement was being prepared)
        // cancels it at once; the REPL consumes one pressed at its prompt itself.
        let sideTables = self.sideTables
        let thread = Thread {
            let r = Result {
                try prepared.execute(on: snapshot, engine: engine, sideTables: sideTables, session: session, isCancelled: { box.cancelled.load(ordering: .relaxed) })
            }
            box.finish(r)
        }
        thread.stackSize = 8 << 20
        thread.start()
        let start = ContinuousClock.now
        let showStatus = interactive && isatty(STDERR_FILENO) == 1
        var drawn = false
        defer { if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) } }
        while true {
            if let r = box.wait(milliseconds: 50) { return try r.get() }
            if interruptRequested.exchange(false, ordering: .relaxed) {
                box.cancelled.store(true, ordering: .relaxed)
                progress.cancel()
                // Every operator checks between chunks: the worker stops within moments,
                // then frees what it built (a second or more for a hash table of 10M
                // rows). The shell waits for that only if the statement spilled, so that
                // its files are gone before the prompt (or the exit); a worker still busy
                // after the grace period is left to finish on its own.
                if box.wait(milliseconds: Self.cancelQuickWaitMilliseconds) == nil,
                   session.latestStatementMemory?.spill.path != nil {
                    _ = box.wait(milliseconds: Self.cancelGraceMilliseconds)
                }
                wasCancelled = true
                throw ExecutionError.cancelled
            }
            let elapsed = (ContinuousClock.now - start).seconds
            if showStatus && elapsed >= 0.5 {
                let line = String(format: "%@ of %@ rows scanned, %.1f s (Ctrl-C cancels)",
                                  grouped(progress.rowsScanned), grouped(snapshot.rowCount), elapsed)
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
                drawn = true
            }
        }
    }

    /// How long a cancelled statement's worker is given to stop before the shell goes on,
    /// and how long when it has not spilled.
    static let cancelGraceMilliseconds = 5000
    static let cancelQuickWaitMilliseconds = 200

    /// Prints an analytics answer in the current mode.
    func show(_ columns: [(String, ResultType)], _ rows: [[SQLValue]]) {
        let table = SQLResultTable(columns: columns.map { .init(name: $0.0, type: $0.1) }, rows: rows)
        write(SQLResultFormatter.format(table, as: format))
    }
}

/// Hands a worker's result to the waiting shell.
final class ResultBox: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<SQLResultTable, any Error>?
    let cancelled = Atomic<Bool>(false)

    func finish(_ r: Result<SQLResultTable, any Error>) {
        condition.lock()
        result = r
        condition.broadcast()
        condition.unlock()
    }

    func wait(milliseconds: Int) -> Result<SQLResultTable, any Error>? {
        condition.lock()
        defer { condition.unlock() }
        if result == nil { _ = condition.wait(until: Date().addingTimeInterval(Double(milliseconds) / 1000)) }
        return result
    }
}
