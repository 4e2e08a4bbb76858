import ArgumentParser
import Tally

/// `tally retention`: remove rows older than a number of days, or set the stored policy.
struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention", abstract: "Remove rows older than N days, or set the retention policy `tally compact` applies.",
        discussion: """
            Days are UTC. A row is older than N days when its date is before TODAY - N: with
            --keep-days 30 --today 2026-04-30 rows dated 2026-03-31 and later are kept. Without
            --keep-days the stored policy is applied; with neither option the policy is shown.
            """)

    @OptionGroup var options: StoreOption
    @Option(help: "Remove rows dated before TODAY - N (UTC days).")
    var keepDays: Int?
    @Option(help: "The date to count from (YYYY-MM-DD, UTC); default: the current UTC date.")
    var today: String?
    @Flag(help: "Only report what would be removed (the store is opened read-only).")
    var dryRun = false
    @Option(help: "Store a policy of N days, applied by `tally compact` and by `tally retention` without --keep-days.")
    var setPolicy: Int?
    @Flag(help: "Remove the stored policy.")
    var clearPolicy = false

    func validate() throws {
        for (name, days) in [("--keep-days", keepDays), ("--set-policy", setPolicy)] {
            if let days, days < 0 || days > Store.maxRetentionDays {
                throw ValidationError("\(name) must be 0...\(Store.maxRetentionDays) (0 keeps only today)")
            }
        }
        if let today, CivilDate.parseISODate(today) == nil { throw ValidationError("--today '\(today)' is not a date (YYYY-MM-DD)") }
        let policyChange = setPolicy != nil || clearPolicy
        if setPolicy != nil && clearPolicy { throw ValidationError("--set-policy and --clear-policy exclude each other") }
        if policyChange && (keepDays != nil || dryRun || today != nil) {
            throw ValidationError("--set-policy and --clear-policy only change the policy; apply it with a separate `tally retention` run")
        }
    }

    func run() throws {
        if setPolicy != nil || clearPolicy {
            let store = try openStore(options.store)
            try store.setRetentionPolicy(keepingDays: setPolicy)
            try store.close()
            print(setPolicy.map { "retention policy: keep \($0) days (applied by `tally compact` and `tally retention`)" } ?? "retention policy cleared")
            return
        }
        let store = try openStore(options.store, readOnly: dryRun)
        guard let days = keepDays ?? store.retentionPolicy else {
            print("no retention policy set (set one with --set-policy N, or remove old rows once with --keep-days N)")
            return
        }
        let report = try store.applyRetention(keepingDays: days, today: today.flatMap { CivilDate.parseISODate($0) }, dryRun: dryRun)
        if !dryRun { try store.close() }
        printText(describe(report))
    }
}

/// One line about a retention run, shared with `tally compact`.
func describe(_ report: RetentionReport) -> String {
    var line = ""
    if report.orphanFilesRemoved > 0 {
        line += "removed \(grouped(report.orphanFilesRemoved)) unlisted part files left by an interrupted run\n"
    }
    let before = "dated before \(CivilDate.isoString(forDayNumber: report.cutoffDay)) (UTC)"
    if report.rowsRemoved == 0 { return line + "retention: no rows \(before)" }
    line += "retention: \(report.dryRun ? "would remove" : "removed") \(grouped(report.rowsRemoved)) rows \(before) from \(report.projects.count) \(report.projects.count == 1 ? "project" : "projects"): \(report.partsDropped) parts dropped, \(report.partsRewritten) rewritten"
    if !report.quarantinedFiles.isEmpty {
        line += "\nnote: \(report.quarantinedFiles.count) files in quarantine/ are not examined by retention"
    }
    return line
}
