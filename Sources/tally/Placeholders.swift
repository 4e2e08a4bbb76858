import ArgumentParser
import Tally

/// `tally demo`: placeholder until the generator lands.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Make a realistic demo store.")
    @OptionGroup var options: StoreOption
    func run() throws { throw CLIError("not yet") }
}
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import files.")
    @OptionGroup var options: StoreOption
    func run() throws { throw CLIError("not yet") }
}
