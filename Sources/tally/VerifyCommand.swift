import ArgumentParser
import Tally

/// `tally verify`: read every part in full and check every checksum.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check every part file's checksums and structure; list any damage.")

    @OptionGroup var options: StoreOption

    func run() throws {
        let store = try openStore(options.store, readOnly: true)
        let damage = store.verify()
        let parts = store.snapshot().parts.count
        if damage.isEmpty {
            print("ok: \(parts) parts, \(grouped(store.snapshot().rowCount)) rows verified")
            return
        }
        for d in damage { printText("damaged: \(d)") }
        throw CLIError("\(damage.count) of \(parts) parts are damaged; `tally repair --store \(options.store)` moves them to quarantine/")
    }
}

/// `tally repair`: rebuild a damaged manifest, quarantine damaged parts so the rest stays queryable.
struct RepairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair", abstract: "Rebuild a damaged manifest (from its copy, else from the part files), move damaged parts into quarantine/ (never deleting them) and publish the rest.")

    @OptionGroup var options: StoreOption

    func run() throws {
        // The manifest first: with it damaged the store cannot be opened at all.
        let recovery = try Store.repairManifest(at: options.store)
        if let recovery { printText("\(recovery)") }
        let store = try openStore(options.store)
        let moved = try store.repair()
        try store.close()
        if moved.isEmpty && recovery == nil { print("ok: nothing to repair") }
        for d in moved { printText("quarantined: \(d)") }
    }
}

/// `tally compact`: merge the parts of each partition.
struct CompactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact", abstract: "Apply the retention policy, if one is set, and merge small parts so each partition reads as one file.")

    @OptionGroup var options: StoreOption

    func run() throws {
        let store = try openStore(options.store)
        // The stored retention policy first: fewer rows to merge.
        if let retention = try store.applyRetentionPolicy() { printText(describe(retention)) }
        let before = store.snapshot().parts.count
        let replaced = try store.compact()
        try store.close()
        print("compacted: \(replaced) parts merged; \(before) parts before, \(store.snapshot().parts.count) after")
    }
}
