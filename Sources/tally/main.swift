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

// Keep freed memory in the heap instead of returning it to the kernel: a flush frees
// and reallocates hundreds of megabytes of column buffers, and fresh pages from the
// kernel must be zeroed (measured: about a seventh of an import's time went there).
_ = glibcMallopt(-3 /* M_MMAP_THRESHOLD */, 256 << 20)
_ = glibcMallopt(-1 /* M_TRIM_THRESHOLD */, 1 << 30)

if let problem = HelpTopic.unknownCommand(in: arguments) {
    printError("Error: \(problem)")
    exit(2)
}

do {
    var command = try TallyCommand.parseAsRoot()
    try command.run()
} catch {
    exitReporting(error)
}

// <malloc.h> is not part of the Glibc module.
@_silgen_name("mallopt")
func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
