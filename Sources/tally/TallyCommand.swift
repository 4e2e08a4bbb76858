import ArgumentParser
import Foundation
import Tally

/// `tally`: the command-line tool and REPL.
struct TallyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tally",
        abstract: "Tally: an embedded analytics engine for AI-agent usage records.",
        discussion: """
            Exit codes: 0 success, 1 query or input error, 2 usage error.
            Every subcommand takes the store folder as --store DIR.
            """,
        subcommands: [QueryCommand.self, ImportCommand.self, ExportCommand.self, InfoCommand.self, VerifyCommand.self, RepairCommand.self, CompactCommand.self, RetentionCommand.self, DeleteCommand.self, RatesCommand.self, KeysCommand.self, DemoCommand.self, BenchAppendCommand.self, BenchParseCommand.self]
    )
}

/// An error the tool reports on standard error with exit code 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// Shared `--store` option.
struct StoreOption: ParsableArguments {
    @Option(name: .long, help: "The store folder.")
    var store: String
}

func openStore(_ path: String, readOnly: Bool = false, create: Bool = false, codec: Codec? = nil) throws -> Store {
    var options = StoreOptions()
    options.readOnly = readOnly
    options.createIfMissing = create
    if let codec { options.codec = codec }
    do {
        return try Store.open(at: path, options: options)
    } catch StorageError.manifestDamaged(let manifest, let reason) {
        // The library's message names the remedy; here it can name the exact command.
        throw CLIError("the store's manifest \(manifest) is damaged (\(reason)); run `tally repair --store \(path)` to rebuild it from its copy or from the part files")
    }
}

/// Writes a line for people to standard output, every control character but the text's
/// own line breaks spelled out (see `TerminalText`): for output that names ids, files or
/// values from the data.
func printText(_ text: String) {
    print(TerminalText.escapedLines(text))
}

/// Writes to standard error, every control character but the message's own line breaks
/// spelled out: error messages echo values from data and arguments (file names, ids),
/// and a terminal must not act on them.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((TerminalText.escapedLines(message) + "\n").utf8))
}

