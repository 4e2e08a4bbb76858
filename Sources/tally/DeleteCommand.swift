import ArgumentParser
import Tally

/// `tally delete`: a right-to-deletion request, every record of one user removed for good.
struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete every record of one user (a right-to-deletion request), atomically.",
        discussion: """
            Parts holding the user are rewritten without the user's rows and published in one
            commit; the old part files are then deleted from disk. Files in quarantine/ are never
            changed: those that may hold the user are listed, to be reviewed and removed by hand.
            Export the user's records first with `tally export --user U` if they were requested.
            """)

    @OptionGroup var options: StoreOption
    @Option(help: "The user_id whose records are deleted.")
    var user: String
    @Option(help: "Only this project.")
    var project: String?
    @Flag(help: "Only report what would be deleted (the store is opened read-only).")
    var dryRun = false

    func run() throws {
        let store = try openStore(options.store, readOnly: dryRun)
        let report = try store.deleteRecords(userId: user, project: project, dryRun: dryRun)
        if !dryRun { try store.close() }
        if report.orphanFilesRemoved > 0 {
            print("removed \(grouped(report.orphanFilesRemoved)) unlisted part files left by an interrupted run")
        }
        let scope = project.map { " in project '\($0)'" } ?? ""
        if report.rowsRemoved == 0 {
            printText("no rows of user '\(user)'\(scope)\(dryRun ? "" : "; nothing changed")")
        } else {
            let verb = dryRun ? "would delete" : "deleted"
            let parts = "\(report.partsRewritten) \(report.partsRewritten == 1 ? "part" : "parts") rewritten, \(report.partsDropped) removed"
            printText("\(verb) \(grouped(report.rowsRemoved)) rows of user '\(user)'\(scope) from \(report.projects.count) \(report.projects.count == 1 ? "project" : "projects") (\(report.projects.joined(separator: ", "))): \(parts)")
        }
        if report.filesAwaitingRelease > 0 {
            printError("warning: \(report.filesAwaitingRelease) replaced part files are still open and will be deleted when released")
        }
        for file in report.quarantinedFiles {
            printError("warning: \(file) is quarantined and may hold rows of user '\(user)'; deletion never changes quarantined files: review it and delete it by hand")
        }
    }
}
