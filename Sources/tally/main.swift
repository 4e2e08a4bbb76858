import ArgumentParser
import Foundation

// Maps outcomes onto the documented exit codes: 0 success, 1 query or input error,
// 2 usage error (swift-argument-parser itself would use 64 for the latter).
func exitReporting(_ error: Error) -> Never {
    if let e = error as? ExitCode { exit(e.rawValue) }
    let code = TallyCommand.exitCode(for: error)
    if code == .success {
        print(TallyCommand.fullMessage(for: error))
        exit(0)
    }
    if code == .validationFailure {
        printError(TallyCommand.fullMessage(for: error))
        exit(2)
    }
    printError("Error: \(error)")
    exit(1)
}

// `tally`, `tally STORE` and `tally STORE "SQL"` open the SQL shell; anything whose first
// word is a subcommand or an option goes to the argument parser.
let arguments = Array(CommandLine.arguments.dropFirst())
if let target = ShellSession.target(arguments) {
    if arguments.count > 2 {
        printError("Error: expected tally STORE [\"SQL\"], got \(arguments.count) arguments\nUsage: tally [STORE [\"SQL\"]] | tally <subcommand> ...")
        exit(2)
    }
    exit(ShellSession.main(store: target.store, sql: target.sql))
}

do {
    var command = try TallyCommand.parseAsRoot()
    try command.run()
} catch {
    exitReporting(error)
}
