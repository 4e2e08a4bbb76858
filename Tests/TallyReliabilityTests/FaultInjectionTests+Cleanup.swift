#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import Tally
import TallyTestSupport

/// Two faults in one run: a write, fsync, rename or open fails (ENOSPC) at every position
/// of a flush, a transaction, a compaction, a deletion, a retention run and a re-pricing,
/// and then every cleanup after it fails too (each unlink, truncate and rmdir: EIO,
/// `FaultInjector.Rule.afterAnotherFault`). The cleanup may leave a temporary or unlisted
/// file behind, never under a part's final name nor listed: the operation must still
/// throw a clear error (the first fault's, or the failed call that stopped it when the
/// first was absorbed), leave the store before (or after, past the manifest's
/// rename), reach the state after when retried, and verify clean.
extension FaultInjectionTests {
    /// The first faults of the sweep.
    static let cleanupPrimaryOperations: [FaultInjector.Operation] = [.open, .write, .fsync, .rename]

    /// Rules that fail every cleanup once a first fault was injected.
    static let failingCleanups: [FaultInjector.Rule] = [FaultInjector.Operation.unlink, .truncate, .rmdir].map {
        FaultInjector.Rule(operation: $0, errno: EIO, times: .max, afterAnotherFault: true)
    }

    /// One scenario's fixture for the sweep: a store to copy, the states before and
    /// after, and how to run and retry the operation on a store opened with faults.
    struct CleanupCase {
        var name: String
        var template: String
        var before: StoreContents
        var after: StoreContents
        var run: (Store) throws -> Void
        var retry: (Store) throws -> Void
    }

    /// The cases, built in `dir`.
    static func cleanupCases(in dir: String) throws -> [CleanupCase] {
        var cases = [CleanupCase]()
        let template = dir + "/template"
        let base = try makeBase(at: template)
        let batch = ReliabilityRecords.make(count: 120, seed: 7, prefix: "new", projects: 2)
        for scenario in Scenario.allCases {
            var transaction: WriteTransaction?
            cases.append(CleanupCase(
                name: scenario.rawValue, template: template, before: base,
                after: scenario == .compaction ? base : base.adding(StoreContents(records: batch)),
                run: { store in
                    transaction = nil
                    try run(scenario, on: store, batch: batch, transaction: &transaction)
                },
                retry: { try retry(scenario, on: $0, transaction: transaction) }))
        }
        let removals: [(PowerLossTests.Operation, (Store) throws -> Void)] = [
            (.deletion, { _ = try $0.deleteRecords(userId: PowerLossTests.user) }),
            (.retention, { _ = try $0.applyRetention(keepingDays: 30, today: CivilDate.dayNumber(year: 2025, month: 3, day: 10)) }),
            (.reprice, {
                _ = try $0.reprice(days: CivilDate.dayNumber(year: 2026, month: 1, day: 1)...CivilDate.dayNumber(year: 2026, month: 1, day: 31))
            }),
        ]
        for (operation, body) in removals {
            var scenario = try PowerLossTests.scenario(operation, in: dir + "/\(operation)")
            try PowerLossWalk.prepare(&scenario, in: dir + "/\(operation)")
            cases.append(CleanupCase(
                name: operation.rawValue, template: scenario.template, before: scenario.before.contents!, after: scenario.after.contents!,
                run: body, retry: body))
        }
        return cases
    }

    @Test func failedCleanupsAfterAFaultLeaveNothingListed() throws {
        let dir = try ScratchDirectory(prefix: "tally-faults-cleanup")
        defer { dir.remove() }
        let batch = ColumnBatch()
        var sitesFailed = Set<IOSite>()
        var lines = [String]()
        for c in try Self.cleanupCases(in: dir.path) {
            var runs = 0, thrown = 0, cleanupsFailed = 0
            let path = dir.path + "/trial"
            for op in Self.cleanupPrimaryOperations {
                for skip in 0...Self.maxSkip {
                    try FaultSweep.copy(c.template, to: path)
                    let injector = FaultInjector([FaultInjector.Rule(operation: op, errno: ENOSPC, skip: skip)] + Self.failingCleanups)
                    let context = "\(c.name) \(op) skip \(skip) with failing cleanups"
                    runs += 1
                    let store: Store
                    do {
                        store = try Self.openForFaults(path, fileSystem: FileSystem(faults: injector))
                    } catch {
                        #expect(try StoreContents(storeAt: path, batch: batch) == c.before, "\(context): \(error)")
                        continue
                    }
                    do {
                        try c.run(store)
                    } catch {
                        thrown += 1
                        // The error is the first fault's, or, when that one was absorbed (the
                        // manifest copy's write), the failed call that then stopped the run.
                        let text = "\(error)"
                        #expect(error is StorageError && injector.injected.contains { text.contains($0.path) }
                                && (text.contains(String(cString: strerror(ENOSPC))) || text.contains(String(cString: strerror(EIO)))),
                                "\(context): unclear error \(text)")
                        let seen = try StoreContents(storeAt: path, batch: batch)
                        #expect(seen == c.before || seen == c.after, "\(context): \(seen) after \(error)")
                        injector.disarm()
                        try c.retry(store)
                    }
                    // Failed cleanups count whether the run threw or absorbed its first fault
                    // (the manifest copy's write, whose cleanup removes the copy).
                    let extra = injector.injected.dropFirst()
                    cleanupsFailed += extra.count
                    sitesFailed.formUnion(extra.map(\.site))
                    injector.disarm()
                    try store.close()
                    #expect(try StoreContents(storeAt: path, batch: batch) == c.after, "\(context): after the retry")
                    let damaged = try Self.openForFaults(path, fileSystem: FileSystem(), readOnly: true).snapshot().damagedParts(batch: batch)
                    #expect(damaged.isEmpty, "\(context): \(damaged)")
                    if injector.injected.isEmpty { break }
                }
            }
            lines.append("\(c.name) \(runs) runs / \(thrown) thrown / \(cleanupsFailed) cleanups failed")
        }
        // With the sites the single-fault sweeps fail: the seam coverage of both.
        let all = try SeamCoverageTests.allSites()
        let single = try SeamCoverageTests.harnessSites(in: dir.path + "/coverage").intersection(all)
        let both = single.union(sitesFailed.intersection(all))
        ReliabilityBudget.report("faults with failing cleanups: " + lines.joined(separator: "; ")
                                 + "; \(sitesFailed.intersection(all).subtracting(single).count) more seam sites failed, \(both.count) of \(all.count) with the single-fault sweeps"
                                 + "; not reached: " + all.subtracting(both).sorted().map(\.description).joined(separator: " "))
        #expect(both.count > single.count, "no cleanup site was failed")
    }
}
