import Foundation
import Testing
import Tally
import TallyTestSupport

/// Power loss, simulated: every commit point (every seam call) of a flush, an import (CSV
/// and a Claude stream), a compaction, a deletion, a retention run, a re-pricing and a
/// manifest repair is cut, with unsynced changes dropped and, in a second mode, partly
/// kept (`PowerLossWalk`, `DurabilityModel`). The store must hold exactly the
/// acknowledged state, verify clean, and reach the right final state when the operation
/// is completed.
@Suite struct PowerLossTests {
    /// The operations walked.
    enum Operation: String, CaseIterable {
        case flush, importCSV, importStream, importCreatingStore, compaction, deletion, retention, reprice, saveRateCard
        case repairFromCopy, repairFromParts, quarantine
    }

    /// The user a deletion removes.
    static let user = "forget-me"

    /// A store of three flushes (about thirty parts, three projects, January to March
    /// 2025), a third of the rows belonging to `user`, and the temporary file of a part
    /// an earlier process was writing when it died (an orphan the next compaction,
    /// removal or repair deletes).
    static func makeBase(at path: String) throws {
        let store = try open(path, fileSystem: FileSystem(), createIfMissing: true)
        for i in 0..<3 {
            let records = ReliabilityRecords.make(count: 90, seed: 300 + UInt64(i), prefix: "pl").enumerated().map { j, r in
                var r = r
                if j % 3 == 0 { r.userId = user }
                return r
            }
            try store.append(contentsOf: records)
            try store.flush()
        }
        try store.close()
        let part = try #require(FaultSweep.tree(path + "/data").first { $0.hasSuffix(".tly") })
        try FileManager.default.copyItem(atPath: path + "/data/" + part, toPath: path + "/data/" + part + ".tmp")
    }

    /// The store as the walks open it: no background merges.
    static func open(_ path: String, fileSystem: FileSystem, createIfMissing: Bool = false, priced: Bool = false,
                     maxBufferedRows: Int? = nil) throws -> Store {
        var options = StoreOptions()
        options.compactionThreshold = 0
        if let maxBufferedRows { options.maxBufferedRows = maxBufferedRows }
        options.createIfMissing = createIfMissing
        options.fileSystem = fileSystem
        return priced ? try Store.openPriced(at: path, options: options) : try Store.open(at: path, options: options)
    }

    /// Runs `body` on the store at `path` opened through `fs`, then closes it.
    static func with(_ path: String, _ fs: FileSystem, priced: Bool = false, creating: Bool = false, maxBufferedRows: Int? = nil,
                     _ body: (Store) throws -> Void) throws {
        let store = try open(path, fileSystem: fs, createIfMissing: creating, priced: priced, maxBufferedRows: maxBufferedRows)
        try body(store)
        try store.close()
    }

    /// The scenario of `operation`, its fixtures built in `dir`.
    static func scenario(_ operation: Operation, in dir: String) throws -> PowerLossScenario {
        let template = dir + "/template"
        switch operation {
        case .reprice: try makeRepriceBase(at: template, in: dir)
        case .importCreatingStore: try FileManager.default.createDirectory(atPath: template, withIntermediateDirectories: true)
        case .quarantine:
            try makeBase(at: template)
            try damageOnePart(in: template)
        case .saveRateCard:
            try makeBase(at: template)
            try Store.writeRateCard(.reference, storePath: template, fileSystem: FileSystem())
        default: try makeBase(at: template)
        }
        let rerun = { (run: @escaping (String, FileSystem) throws -> Void) in { (path: String, _: Bool) in try run(path, FileSystem()) } }
        switch operation {
        case .flush:
            let batch = ReliabilityRecords.make(count: 60, seed: 77, prefix: "new", projects: 2)
            let run = { (path: String, fs: FileSystem) in try with(path, fs) { try $0.append(contentsOf: batch); try $0.flush() } }
            // A flush has no identity: the client resends what was not acknowledged.
            return PowerLossScenario(name: "flush", template: template, run: run, retry: { path, done in if !done { try run(path, FileSystem()) } })
        case .importCSV, .importStream, .importCreatingStore:
            let input: String
            var options = Importer.Options()
            if operation != .importStream {
                input = dir + "/input.csv"
                var writer = CSVRecordWriter()
                try writer.write(contentsOf: ReliabilityRecords.make(count: 200, seed: 21, prefix: "imp", projects: 2))
                try Data(writer.takeBytes()).write(to: URL(fileURLWithPath: input))
            } else {
                input = dir + "/input.jsonl"
                try FileManager.default.copyItem(atPath: FuzzTests.corpusPath + "/streams/claude-stream-json.jsonl", toPath: input)
                options.attribution = StreamAttribution(projectId: "imp-stream", defaultTimestampMs: 1_767_225_600_000)
            }
            // The CSV import writes its rows in several intermediate parts (every 64 rows,
            // unsynced until the commit's syncfs); the first import of `tally import` into
            // a new folder creates the store.
            let creating = operation == .importCreatingStore
            let run = { (path: String, fs: FileSystem) in
                try with(path, fs, creating: creating, maxBufferedRows: operation == .importCSV ? 64 : nil) {
                    _ = try Importer(store: $0).importFile(input, options: options)
                }
            }
            // Rerunning an import is safe: its identity makes a committed one a no-op.
            return PowerLossScenario(name: operation.rawValue, template: template, store: creating ? "/store" : "", run: run, retry: rerun(run),
                                     marks: { ["\($0.snapshot().manifest.batchIdentities.count) identities"] },
                                     alsoBefore: creating ? [PowerLossState(contents: StoreContents(), marks: ["0 identities"])] : [])
        case .compaction:
            let run = { (path: String, fs: FileSystem) in try with(path, fs) { _ = try $0.compact() } }
            return PowerLossScenario(name: "compaction", template: template, run: run, retry: rerun(run),
                                     marks: { ["\($0.snapshot().parts.count) parts"] })
        case .deletion:
            let run = { (path: String, fs: FileSystem) in try with(path, fs) { _ = try $0.deleteRecords(userId: user) } }
            return PowerLossScenario(name: "deletion", template: template, run: run, retry: rerun(run))
        case .retention:
            // January's parts dropped whole, February's rewritten, March's kept.
            let today = CivilDate.dayNumber(year: 2025, month: 3, day: 10)
            let run = { (path: String, fs: FileSystem) in try with(path, fs) { _ = try $0.applyRetention(keepingDays: 30, today: today) } }
            return PowerLossScenario(name: "retention", template: template, run: run, retry: rerun(run))
        case .saveRateCard:
            // `tally rates set`: rates.json replaced whole, or not at all.
            var card = RateCard.reference
            card.upsert(RateRow(service: "anthropic", rateType: "input_tokens", modelOrTier: "claude-sonnet-4-6", priceUnit: .per1MTokens,
                                costPerUnit: ExactDecimal("7")!, effectiveFrom: CivilDate.dayNumber(year: 2026, month: 1, day: 1)))
            let run = { (path: String, fs: FileSystem) in try Store.writeRateCard(card, storePath: path, fileSystem: fs) }
            return PowerLossScenario(name: "saveRateCard", template: template, run: run, retry: rerun(run), marks: { store in
                let saved = try Store.loadRateCard(storePath: store.path, fileSystem: FileSystem())
                return [saved.map { "card of \($0.rows.count) rows, \($0 == card ? "new" : "old")" } ?? "no card"]
            })
        case .reprice:
            let days = CivilDate.dayNumber(year: 2026, month: 1, day: 1)...CivilDate.dayNumber(year: 2026, month: 1, day: 31)
            let run = { (path: String, fs: FileSystem) in try with(path, fs, priced: true) { _ = try $0.reprice(days: days) } }
            return PowerLossScenario(name: "reprice", template: template, run: run, retry: rerun(run))
        case .quarantine:
            // `tally repair` on a store with one damaged part: moved aside, the rest kept.
            let run = { (path: String, fs: FileSystem) in try with(path, fs) { _ = try $0.repair() } }
            var scenario = PowerLossScenario(name: "quarantine", template: template, run: run, retry: rerun(run))
            scenario.damagedBefore = true
            return scenario
        case .repairFromCopy, .repairFromParts:
            if operation == .repairFromCopy {
                try FileManager.default.removeItem(atPath: template + "/MANIFEST")
            } else {
                var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: template + "/MANIFEST")))
                bytes[bytes.count / 2] ^= 0x40
                try Data(bytes).write(to: URL(fileURLWithPath: template + "/MANIFEST"))
                try FileManager.default.removeItem(atPath: template + "/MANIFEST.copy")
                // And a part whose footer is damaged: the rebuild moves it to quarantine/.
                try damageOnePart(in: template, footer: true)
            }
            let run = { (path: String, fs: FileSystem) in
                var options = StoreOptions()
                options.fileSystem = fs
                _ = try Store.repairManifest(at: path, options: options)
            }
            return PowerLossScenario(name: operation.rawValue, template: template, run: run, retry: rerun(run))
        }
    }

    /// Flips a byte in the largest part file: a third of the way in (a column block,
    /// which `verify` reports), or in its footer (which opening the part reports).
    static func damageOnePart(in store: String, footer: Bool = false) throws {
        let parts = FaultSweep.tree(store + "/data").filter { $0.hasSuffix(".tly") }.map { store + "/data/" + $0 }
        let file = try #require(parts.max { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0 < (try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0 })
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        bytes[footer ? bytes.count - 40 : bytes.count / 3] ^= 0x10
        try Data(bytes).write(to: URL(fileURLWithPath: file))
    }

    /// A priced store whose rows were priced by the reference card, with a saved card
    /// that prices them higher: a re-pricing changes most of them (a few carry their own
    /// cost and are kept).
    static func makeRepriceBase(at path: String, in dir: String) throws {
        let store = try open(path, fileSystem: FileSystem(), createIfMissing: true, priced: true)
        let jan1: Int64 = 1_767_225_600_000
        var text = "project_id,ts,service,unit,quantity,model_id,cost_usd\n"
        for i in 0..<240 {
            let cost = i % 5 == 0 ? "0.123456789" : ""
            text += "\(["acme", "globex"][i % 2]),\(jan1 + Int64(i) * 3_600_000),anthropic,input_tokens,1000000,claude-sonnet-4-6,\(cost)\n"
        }
        let input = dir + "/priced.csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: input))
        _ = try Importer(store: store).importFile(input)
        var card = try store.rateCard()
        card.upsert(RateRow(service: "anthropic", rateType: "input_tokens", modelOrTier: "claude-sonnet-4-6", priceUnit: .per1MTokens,
                            costPerUnit: ExactDecimal("4")!, effectiveFrom: CivilDate.dayNumber(year: 2026, month: 1, day: 1)))
        try store.saveRateCard(card)
        try store.close()
    }

    @Test(arguments: Operation.allCases)
    func everyCutLeavesTheAcknowledgedState(_ operation: Operation) throws {
        let dir = try ScratchDirectory(prefix: "tally-power-loss")
        defer { dir.remove() }
        let clock = Stopwatch()
        let figures = try PowerLossWalk.walk(try Self.scenario(operation, in: dir.path), in: dir.path)
        #expect(figures.failures == 0)
        #expect(figures.statesChecked + figures.partialStatesChecked > 1)
        ReliabilityBudget.report("power loss \(operation.rawValue): \(figures) (\(String(format: "%.1f", clock.seconds)) s)")
    }
}
