#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import Tally
import TallyTestSupport

/// Injects ENOSPC, EIO and EACCES (and short writes) at every kind of system call and at
/// every position (skip count) during a flush, a transaction commit and a compaction, and
/// checks the promise: the call throws a `StorageError` (never traps), the store reopened
/// without faults holds exactly the committed state, and retrying succeeds without
/// duplicates. Imports, exports, the activity log and the key store are swept too (the
/// extensions of this suite, through `FaultSweep`).
@Suite struct FaultInjectionTests {
    static let operations: [FaultInjector.Operation] = [.open, .read, .write, .fsync, .rename, .unlink, .mkdir, .lock]
    static let errnos: [Int32] = [ENOSPC, EIO, EACCES]
    /// Past this many skips a scenario has run to the end without meeting its fault.
    static let maxSkip = 40

    /// The scenarios: each starts from a store holding `base`, runs `action` on a store
    /// opened with faults, and says what the store holds if the action succeeded.
    enum Scenario: String, CaseIterable {
        case flush, transaction, compaction
    }

    /// Figures across the whole suite run, for the report.
    struct Tally_ {
        var runs = 0, faultsThrown = 0, retried = 0, ambiguousCommits = 0, openFailures = 0
    }

    /// Builds the base store: a few flushes, so compaction has partitions to merge.
    /// `parquetCosts` keeps every cost within what a Parquet export can hold.
    static func makeBase(at path: String, parquetCosts: Bool = false) throws -> StoreContents {
        var options = StoreOptions()
        options.compactionThreshold = 0
        let store = try Store.open(at: path, options: options)
        var all = [UsageRecord]()
        for i in 0..<3 {
            var records = ReliabilityRecords.make(count: 150, seed: 100 + UInt64(i), prefix: "base")
            if parquetCosts { records = ReliabilityRecords.parquetCosts(records) }
            try store.append(contentsOf: records)
            try store.flush()
            all += records
        }
        try store.close()
        return StoreContents(records: all)
    }

    @Test(arguments: Scenario.allCases)
    func faultsLeaveExactlyTheCommittedState(_ scenario: Scenario) throws {
        let dir = try ScratchDirectory(prefix: "tally-faults")
        defer { dir.remove() }
        let template = dir.path + "/template"
        let base = try Self.makeBase(at: template)
        let newRecords = ReliabilityRecords.make(count: 120, seed: 7, prefix: "new", projects: 2)
        let after = scenario == .compaction ? base : base.adding(StoreContents(records: newRecords))
        var figures = Tally_()
        let batch = ColumnBatch()
        var trial = 0
        for op in Self.operations {
            for variant in FaultSweep.rules(op, skip: 0, errnos: Self.errnos).indices {
                var cleanRuns = 0
                for skip in 0...Self.maxSkip where cleanRuns < 2 {
                    trial += 1
                    let path = dir.path + "/t\(trial)"
                    try FileManager.default.copyItem(atPath: template, toPath: path)
                    defer { try? FileManager.default.removeItem(atPath: path) }
                    let rule = FaultSweep.rules(op, skip: skip, errnos: Self.errnos)[variant]
                    let code = rule.errno
                    let injector = FaultInjector([rule])
                    var options = StoreOptions()
                    options.compactionThreshold = 0
                    options.fileSystem = FileSystem(faults: injector)
                    figures.runs += 1
                    let context = "\(scenario) \(op) errno \(code)\(rule.shortWrite ? " (short write)" : "") skip \(skip)"

                    let store: Store
                    do {
                        store = try Store.open(at: path, options: options)
                    } catch let error as StorageError {
                        // The fault hit the open itself: it must say so and change nothing.
                        figures.openFailures += 1
                        #expect("\(error)".contains("I/O error"), "\(context): \(error)")
                        #expect(try StoreContents(storeAt: path) == base, "\(context)")
                        continue
                    }
                    var thrown: StorageError?
                    var transaction: WriteTransaction?
                    do {
                        try Self.run(scenario, on: store, batch: newRecords, transaction: &transaction)
                    } catch let error as StorageError {
                        thrown = error
                    } catch {
                        Issue.record("\(context): not a StorageError: \(type(of: error)) \(error)")
                    }
                    let seen = try StoreContents(storeAt: path, batch: batch)
                    if let thrown {
                        figures.faultsThrown += 1
                        cleanRuns = 0
                        let text = "\(thrown)"
                        #expect(text.contains("I/O error") && text.contains("errno \(code)"), "\(context): unclear error \(text)")
                        if seen == after && after != base {
                            // Only a failure after MANIFEST was renamed (the folder's fsync)
                            // may leave the commit in place: it is then durable on the next
                            // fsync but was not acknowledged.
                            figures.ambiguousCommits += 1
                            if case let .io(_, failedPath, _) = thrown {
                                #expect(failedPath == path, "\(context): commit published although \(text)")
                            }
                        } else {
                            #expect(seen == base, "\(context): store holds \(seen), expected the committed \(base)")
                        }
                        // The fault was used up: the same call must now succeed, once.
                        try Self.retry(scenario, on: store, transaction: transaction)
                        figures.retried += 1
                    } else if injector.injected.isEmpty {
                        cleanRuns += 1
                    }
                    // A fault absorbed without an error (the manifest copy's write, which
                    // removes the copy rather than fail a commit that happened) is not a
                    // clean run: later calls of the operation are still to be swept.
                    try store.close()
                    let final = try StoreContents(storeAt: path, batch: batch)
                    #expect(final == after, "\(context): after retry the store holds \(final), expected \(after)")
                    var verifyOptions = StoreOptions()
                    verifyOptions.readOnly = true
                    let damaged = try Store.open(at: path, options: verifyOptions).snapshot().damagedParts(batch: batch)
                    #expect(damaged.isEmpty, "\(context): \(damaged)")
                    if thrown == nil {
                        // The copy is the manifest's twin, or gone after a failed write:
                        // never a stale list that `repairManifest` would restore.
                        let copy = try? Data(contentsOf: URL(fileURLWithPath: path + "/MANIFEST.copy"))
                        let manifest = try Data(contentsOf: URL(fileURLWithPath: path + "/MANIFEST"))
                        #expect(copy == nil || copy == manifest, "\(context): MANIFEST.copy differs from MANIFEST")
                    }
                }
            }
        }
        #expect(figures.faultsThrown > 0)
        ReliabilityBudget.report("faults \(scenario): \(figures.runs) runs, \(figures.faultsThrown) faults thrown and retried, \(figures.openFailures) during open, \(figures.ambiguousCommits) thrown after the manifest rename")
    }

    static func run(_ scenario: Scenario, on store: Store, batch: [UsageRecord], transaction: inout WriteTransaction?) throws {
        switch scenario {
        case .flush:
            try store.append(contentsOf: batch)
            try store.flush()
        case .transaction:
            guard let t = try store.beginTransaction(identity: "batch-1") else { return }
            transaction = t
            for r in batch { try t.append(r) }
            try t.commit()
        case .compaction:
            try store.compact()
        }
    }

    static func retry(_ scenario: Scenario, on store: Store, transaction t: WriteTransaction?) throws {
        switch scenario {
        case .flush:
            try store.flush()
        case .transaction:
            // A commit that failed may be retried; one whose manifest landed is found by
            // its identity on reopen. Here the same process retries the same transaction.
            if store.hasCommittedBatch(identity: "batch-1") { t?.rollback(); return }
            try t?.commit()
        case .compaction:
            try store.compact()
        }
    }
}
