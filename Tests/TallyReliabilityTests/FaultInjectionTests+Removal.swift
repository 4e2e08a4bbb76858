import Foundation
import Testing
import Tally
import TallyTestSupport

/// The store operations the first sweeps left out, under injected faults: the first
/// import into a new folder (which creates the store), a deletion, a
/// retention run, a re-pricing, a manifest repair (from the copy, and from the part
/// files) and the quarantine of a damaged part (`Store.repair`), each run as one process would (open, operate, close; the scenarios of
/// `PowerLossTests`). Each fault must throw a typed error naming the path it hit, leave
/// the store exactly as before (or as after, when it struck past the manifest's
/// rename), and the operation rerun without faults must give exactly the state after it.
extension FaultInjectionTests {
    /// The operations swept here.
    static let removalOperations: [PowerLossTests.Operation] = [
        .importCreatingStore, .deletion, .retention, .reprice, .repairFromCopy, .repairFromParts, .quarantine,
    ]

    @Test(arguments: removalOperations)
    func storeOperationFaultsLeaveBeforeOrAfter(_ operation: PowerLossTests.Operation) throws {
        let dir = try ScratchDirectory(prefix: "tally-faults-operation")
        defer { dir.remove() }
        var scenario = try PowerLossTests.scenario(operation, in: dir.path)
        try PowerLossWalk.prepare(&scenario, in: dir.path)
        let root = dir.path + "/trial"
        let path = root + scenario.store
        var ambiguous = 0
        let figures = FaultSweep.run { injector, rule, context in
            try FaultSweep.copy(scenario.template, to: root)
            do {
                try scenario.run(path, FileSystem(faults: injector))
            } catch {
                FaultSweep.expectClear(error, injector: injector, errno: rule.errno, expected: [StorageError.self, ImportError.self], context: context)
                let seen = try PowerLossWalk.observe(path, marks: scenario.marks)
                if seen == scenario.after {
                    // Only a failure after MANIFEST was renamed (the folder's fsync, or
                    // the cleanup after it) may leave the change in: durable, not acknowledged.
                    ambiguous += 1
                } else {
                    #expect(seen == scenario.before || scenario.alsoBefore.contains(seen), "\(context): the store holds \(seen) after \(error)")
                }
                try scenario.retry(path, seen == scenario.after)
                let final = try PowerLossWalk.observe(path, marks: scenario.marks)
                #expect(final == scenario.after, "\(context): after the retry the store holds \(final)")
                var options = StoreOptions()
                options.readOnly = true
                let damage = try Store.open(at: path, options: options).verify()
                #expect(damage.isEmpty, "\(context): \(damage)")
                return true
            }
            #expect(try PowerLossWalk.observe(path, marks: scenario.marks) == scenario.after, "\(context): a clean run")
            return false
        }
        #expect(figures.faultsThrown > 0)
        ReliabilityBudget.report("faults \(operation.rawValue): \(figures), \(ambiguous) thrown after the manifest rename")
    }
}
