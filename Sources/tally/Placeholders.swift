import ArgumentParser
import Tally

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import files.")
    @OptionGroup var options: StoreOption
    func run() throws { throw CLIError("not yet") }
}
