import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real `tally-server` process on a loopback port, and the real `tally` binary for keys.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let store: String
    let port: Int
    private let output = Pipe()

    /// The built `tally-server` (beside the test bundle) or `TALLY_SERVER_BINARY`.
    static var serverBinary: String {
        if let explicit = ProcessInfo.processInfo.environment["TALLY_SERVER_BINARY"] { return explicit }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path + "/tally-server"
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return packageRoot + "/.build/debug/tally-server"
    }

    /// The root package's `tally` (built by `make test` or `swift build` at the root) or `TALLY_BINARY`.
    static var tallyBinary: String {
        ProcessInfo.processInfo.environment["TALLY_BINARY"] ?? (packageRoot + "/../.build/debug/tally")
    }

    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// Starts the server on a free port (`--port 0`) and waits for its "listening" line.
    init(store: String, arguments: [String] = []) throws {
        self.store = store
        process.executableURL = URL(fileURLWithPath: ServerProcess.serverBinary)
        process.arguments = ["--store", store, "--port", "0", "--host", "127.0.0.1"] + arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = [UInt8]()
        let handle = output.fileHandleForReading
        while true {
            let byte = handle.readData(ofLength: 1)
            guard let b = byte.first else { throw ServerTestError("tally-server exited before listening") }
            if b == 0x0A { break }
            line.append(b)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("tally-server listening on "), let p = text.split(separator: ":").last.flatMap({ Int($0) }) else {
            throw ServerTestError("unexpected first line: \(text)")
        }
        port = p
    }

    /// Sends SIGTERM and waits for the exit status; the rest of standard output.
    func terminate() -> (status: Int32, output: String) {
        process.terminate()
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: rest, as: UTF8.self))
    }

    deinit {
        if process.isRunning { process.terminate(); process.waitUntilExit() }
    }

    /// Runs `tally` with `arguments`; its standard output, trimmed.
    static func tally(_ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tallyBinary)
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw ServerTestError("tally \(arguments) exited with \(p.terminationStatus)") }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A new key of `project` from `tally keys create`.
    func createKey(project: String) throws -> String {
        try ServerProcess.tally(["keys", "create", "--store", store, "--project", project])
    }

    /// One HTTP request to the server.
    func request(_ method: String, _ path: String, key: String? = nil, body: String? = nil, headers: [String: String] = [:]) async throws -> HTTPAnswer {
        var r = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        r.httpMethod = method
        for (name, value) in headers { r.setValue(value, forHTTPHeaderField: name) }
        if let key { r.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        if let body {
            r.httpBody = Data(body.utf8)
            r.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: r)
        return HTTPAnswer(status: (response as! HTTPURLResponse).statusCode, text: String(decoding: data, as: UTF8.self))
    }
}

/// A status and a body.
struct HTTPAnswer: Sendable {
    var status: Int
    var text: String

    /// The body as JSON (objects as dictionaries).
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }

    /// `error.field` of an error body.
    var errorField: String? { (json["error"] as? [String: Any])?["field"] as? String }
}

struct ServerTestError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// A fresh folder, removed by `remove()`.
struct ScratchFolder {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/tally-server-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
