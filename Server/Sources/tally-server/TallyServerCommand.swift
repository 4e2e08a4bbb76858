import ArgumentParser
import Foundation
import Tally
import TallyServer

/// `tally-server --store DIR --port N [--host 127.0.0.1]`: the example host service.
@main
struct TallyServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tally-server",
        abstract: "Serve a Tally store as JSON over HTTP, with per-project API keys.",
        discussion: """
            Create keys with `tally keys create --store DIR --project P`. The server prints
            'tally-server listening on http://HOST:PORT' once it accepts connections (with
            --port 0 the port is the one the system chose). SIGTERM or SIGINT stops it
            gracefully: requests in flight finish, the store is flushed and closed, exit 0.
            """)

    @Option(help: "The store folder (created if missing).") var store: String
    @Option(help: "The port to listen on (0 = any free port).") var port: Int
    @Option(help: "The address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "Tokens allowed per billing period (default: unlimited).") var tokenAllowance: Double?
    @Option(help: "Day of month (1-31) billing periods start on.") var anchorDay: Int = 1
    @Option(help: "Concurrent sessions allowed (default: unlimited).") var sessionCap: Int64?
    @Option(help: "Time zone of the billing periods' midnight (IANA name).") var planTimeZone: String = "UTC"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be in 0...65535") }
        guard (1...31).contains(anchorDay) else { throw ValidationError("--anchor-day must be in 1...31") }
        guard TimeZone(identifier: planTimeZone) != nil else { throw ValidationError("--plan-time-zone is not an IANA time zone name") }
        if let t = tokenAllowance, !(t >= 0) { throw ValidationError("--token-allowance must be >= 0") }
        if let s = sessionCap, s < 0 { throw ValidationError("--session-cap must be >= 0") }
    }

    func run() async throws {
        let plan = PlanSettings(monthlyTokenAllowance: tokenAllowance, anchorDay: anchorDay, sessionCap: sessionCap,
                                timeZone: TimeZone(identifier: planTimeZone)!)
        let service = try TallyService(storePath: store, plan: plan)
        let host = self.host
        try await service.run(host: host, port: port) { bound in
            // Unbuffered, so that a script waiting for this line sees it at once.
            FileHandle.standardOutput.write(Data("tally-server listening on http://\(host):\(bound)\n".utf8))
        }
        FileHandle.standardOutput.write(Data("tally-server stopped; store flushed and closed\n".utf8))
    }
}
