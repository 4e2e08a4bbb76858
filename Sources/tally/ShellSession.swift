import Foundation
import Tally
import TallySQL

/// `tally STORE`, `tally STORE "SQL"`, `tally STORE < script.sql` and bare `tally`:
/// the REPL and its non-interactive forms.
enum ShellSession {
    /// Where bare `tally` keeps its demo store.
    static var demoStorePath: String { home + "/.tally/demo-store" }

    /// `$HOME`, else the account's home folder.
    static var home: String { ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory() }

    /// Runs the shell for `arguments` (the store, optionally one SQL text); returns the exit code.
    static func main(store path: String?, sql: String?) -> Int32 {
        let storePath: String
        if let path {
            storePath = path
        } else {
            storePath = demoStorePath
            if !FileManager.default.fileExists(atPath: storePath + "/manifest") && !FileManager.default.fileExists(atPath: storePath) {
                printError("creating the demo store in \(storePath) (200,000 rows)...")
                do {
                    try FileManager.default.createDirectory(atPath: home + "/.tally", withIntermediateDirectories: true)
                    let demo = try DemoCommand.parse(["--store", storePath, "--rows", "200000", "--seed", "1"])
                    try demo.run()
                } catch {
                    printError("Error: cannot create the demo store: \(error)")
                    return 1
                }
            }
        }
        let store: Store
        do {
            store = try openStore(storePath, readOnly: true)
        } catch {
            printError("Error: \(error)")
            return 1
        }
        if let sql {
            Interrupts.install()
            let shell = SQLShell(store: store, format: SQLShell.defaultFormat, interactive: false)
            let ok = feed(shell, text: sql, final: true)
            return shell.wasCancelled ? Interrupts.cancelledExitCode : (ok ? 0 : 1)
        }
        let interactive = isatty(STDIN_FILENO) == 1
        let shell = SQLShell(store: store, format: SQLShell.defaultFormat, interactive: interactive)
        if interactive {
            Interrupts.install()
            printText("Tally SQL over \(storePath) (\(grouped(store.snapshot().rowCount)) rows). .help for help, Ctrl-D to exit.")
        }
        let editor = LineEditor(historyPath: interactive ? home + "/.tally_history" : nil)
        var buffer = ""
        var allOK = true
        while true {
            let line = editor.readLine(prompt: buffer.isEmpty ? "tally> " : "  ...> ")
            if interactive, interruptRequested.exchange(false, ordering: .relaxed) {
                buffer = ""  // Ctrl-C at the prompt drops the unfinished statement
                print("")
                if line == nil { continue }
            }
            guard let line else { break }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if buffer.isEmpty && trimmed.hasPrefix(".") {
                editor.remember(trimmed)
                var ok = true
                // Dot commands read the store too: from the newest commit, like statements.
                do { try store.refreshIfChanged() } catch { printError("Error: \(error)") }
                let goOn = shell.dotCommand(trimmed, ok: &ok)
                allOK = allOK && ok
                if !goOn { break }
                continue
            }
            buffer += (buffer.isEmpty ? "" : "\n") + line
            let (complete, remainder) = SQLParser.splitStatements(buffer)
            if !complete.isEmpty { editor.remember(buffer.replacingOccurrences(of: "\n", with: " ")) }
            for statement in complete { allOK = shell.run(statement) && allOK }
            buffer = remainder
        }
        if !buffer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            allOK = shell.run(buffer) && allOK  // a last statement without ';'
        }
        if interactive { print("") }
        return allOK || interactive ? 0 : 1
    }

    /// Runs every statement of `text` (the last may lack its `;`); false if any failed.
    static func feed(_ shell: SQLShell, text: String, final: Bool) -> Bool {
        let (complete, remainder) = SQLParser.splitStatements(text)
        var ok = true
        for s in complete {
            ok = shell.run(s) && ok
            if shell.wasCancelled { return false }  // Ctrl-C stops the whole text, not one statement
        }
        if final, !remainder.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { ok = shell.run(remainder) && ok }
        return ok
    }
}

extension ShellSession {
    /// The shell's store and SQL if `arguments` ask for the shell rather than a subcommand:
    /// no arguments, or a first argument that names an existing folder or looks like a path.
    static func target(_ arguments: [String]) -> (store: String?, sql: String?)? {
        guard let first = arguments.first else { return (nil, nil) }
        if first.hasPrefix("-") { return nil }
        let names = Set(TallyCommand.configuration.subcommands.map { $0._commandName })
        if names.contains(first) { return nil }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: first, isDirectory: &isDirectory)
        guard (exists && isDirectory.boolValue) || first.contains("/") else { return nil }
        return (first, arguments.count > 1 ? arguments[1] : nil)
    }
}
