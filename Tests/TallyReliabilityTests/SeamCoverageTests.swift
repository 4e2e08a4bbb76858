import Foundation
import Testing
import Tally
import TallyTestSupport

/// How many of the library's calls to the file system seam the fault-injection harness
/// can fail: each scenario of `FaultInjectionTests` runs once with an injector that only
/// records (`FaultInjector.sitesReached`), and a site counts as reached when it is among
/// the first `maxSkip` calls of its operation (the positions the harness fails in turn).
/// The total is every faultable seam call in `Sources/` outside the seam itself and the CLI.
@Suite struct SeamCoverageTests {
    static let sourcesPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path + "/Sources"

    /// The seam's methods that can fail (an injected fault or a real error).
    static let faultable: Set<String> = [
        "open", "read", "readAll", "readSome", "readPrefix", "readToEnd", "write", "fsync", "fsyncDirectory", "rename", "unlink",
        "makeDirectories", "writeAtomically", "syncFileSystem", "truncate", "lockByte", "removeDirectory", "status", "signature",
        "commit", "abandon", "link",
    ]

    /// Every faultable seam call in the library's sources, by `#fileID` and line. The seam
    /// is called through values named `fs` or `fileSystem`, staged files through `staged`;
    /// `StagedFile(` and `FolderLock.acquire(` are sites too.
    static func allSites() throws -> Set<IOSite> {
        let call = try Regex(#"(?:^|[^A-Za-z0-9_])(?:fs|fileSystem|staged)\.([A-Za-z]+)\(|StagedFile\(|FolderLock\.acquire\("#)
        var sites = Set<IOSite>()
        let enumerator = FileManager.default.enumerator(atPath: sourcesPath)
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".swift"), !relative.hasPrefix("TallySystem/"), !relative.hasPrefix("tally/") else { continue }
            let module = String(relative.prefix { $0 != "/" })
            let fileID = module + "/" + (relative.split(separator: "/").last.map(String.init) ?? relative)
            let text = try String(contentsOfFile: sourcesPath + "/" + relative, encoding: .utf8)
            for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.trimmingCharacters(in: .whitespaces).hasPrefix("//") { continue }
                for match in line.matches(of: call) {
                    let method = match.output[1].substring.map(String.init)
                    if method == nil || faultable.contains(method!) { sites.insert(IOSite(file: fileID, line: i + 1)) }
                }
            }
        }
        return sites
    }

    /// Runs `action` with a recording injector; returns the sites the harness can fail.
    static func reached(_ action: (FileSystem) throws -> Void) throws -> Set<IOSite> {
        let recorder = FaultInjector()
        try action(FileSystem(faults: recorder))
        return Set(recorder.sitesReached.filter { $0.value <= FaultInjectionTests.maxSkip }.keys)
    }

    /// The sites every scenario of the harness reaches.
    static func harnessSites(in dir: String) throws -> Set<IOSite> {
        var sites = Set<IOSite>()
        let template = dir + "/template"
        _ = try FaultInjectionTests.makeBase(at: template, parquetCosts: true)
        let records = ReliabilityRecords.make(count: 120, seed: 7, prefix: "new", projects: 2)
        for scenario in FaultInjectionTests.Scenario.allCases {
            let path = dir + "/store-\(scenario)"
            try FaultSweep.copy(template, to: path)
            sites.formUnion(try reached { fs in
                let store = try FaultInjectionTests.openForFaults(path, fileSystem: fs)
                var transaction: WriteTransaction?
                try FaultInjectionTests.run(scenario, on: store, batch: records, transaction: &transaction)
                try store.close()
            })
        }
        for kind in FaultInjectionTests.ImportInput.allCases {
            let f = try FaultInjectionTests.importFixture(kind, in: dir + "/import-\(kind)")
            let path = dir + "/import-\(kind)/trial"
            try FaultSweep.copy(f.template, to: path)
            sites.formUnion(try reached { fs in
                let store = try FaultInjectionTests.openForFaults(path, fileSystem: fs)
                _ = try Importer(store: store).importFile(f.input, options: f.options)
                try store.close()
            })
        }
        for kind in FaultInjectionTests.ExportOutput.allCases {
            sites.formUnion(try reached { fs in try FaultInjectionTests.exportOnce(template, to: dir + "/export-\(kind)", kind, fileSystem: fs) })
        }
        let activity = dir + "/activity"
        _ = try FaultInjectionTests.activityTemplate(at: activity)
        sites.formUnion(try reached { fs in
            try FaultInjectionTests.appendActivity(FaultInjectionTests.activityEvents(30, projects: 3, months: 3), at: activity, fileSystem: fs)
        })
        let keys = dir + "/keys"
        try FaultSweep.copy(template, to: keys)
        let first = try APIKeyStore(storePath: keys).create(project: "key-a")
        sites.formUnion(try reached { fs in
            var done = 0
            try FaultInjectionTests.changeKeys(at: keys, revoking: first.info.id, authenticating: first.key, fileSystem: fs, done: &done)
        })
        let rates = dir + "/rates"
        try FaultSweep.copy(template, to: rates)
        try FaultInjectionTests.saveRateCard(.reference, at: rates, fileSystem: FileSystem(), saved: {})
        sites.formUnion(try reached { fs in
            try FaultInjectionTests.saveRateCard(RateCard(rows: Array(RateCard.reference.rows.dropLast())), at: rates, fileSystem: fs, saved: {})
        })
        // Store operations (`FaultInjectionTests+Removal`) and queries (`+Queries`).
        for operation in FaultInjectionTests.removalOperations {
            let scenario = try PowerLossTests.scenario(operation, in: dir + "/operation-\(operation)")
            let path = dir + "/operation-\(operation)/trial"
            try FaultSweep.copy(scenario.template, to: path)
            sites.formUnion(try reached { fs in try scenario.run(path + scenario.store, fs) })
        }
        let queried = dir + "/queried"
        try PowerLossTests.makeBase(at: queried)
        sites.formUnion(try reached { fs in
            _ = try FaultInjectionTests.answerQueries(try FaultInjectionTests.openForFaults(queried, fileSystem: fs, readOnly: true))
        })
        return sites
    }

    @Test func harnessReachesTheSeamAcrossTheLibrary() throws {
        let dir = try ScratchDirectory(prefix: "tally-seam-coverage")
        defer { dir.remove() }
        let all = try Self.allSites()
        let reached = try Self.harnessSites(in: dir.path)
        // Every site a scenario reached must be one the scan found: else the scan misses calls.
        let unknown = reached.subtracting(all).filter { !$0.file.hasPrefix("TallySystem/") }
        #expect(unknown.isEmpty, "seam calls the source scan did not find: \(unknown.sorted())")
        let hit = reached.intersection(all)
        var lines = ["seam coverage: the fault harness reaches \(hit.count) of \(all.count) seam call sites"]
        for module in Set(all.map(\.module)).sorted() {
            let total = all.filter { $0.module == module }
            let missed = total.subtracting(hit).sorted()
            lines.append("  \(module): \(total.count - missed.count) of \(total.count)"
                         + (missed.isEmpty ? "" : "; not reached: " + missed.map { "\($0.file.split(separator: "/").last!):\($0.line)" }.joined(separator: " ")))
        }
        ReliabilityBudget.report(lines.joined(separator: "\n"))
        // A floor against losing scenarios: 60 when the import, export, activity, key and
        // rate-card sweeps were added, 83 with the sweeps of store creation, deletion,
        // retention, re-pricing, repairs and queries. The rest are cleanup after a failure
        // (a second fault), standard input and devices, a read-only refresh after another
        // process's commit, and the `Database` facade (its configuration takes no
        // `FileSystem` yet).
        #expect(hit.count >= 83, "the harness reaches \(hit.count) of \(all.count) seam call sites")
    }
}
