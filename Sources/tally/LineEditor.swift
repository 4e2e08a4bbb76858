import CLibEdit
import Foundation

/// Line input for the REPL: libedit (history, editing) on a terminal, plain reads otherwise.
final class LineEditor {
    let historyPath: String?
    let isTerminal = isatty(STDIN_FILENO) == 1

    init(historyPath: String?) {
        self.historyPath = historyPath
        if isTerminal {
            using_history()
            if let historyPath { _ = read_history(historyPath) }
        }
    }

    /// The next line without its newline, or nil at end of input (Ctrl-D).
    func readLine(prompt: String) -> String? {
        guard isTerminal else { return Swift.readLine(strippingNewline: true) }
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Adds an entered statement or command to the history and saves it.
    func remember(_ entry: String) {
        guard isTerminal, !entry.isEmpty else { return }
        _ = add_history(entry)
        if let historyPath { _ = write_history(historyPath) }
    }
}
