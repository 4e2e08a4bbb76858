import ArgumentParser
import Foundation
import Tally

/// `tally keys`: project API keys for a host service such as `tally-server`.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list and revoke project API keys (stored hashed in keys.json).",
        discussion: """
            A key is scoped to one project: a server accepts it for that project only.
            The key is printed once, at creation; only its SHA-256 is kept. These commands
            work while a server has the store open.
            """,
        subcommands: [Create.self, List.self, Revoke.self])

    /// `tally keys create --project P`.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key for a project and print it (once).")
        @OptionGroup var options: StoreOption
        @Option(help: "The project the key may read and write.") var project: String

        func run() throws {
            let keys = try keyStore(options.store)
            let created = try keys.create(project: project)
            print(created.key)
            printError("created key \(created.info.id) for project \(project); it is shown only now, store it safely")
        }
    }

    /// `tally keys list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List key ids, projects and whether each is active (tab-separated).")
        @OptionGroup var options: StoreOption

        func run() throws {
            let keys = try keyStore(options.store).list()
            // Tab-separated, one key a line: easy to read and to cut(1).
            print("id\tproject\tcreated\tstatus")
            let formatter = ISO8601DateFormatter()
            for k in keys {
                let created = formatter.string(from: Date(timeIntervalSince1970: Double(k.createdAt) / 1000))
                print("\(k.id)\t\(TerminalText.escaped(k.projectId))\t\(created)\t\(k.isActive ? "active" : "revoked")")
            }
        }
    }

    /// `tally keys revoke KEY_ID`.
    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key, given by its id or as the whole key.")
        @OptionGroup var options: StoreOption
        @Argument(help: "The key id (from `tally keys list`) or the key itself.") var key: String

        func run() throws {
            let info = try keyStore(options.store).revoke(key)
            printText("revoked key \(info.id) of project \(info.projectId)")
        }
    }
}

/// The keys of an existing store (keys for a folder that is no store would be lost).
private func keyStore(_ path: String) throws -> APIKeyStore {
    guard FileManager.default.fileExists(atPath: path + "/tally.store") else {
        throw CLIError("\(path) is not a Tally store (no tally.store file); create it first, e.g. with `tally import`")
    }
    return APIKeyStore(storePath: path)
}
