import ArgumentParser

/// Checks `tally help <command> [<subcommand>...]` before the argument parser sees it:
/// the parser's help command prints the main help and exits 0 for a name it does not
/// know, which hides a typo from the user and from scripts.
enum HelpTopic {
    /// The error for the first name in `arguments` (after `help`) that is not a
    /// subcommand of the one before it; `nil` when all are known or this is not `help`.
    static func unknownCommand(in arguments: [String]) -> String? {
        guard arguments.first == "help" else { return nil }
        var subcommands: [any ParsableCommand.Type] = TallyCommand.configuration.subcommands
        var path = ["tally"]
        for name in arguments.dropFirst() where !name.hasPrefix("-") {
            var names = [String]()
            for sub in subcommands { names.append(commandName(sub)) }
            guard let index = names.firstIndex(of: name) else {
                let known = names.joined(separator: ", ")
                let scope = path.count == 1 ? "tally has no command '\(name)'" : "`\(path.joined(separator: " "))` has no subcommand '\(name)'"
                return known.isEmpty
                    ? "\(scope); see `\(path.joined(separator: " ")) --help`"
                    : "\(scope); the \(path.count == 1 ? "commands" : "subcommands") are \(known) (see `\(path.joined(separator: " ")) --help`)"
            }
            subcommands = subcommands[index].configuration.subcommands
            path.append(name)
        }
        return nil
    }

    /// The name a subcommand is called by on the command line.
    private static func commandName(_ command: any ParsableCommand.Type) -> String {
        command._commandName
    }
}
