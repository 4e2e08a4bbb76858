import Foundation
import Testing
import Tally
import TallyTestSupport

/// A damaged `MANIFEST` (flipped bytes anywhere, truncated, deleted) stops the store from
/// opening with an error naming `tally repair`, and `Store.repairManifest` brings back
/// every row: from `MANIFEST.copy` when it is intact (batch identities kept too), else
/// from the part files' footers, leaving out a part a compaction replaced whose file
/// survived (its lineage says so) and reporting what only the manifest knew.
@Suite struct ManifestRecoveryTests {
    /// What the template store holds, and the identities of its imported batches.
    struct Template {
        var contents: StoreContents
        var identities: Set<String>
        var parts: Int
    }

    /// A store built by transactions with identities, a flush, a user's deletion and a
    /// compaction; a part file the compaction replaced is put back, as a crash between
    /// the commit and the file's deletion would leave it.
    static func makeTemplate(at path: String) throws -> Template {
        var options = StoreOptions()
        options.compactionThreshold = 0
        let store = try Store.open(at: path, options: options)
        var victim: String?
        for i in 0..<3 {
            let records = ReliabilityRecords.make(count: 1500, seed: 900 + UInt64(i), prefix: "mf", projects: 3, days: 40)
            victim = victim ?? records.compactMap(\.userId).first
            let t = try #require(try store.beginTransaction(identity: "batch-\(i)"))
            try t.append(contentsOf: records)
            try t.commit()
        }
        try store.append(contentsOf: ReliabilityRecords.make(count: 800, seed: 950, prefix: "mf", projects: 3, days: 40))
        try store.flush()
        let report = try store.deleteRecords(userId: try #require(victim))
        #expect(report.rowsRemoved > 0)
        var saved = [String: Data]()
        for p in store.snapshot().parts { saved[p.path] = try Data(contentsOf: URL(fileURLWithPath: p.path)) }
        try store.compact()
        let after = store.snapshot()
        let template = Template(
            contents: try StoreContents(after), identities: after.manifest.batchIdentities, parts: after.parts.count)
        try store.close()
        // The replaced files are deleted when the last snapshot holding them goes away.
        let gone = saved.keys.sorted().filter { !FileManager.default.fileExists(atPath: $0) }
        let survivor = try #require(gone.first)
        try saved[survivor]!.write(to: URL(fileURLWithPath: survivor))
        return template
    }

    @Test func damagedManifestRefusesToOpenAndNamesRepair() throws {
        let dir = try ScratchDirectory(prefix: "tally-mf-open")
        defer { dir.remove() }
        _ = try Self.makeTemplate(at: dir.path + "/s")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.path + "/s/MANIFEST")))
        bytes[bytes.count / 2] ^= 0x40
        try Data(bytes).write(to: URL(fileURLWithPath: dir.path + "/s/MANIFEST"))
        for readOnly in [false, true] {
            var options = StoreOptions()
            options.readOnly = readOnly
            let error = #expect(throws: StorageError.self) { _ = try Store.open(at: dir.path + "/s", options: options) }
            guard case .manifestDamaged? = error else {
                Issue.record("not a damaged-manifest error: \(String(describing: error))")
                continue
            }
            #expect("\(error!)".contains("tally repair") && "\(error!)".contains("MANIFEST"), "\(error!)")
        }
    }

    enum Damage: CaseIterable { case flip, truncate, delete }

    /// Property: for damage at random places of MANIFEST, with the copy intact or damaged
    /// too, repair restores every row exactly.
    @Test func repairRestoresEveryRowWhateverTheDamage() throws {
        let dir = try ScratchDirectory(prefix: "tally-mf-repair")
        defer { dir.remove() }
        let templatePath = dir.path + "/template"
        let template = try Self.makeTemplate(at: templatePath)
        let manifestSize = try #require(try FileManager.default.attributesOfItem(atPath: templatePath + "/MANIFEST")[.size] as? Int)
        var g = SeededGenerator(seed: 0x3A1F)
        let batch = ColumnBatch()
        let budget = ReliabilityBudget.seconds(ci: 10, long: 240)
        let clock = Stopwatch()
        var trials = 0, fromCopy = 0, fromParts = 0
        while clock.seconds < budget && (ReliabilityBudget.isLong || trials < 400) {
            trials += 1
            let path = dir.path + "/t\(trials)"
            try FileManager.default.copyItem(atPath: templatePath, toPath: path)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let damage = Damage.allCases.randomElement(using: &g)!
            let copyToo = Bool.random(using: &g)
            var what = ""
            for file in copyToo ? ["MANIFEST", "MANIFEST.copy"] : ["MANIFEST"] {
                let url = URL(fileURLWithPath: path + "/" + file)
                var bytes = [UInt8](try Data(contentsOf: url))
                switch damage {
                case .flip:
                    let at = Int.random(in: 0..<manifestSize, using: &g)
                    bytes[at] ^= UInt8.random(in: 1...255, using: &g)
                    what += "\(file) byte \(at) flipped; "
                    try Data(bytes).write(to: url)
                case .truncate:
                    let keep = Int.random(in: 0..<manifestSize, using: &g)
                    what += "\(file) truncated to \(keep); "
                    try Data(bytes[0..<keep]).write(to: url)
                case .delete:
                    what += "\(file) deleted; "
                    try FileManager.default.removeItem(at: url)
                }
            }
            let context = "trial \(trials): \(what)"
            #expect(throws: StorageError.self, "\(context): opened") { _ = try Store.open(at: path) }
            let report = try #require(try Store.repairManifest(at: path), "\(context): nothing repaired")
            let store = try Store.open(at: path)
            #expect(try StoreContents(store.snapshot(), batch: batch) == template.contents, "\(context): \(report)")
            #expect(store.verify().isEmpty, "\(context)")
            switch report.source {
            case .copy:
                fromCopy += 1
                #expect(!copyToo, "\(context): a damaged copy was used")
                #expect(store.snapshot().manifest.batchIdentities == template.identities, "\(context)")
                #expect(report.lost.isEmpty, "\(context)")
            case .partFiles:
                fromParts += 1
                #expect(copyToo, "\(context): the intact copy was not used")
                #expect(report.superseded.count == 1, "\(context): \(report)")
                #expect(report.lost.contains { $0.contains("batch") }, "\(context): \(report)")
                #expect(report.parts == template.parts, "\(context)")
            }
            // The rebuilt store takes writes and opens again to what it committed.
            try store.compact()
            try store.close()
            #expect(try StoreContents(storeAt: path, batch: batch) == template.contents, "\(context): after compaction")
            #expect(try Store.repairManifest(at: path) == nil, "\(context): repaired twice")
        }
        #expect(fromCopy > 0 && fromParts > 0)
        ReliabilityBudget.report(
            "manifest recovery: \(trials) damaged manifests (flip, truncate, delete) all repaired to the exact rows and cost sums; \(fromCopy) from MANIFEST.copy, \(fromParts) from part footers, \(String(format: "%.1f", clock.seconds)) s")
    }

    /// A failure writing the copy never fails a commit that already happened: the commit
    /// stands, the stale copy is removed, and the next writable open writes it again.
    @Test func aFailedCopyWriteLeavesTheCommitAndNoStaleCopy() throws {
        let dir = try ScratchDirectory(prefix: "tally-mf-copy")
        defer { dir.remove() }
        let path = dir.path + "/s"
        _ = try Self.makeTemplate(at: path)
        let injector = FaultInjector([FaultInjector.Rule(operation: .rename, pathContains: "MANIFEST.copy", errno: EIO, times: 1)])
        var options = StoreOptions()
        options.compactionThreshold = 0
        options.fileSystem = FileSystem(faults: injector)
        let store = try Store.open(at: path, options: options)
        let records = ReliabilityRecords.make(count: 300, seed: 970, prefix: "mf", projects: 3, days: 40)
        let expected = try StoreContents(store.snapshot()).adding(StoreContents(records: records))
        try store.append(contentsOf: records)
        try store.flush()
        try store.close()
        #expect(!injector.injected.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: path + "/MANIFEST.copy"))
        #expect(try StoreContents(storeAt: path) == expected)
        try Store.open(at: path).close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path + "/MANIFEST.copy")) == Data(contentsOf: URL(fileURLWithPath: path + "/MANIFEST")))
    }
}
