import Foundation
import Testing
import Tally
import TallyTestSupport

/// Cuts the power at every seam call of one run of an operation, as SQLite's crash tests
/// do: the operation runs once through a `FileSystem` with a `FileSystemJournal`; for
/// each cut point `n` (0 ... the calls it made), a `DurabilityModel` replays the events
/// of the first `n` calls over the store's state before the run and gives what a power
/// cut there leaves, which is written out and checked:
/// - the store opens, and holds exactly the state before or after the operation (after,
///   when the cut follows its last call: it had returned success, so it was
///   acknowledged), never a mix;
/// - it verifies clean (`Store.verify`: every block of every part decodes);
/// - completing the operation (`retry`) gives exactly the state after it.
/// Cuts whose surviving files are identical to an earlier cut's are checked once.
enum PowerLossWalk {
    /// Figures of one scenario's walk.
    struct Figures: CustomStringConvertible {
        var cutPoints = 0, events = 0, statesChecked = 0, partialStatesChecked = 0
        var sawBefore = 0, sawAfter = 0, failures = 0
        var description: String {
            "\(cutPoints) cut points (\(events) journalled changes); \(statesChecked) distinct states with unsynced changes dropped"
                + " and \(partialStatesChecked) more with them partly kept, each checked: \(sawBefore) before, \(sawAfter) after, \(failures) lost or partial"
        }
    }

    /// Partial-mode samples (seeds) per cut point that changed a file or folder: 2 in CI,
    /// 16 with `TALLY_LONG_TESTS=1`, or `TALLY_POWER_LOSS_SAMPLES`.
    static let partialSamples = Int(ProcessInfo.processInfo.environment["TALLY_POWER_LOSS_SAMPLES"] ?? "")
        ?? (ReliabilityBudget.isLong ? 16 : 2)

    /// The state of the closed store at `path`, opened read-only as the next process
    /// would after the power came back.
    static func observe(_ path: String, marks: (Store) throws -> [String]) throws -> PowerLossState {
        var options = StoreOptions()
        options.readOnly = true
        options.createIfMissing = false
        let store: Store
        do {
            store = try Store.open(at: path, options: options)
        } catch StorageError.manifestDamaged {
            return PowerLossState(contents: nil, marks: ["manifest damaged"])
        } catch StorageError.notAStore {
            return PowerLossState(contents: nil, marks: ["no store"])
        }
        do {
            return PowerLossState(contents: try StoreContents(store.snapshot()), marks: try marks(store))
        } catch StorageError.corrupt {
            return PowerLossState(contents: nil, marks: ["a damaged part"])
        }
    }

    /// Fills in the states before and after by running the operation once, untraced.
    static func prepare(_ scenario: inout PowerLossScenario, in dir: String) throws {
        let reference = dir + "/reference"
        try FaultSweep.copy(scenario.template, to: reference)
        scenario.before = try observe(reference + scenario.store, marks: scenario.marks)
        try scenario.run(reference + scenario.store, FileSystem())
        scenario.after = try observe(reference + scenario.store, marks: scenario.marks)
        #expect(scenario.before != scenario.after || scenario.name == "compaction", "\(scenario.name): the operation changes nothing")
    }

    /// Walks every cut point of `scenario`, with scratch folders in `dir`.
    static func walk(_ scenario: PowerLossScenario, in dir: String) throws -> Figures {
        var scenario = scenario
        try prepare(&scenario, in: dir)
        let runPath = dir + "/run"
        try FaultSweep.copy(scenario.template, to: runPath)
        let journal = FileSystemJournal()
        try scenario.run(runPath + scenario.store, FileSystem(journal: journal))
        let entries = journal.entries
        let model = try DurabilityModel(root: runPath, contentsOf: scenario.template)
        var figures = Figures()
        figures.events = entries.count
        var checked = Set<[String: [UInt8]?]>(), dropped = Set<[String: [UInt8]?]>()
        var next = 0
        for cut in 0...journal.calls {
            figures.cutPoints += 1
            var changed = cut == 0
            while next < entries.count && entries[next].call < cut {
                model.apply(entries[next].event)
                if case .close = entries[next].event {} else { changed = true }
                next += 1
            }
            let acknowledged = cut == journal.calls
            let last = next > 0 ? "\(entries[next - 1].event)".prefix(160) : "nothing"
            let lost = model.survivors(.dropUnsynced)
            if dropped.insert(lost).inserted { figures.statesChecked += 1 }
            if checked.insert(lost).inserted {
                check(scenario, lost, acknowledged: acknowledged, context: "\(scenario.name) cut \(cut) (dropped; after \(last))",
                      in: dir, figures: &figures)
            }
            guard changed || acknowledged else { continue }
            for sample in 0..<partialSamples {
                let seed = UInt64(cut) << 16 | UInt64(sample)
                let partial = model.survivors(.partial(seed: seed))
                guard checked.insert(partial).inserted else { continue }
                if !dropped.contains(partial) { figures.partialStatesChecked += 1 }
                check(scenario, partial, acknowledged: acknowledged,
                      context: "\(scenario.name) cut \(cut) (partial, seed \(seed); after \(last))", in: dir, figures: &figures)
            }
        }
        #expect(model.problems.isEmpty, "\(scenario.name): calls the model could not follow (a seam bypass?): \(model.problems.prefix(5))")
        return figures
    }

    /// Writes one crash state out and checks it.
    private static func check(_ scenario: PowerLossScenario, _ survivors: [String: [UInt8]?], acknowledged: Bool, context: String,
                              in dir: String, figures: inout Figures) {
        let path = dir + "/crash"
        var failed = false
        func fail(_ text: String) {
            Issue.record(Comment(rawValue: text))
            failed = true
        }
        do {
            try DurabilityModel.materialize(survivors, at: path)
            let store = path + scenario.store
            let seen = try observe(store, marks: scenario.marks)
            if seen == scenario.after {
                figures.sawAfter += 1
            } else if (seen == scenario.before || scenario.alsoBefore.contains(seen)) && !acknowledged {
                figures.sawBefore += 1
            } else {
                fail("\(context): the store holds \(seen); expected \(acknowledged ? "" : "\(scenario.before) or ")\(scenario.after)")
            }
            // A store that holds a part damaged on purpose verifies clean only once repaired.
            if seen.contents != nil && !(scenario.damagedBefore && seen != scenario.after) {
                var options = StoreOptions()
                options.readOnly = true
                let damage = try Store.open(at: store, options: options).verify()
                if !damage.isEmpty { fail("\(context): verify: \(damage)") }
            }
            try scenario.retry(store, seen == scenario.after)
            let final = try observe(store, marks: scenario.marks)
            if final != scenario.after { fail("\(context): after the retry the store holds \(final); expected \(scenario.after)") }
        } catch {
            fail("\(context): \(error)")
        }
        if failed { figures.failures += 1 }
    }
}
