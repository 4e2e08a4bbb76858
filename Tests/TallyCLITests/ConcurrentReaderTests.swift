import Foundation
import Synchronization
import Testing
import TallyTestSupport

/// Read-only processes beside a writer process: a REPL kept open and `tally query` run in
/// a loop, while `tally import`, `tally compact` and `tally delete` commit and remove the
/// part files the readers were reading. Every answer must be a state the writer
/// committed, no reader may fail, and the REPL must end on the writer's last state (it
/// refreshes before each statement instead of answering from its first snapshot).
@Suite struct ConcurrentReaderTests {
    static let sql = "SELECT count(*) AS n, sum(cost_usd) AS c FROM usage;"

    /// What the writer and reader threads share.
    final class Shared: Sendable {
        let committed = Mutex<Set<String>>([])
        let writerDone = Atomic<Bool>(false)
        let writerErrors = Mutex<[String]>([])
        let queryAnswers = Mutex<[String]>([])
        let queryErrors = Mutex<[String]>([])
    }

    /// A CSV of 60 rows over 3 projects and 3 days for two users of step `step`.
    static func batch(_ step: Int) -> String {
        var csv = "project_id,ts,service,unit,quantity,cost_usd,user_id\n"
        for i in 0..<60 {
            let ts = 1_767_225_600_000 + Int64(i % 3) * 86_400_000 + Int64(step) * 1000 + Int64(i)
            csv += "p\(i % 3),\(ts),e2b,sandbox_seconds,\(i + 1),0.00000\(step % 10)\(i % 10)1,w\(step)-\(i % 2 == 0 ? "a" : "b")\n"
        }
        return csv
    }

    /// The answer of `tally query` now (the committed state's row count and cost sum).
    static func state(_ store: String) throws -> String {
        let r = try TallyProcess.run(["query", "--store", store, "--format", "csv", sql])
        try #require(r.status == 0, "\(r.stderr)")
        return answers(r.stdout).last ?? ""
    }

    /// Runs `body` on a thread of its own (the test runner keeps the shared dispatch
    /// queues busy: work queued there may not start before the time budget is spent).
    static func spawn(_ group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        Thread { body(); group.leave() }.start()
    }

    /// The value lines of CSV output (without the header lines).
    static func answers(_ output: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { $0 != "n,c" && !$0.isEmpty }
    }

    @Test func readersSeeEveryCommitAndNeverFailWhileAWriterReplacesParts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.path + "/s"
        for step in 0..<2 {
            try Data(Self.batch(step).utf8).write(to: URL(fileURLWithPath: dir.path + "/b\(step).csv"))
            try #require(try TallyProcess.run(["import", "--store", store, dir.path + "/b\(step).csv"]).status == 0)
        }
        let shared = Shared()
        let initial = try Self.state(store)
        shared.committed.withLock { _ = $0.insert(initial) }
        let budget = ProcessInfo.processInfo.environment["TALLY_LONG"] != nil ? 120.0 : 15.0
        let start = Date()

        // The REPL: one statement every 100 ms until the writer stops, then a last one.
        let repl = Process()
        repl.executableURL = URL(fileURLWithPath: TallyProcess.executablePath)
        repl.arguments = [store]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        repl.standardInput = input
        repl.standardOutput = output
        repl.standardError = errors
        try repl.run()
        nonisolated(unsafe) var replOut = Data(), replErr = Data()
        let reading = DispatchGroup()
        Self.spawn(reading) { replOut = output.fileHandleForReading.readDataToEndOfFile() }
        Self.spawn(reading) { replErr = errors.fileHandleForReading.readDataToEndOfFile() }
        input.fileHandleForWriting.write(Data(".mode csv\n".utf8))

        let threads = DispatchGroup()
        // The writer: import a new batch, compact, delete a user of the previous batch.
        Self.spawn(threads) {
            defer { shared.writerDone.store(true, ordering: .releasing) }
            var step = 2
            do {
                // At least a few steps, however slow the machine.
                while Date().timeIntervalSince(start) < budget || step < 5 {
                    let file = dir.path + "/b\(step).csv"
                    try Data(Self.batch(step).utf8).write(to: URL(fileURLWithPath: file))
                    for arguments in [
                        ["import", "--store", store, file], ["compact", "--store", store],
                        ["delete", "--store", store, "--user", "w\(step - 1)-a"],
                    ] {
                        let r = try TallyProcess.run(arguments)
                        if r.status != 0 { shared.writerErrors.withLock { $0.append("\(arguments): \(r.stderr)") } }
                        let now = try Self.state(store)
                        shared.committed.withLock { _ = $0.insert(now) }
                    }
                    step += 1
                }
            } catch {
                shared.writerErrors.withLock { $0.append("\(error)") }
            }
        }
        // A second reader: a new `tally query` process at a time.
        Self.spawn(threads) {
            while !shared.writerDone.load(ordering: .acquiring) {
                guard let r = try? TallyProcess.run(["query", "--store", store, "--format", "csv", Self.sql]) else { continue }
                if r.status != 0 { shared.queryErrors.withLock { $0.append(r.stderr) } }
                shared.queryAnswers.withLock { $0 += Self.answers(r.stdout) }
            }
        }
        var statements = 0
        while !shared.writerDone.load(ordering: .acquiring) {
            input.fileHandleForWriting.write(Data((Self.sql + "\n").utf8))
            statements += 1
            usleep(100_000)
        }
        threads.wait()
        let final = try Self.state(store)
        input.fileHandleForWriting.write(Data((Self.sql + "\n").utf8))
        try input.fileHandleForWriting.close()
        reading.wait()
        repl.waitUntilExit()

        let states = shared.committed.withLock { $0 }
        let replAnswers = Self.answers(String(decoding: replOut, as: UTF8.self))
        #expect(shared.writerErrors.withLock { $0 }.isEmpty, "\(shared.writerErrors.withLock { $0 })")
        #expect(repl.terminationStatus == 0 && replErr.isEmpty, "REPL failed: \(String(decoding: replErr, as: UTF8.self))")
        #expect(shared.queryErrors.withLock { $0 }.isEmpty, "tally query failed: \(shared.queryErrors.withLock { $0 }.prefix(3))")
        #expect(replAnswers.count == statements + 1)
        let strays = (replAnswers + shared.queryAnswers.withLock { $0 }).filter { !states.contains($0) }
        #expect(strays.isEmpty, "answers matching no committed state: \(strays.prefix(5)); states \(states.count)")
        #expect(replAnswers.last == final, "the REPL answered \(replAnswers.last ?? "-"), the store holds \(final)")
        #expect(Set(replAnswers).count > 2, "the REPL saw only \(Set(replAnswers).count) states")
        print("concurrent readers: \(states.count) committed states in \(String(format: "%.1f", Date().timeIntervalSince(start))) s; REPL \(replAnswers.count) answers (\(Set(replAnswers).count) states), tally query \(shared.queryAnswers.withLock { $0.count }) answers, 0 reader errors")
    }
}
