import Foundation
import Synchronization
import Testing
import TallyTestSupport

/// Ctrl-C on the real `tally` binary, on a store large enough that a self cross join runs
/// for hours: `tally query` must stop within moments with "query cancelled" and exit code
/// 130, and the REPL (driven through a pseudo-terminal, as a person types into it) must
/// print the same and return to its prompt with its session intact.
@Suite(.serialized) struct QueryCancellationCommandTests {
    /// A self cross join of 100,000 rows: 10^10 pairs, far longer than any test waits.
    static let endless = "SELECT count(*) FROM usage a, usage b WHERE a.quantity + b.quantity < 0"
    /// A debug build's worker stops at its next batch of pairs; a release build stops in
    /// milliseconds (docs/sql.md). The bound leaves room for a loaded test machine.
    static let promptly: Double = 3.0

    static func makeStore(_ dir: TemporaryDirectory) throws -> String {
        let store = dir.path + "/s"
        let r = try TallyProcess.run(["demo", "--store", store, "--rows", "100000", "--seed", "3"])
        try #require(r.status == 0, "\(r.stderr)")
        return store
    }

    @Test func ctrlCStopsTallyQueryWithExitCode130() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Self.makeStore(dir)
        for sql in [Self.endless,
                    "SELECT max(r) FROM (SELECT row_number() OVER (ORDER BY a.ts, b.ts) AS r FROM usage a, (SELECT ts FROM usage LIMIT 50) b)"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TallyProcess.executablePath)
            process.arguments = ["query", "--store", store, "--format", "csv", sql]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            Thread.sleep(forTimeInterval: 1.5)
            try #require(process.isRunning, "the query ended before it could be cancelled: \(sql)")
            let start = Date()
            process.interrupt()
            while process.isRunning && Date().timeIntervalSince(start) < 60 { Thread.sleep(forTimeInterval: 0.02) }
            let elapsed = Date().timeIntervalSince(start)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationReason == .exit && process.terminationStatus == 130, "\(sql): \(stderr)")
            #expect(stderr.contains("query cancelled"), "\(stderr)")
            #expect(elapsed < Self.promptly, "took \(elapsed) s to stop after Ctrl-C: \(sql)")
        }
    }

    @Test func ctrlCInTheREPLReturnsToThePromptAndKeepsTheSession() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Self.makeStore(dir)
        let terminal = try PseudoTerminal()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TallyProcess.executablePath)
        process.arguments = [store]
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "dumb"
        env["HOME"] = dir.path  // the REPL's history file goes there
        process.environment = env
        let child = FileHandle(fileDescriptor: terminal.secondary, closeOnDealloc: false)
        process.standardInput = child
        process.standardOutput = child
        process.standardError = child
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        try #require(terminal.waitFor("tally> ", after: 0, seconds: 60), "no prompt: \(terminal.text)")
        // A session setting made before the cancel must still hold after it: a sort under
        // a 64 KB memory_limit spills.
        terminal.type("SET memory_limit = '64KB';\r")
        terminal.type(Self.endless + ";\r")
        Thread.sleep(forTimeInterval: 2)
        try #require(process.isRunning)
        let mark = terminal.text.utf8.count
        let start = Date()
        kill(process.processIdentifier, SIGINT)
        try #require(terminal.waitFor("query cancelled", after: mark, seconds: 30), "\(terminal.text)")
        #expect(Date().timeIntervalSince(start) < Self.promptly)
        try #require(terminal.waitFor("tally> ", after: mark, seconds: 10), "no prompt after the cancel: \(terminal.text)")
        let next = terminal.text.utf8.count
        terminal.type("EXPLAIN ANALYZE SELECT ts FROM usage ORDER BY ts;\r")
        #expect(terminal.waitFor("bytes spilled", after: next, seconds: 60), "\(terminal.text)")
        #expect(process.isRunning, "the REPL must keep running after a cancel")
        terminal.type("\u{4}")
        for _ in 0..<100 where process.isRunning { Thread.sleep(forTimeInterval: 0.1) }
        #expect(!process.isRunning)
    }
}

/// A pseudo-terminal whose output is collected on a thread of its own.
final class PseudoTerminal: @unchecked Sendable {
    let primary: Int32
    let secondary: Int32
    private let output = Mutex<[UInt8]>([])

    /// Linux's ioctls behind unlockpt() and ptsname(), which Glibc's Swift overlay hides.
    static let setLock: UInt = 0x4004_5431  // TIOCSPTLCK
    static let getNumber: UInt = 0x8004_5430  // TIOCGPTN

    init() throws {
        primary = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard primary >= 0, ioctl(primary, Self.setLock, &unlock) == 0, ioctl(primary, Self.getNumber, &number) == 0 else {
            throw CocoaError(.fileNoSuchFile)
        }
        secondary = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard secondary >= 0 else { throw CocoaError(.fileNoSuchFile) }
        let fd = primary
        Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, 4096) }
                if n <= 0 { break }
                output.withLock { $0 += buffer[0..<n] }
            }
        }.start()
    }

    /// Everything the program wrote so far.
    var text: String { output.withLock { String(decoding: $0, as: UTF8.self) } }

    /// Sends keystrokes.
    func type(_ s: String) {
        let bytes = Array(s.utf8)
        _ = bytes.withUnsafeBytes { write(primary, $0.baseAddress!, $0.count) }
    }

    /// Whether `needle` appears in the output past byte `after` within `seconds`.
    func waitFor(_ needle: String, after: Int, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let found = output.withLock { bytes in
                bytes.count > after && String(decoding: bytes[after...], as: UTF8.self).contains(needle)
            }
            if found { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    deinit {
        close(secondary)
        close(primary)
    }
}
