import Foundation
import Testing
import Tally
import TallyTestSupport

/// The kill harness for removals: `tally delete` and `tally retention` SIGKILLed at
/// seeded random moments. After every kill the store must open, decode clean, and equal
/// exactly the state before the removal or exactly the state after it (rows and exact
/// cost per project, and the count of rows the removal targets), never a mix. Each round
/// reruns the command until one run completes; then the store must equal the reference
/// and hold no part file its manifest does not list (the completed run collected what
/// killed runs left), so no file under `data/` holds a removed row.
///
/// CI budget about 15 s per harness (and at most 30 kills); `TALLY_LONG_TESTS=1` runs
/// each for 5 minutes.
extension KillHarnessTests {
    /// What a removal harness compares.
    struct RemovalState: Equatable, CustomStringConvertible {
        var contents: StoreContents
        /// Rows the removal targets that are still there.
        var targeted: Int

        var description: String { "\(contents), \(targeted) targeted rows" }

        /// Scans the cost, ts and user_id columns of every part (every tenth check
        /// verifies all blocks): decoding whole records costs a dozen dictionary reads per
        /// part, too slow after every kill of a store of hundreds of parts in debug builds.
        init(_ snapshot: Snapshot, batch: ColumnBatch, targeted isTargeted: (_ userId: String?, _ day: Int32) -> Bool) throws {
            contents = StoreContents()
            targeted = 0
            for part in snapshot.parts {
                let reader = try part.reader()
                let users = try reader.dictionary(.userId)
                let project = reader.footer.projectId
                var rows = 0
                var cost: Int128 = 0
                try reader.scan(columns: [.cost, .ts, .userId], rows: 0..<reader.footer.rowCount, batch: batch) { b, range in
                    let codes = b.codes[Int(Column.userId.rawValue)]
                    for i in range {
                        rows += 1
                        cost += Int128(b.cost[i])
                        let code = Int(codes[i])
                        if isTargeted(code == 0 ? nil : users[code - 1], CivilDate.dayNumber(forMilliseconds: b.ts[i])) { targeted += 1 }
                    }
                }
                contents.rows[project, default: 0] += rows
                contents.cost[project, default: 0] += cost
            }
        }
    }

    /// 40 flushes of 50 rows over 4 projects and 90 days from 2025-01-01 (about 480 small
    /// parts), a third of the rows belonging to user `forget-me`.
    static func removalTemplate(at path: String) throws {
        var options = StoreOptions()
        options.compactionThreshold = 0
        let store = try Store.open(at: path, options: options)
        for i in 0..<40 {
            let records = ReliabilityRecords.make(count: 50, seed: 80_000 + UInt64(i), prefix: "rm", projects: 4, days: 90)
                .enumerated().map { j, r in
                    var r = r
                    if (i + j) % 3 == 0 { r.userId = "forget-me" }
                    return r
                }
            try store.append(contentsOf: records)
            try store.flush()
        }
        try store.close()
    }

    func killRemovals(
        name: String, seed: UInt64, command: (String) -> [String], targeted: @escaping (_ userId: String?, _ day: Int32) -> Bool
    ) throws {
        let dir = try ScratchDirectory(prefix: "tally-kill-" + name)
        defer { dir.remove() }
        let template = dir.path + "/template"
        try Self.removalTemplate(at: template)
        let batch = ColumnBatch()
        let before = try RemovalState(Self.readOnly(template).snapshot(), batch: batch, targeted: targeted)
        let parts = try Self.readOnly(template).snapshot().parts.count
        let reference = dir.path + "/reference"
        try FileManager.default.copyItem(atPath: template, toPath: reference)
        let clock = Stopwatch()
        let run = try TallyProcess.run(command(reference))
        var fullRun = clock.seconds
        try #require(run.status == 0, "\(run.stderr)")
        let after = try RemovalState(Self.readOnly(reference).snapshot(), batch: batch, targeted: targeted)
        try #require(after.targeted == 0 && before.targeted > 0 && after.contents.totalRows == before.contents.totalRows - before.targeted)

        var g = SeededGenerator(seed: seed)
        let budget = ReliabilityBudget.seconds(ci: 15, long: 300)
        let maxKills = ReliabilityBudget.isLong ? Int.max : 30
        var kills = 0, killedAfterCommit = 0, rounds = 0, checks = 0, mixed = 0, sawBefore = 0, sawAfter = 0, maxDebris = 0, leftAfterCompletion = 0
        let harness = Stopwatch()
        while harness.seconds < budget && kills < maxKills {
            rounds += 1
            let path = dir.path + "/round\(rounds)"
            try FileManager.default.copyItem(atPath: template, toPath: path)
            var attempts = 0
            var startedBefore = true
            while true {
                attempts += 1
                let p = try Self.start(command(path))
                // A removal does not resume where a killed one stopped (it starts over), so
                // half the kills aim anywhere in a run and half around its commit, at the end.
                let aim = Bool.random(using: &g) ? Double.random(in: 0...1.1, using: &g) : Double.random(in: 0.8...1.2, using: &g)
                let delay = fullRun * aim * (attempts > 20 ? 2 : 1)
                let started = Stopwatch()
                let (completed, killed) = Self.killAfter(p, delay: delay)
                // Aim by the latest completed run that had the whole removal to do (the
                // machine's load changes during the suite).
                if completed && startedBefore { fullRun = started.seconds }
                if killed { kills += 1 }
                #expect(attempts < 40, "\(name) makes no progress between kills")
                let s = try Self.readOnly(path)
                checks += 1
                // Reading the state decodes every block of every part (checksums included);
                // the full `verify()` (dictionaries and sections too) runs every tenth check.
                if checks % 10 == 0 {
                    let damage = s.verify().map(\.description)
                    #expect(damage.isEmpty, "round \(rounds) attempt \(attempts): \(damage)")
                }
                let seen = try RemovalState(s.snapshot(), batch: batch, targeted: targeted)
                if seen == before { sawBefore += 1 } else if seen == after { sawAfter += 1 } else { mixed += 1 }
                startedBefore = seen == before
                if killed && seen == after { killedAfterCommit += 1 }
                #expect(seen == before || seen == after, "round \(rounds) attempt \(attempts): \(seen); before \(before), after \(after)")
                maxDebris = max(maxDebris, Self.unlistedFiles(in: path, snapshot: s.snapshot()))
                if completed {
                    #expect(seen == after)
                    // The completed run collected every file killed runs left: with no unlisted
                    // file and no targeted row in a live part, no part file holds a removed row.
                    let left = Self.unlistedFiles(in: path, snapshot: s.snapshot())
                    leftAfterCompletion += left
                    #expect(left == 0, "round \(rounds): \(left) unlisted files after a completed \(name)")
                    break
                }
                if harness.seconds > budget * 1.5 { break }
            }
            try? FileManager.default.removeItem(atPath: path)
        }
        #expect(kills > 0)
        #expect(mixed == 0)
        ReliabilityBudget.report("kill \(name): \(kills) SIGKILLs of `tally \(name)` (\(parts) parts, \(before.targeted) of \(before.contents.totalRows) rows targeted, full run \(String(format: "%.2f", fullRun)) s) in \(rounds) rounds, \(checks) stores checked: \(sawBefore) before, \(sawAfter) after (\(killedAfterCommit) killed after the commit), \(mixed) mixed; most unlisted part files left by a kill: \(maxDebris), after a completed run: \(leftAfterCompletion); \(String(format: "%.0f", harness.seconds)) s")
    }

    @Test func killedDeletionsAreAllOrNothing() throws {
        try killRemovals(
            name: "delete", seed: 0xDE1E,
            command: { ["delete", "--store", $0, "--user", "forget-me"] },
            targeted: { user, _ in user == "forget-me" })
    }

    @Test func killedRetentionRunsAreAllOrNothing() throws {
        // Data from 2025-01-01 to 2025-03-31; keep from 2025-02-13: January parts are
        // dropped, February parts rewritten, March parts untouched.
        let cutoff = CivilDate.dayNumber(year: 2025, month: 2, day: 13)
        try killRemovals(
            name: "retention", seed: 0x2E7E,
            command: { ["retention", "--store", $0, "--keep-days", "30", "--today", "2025-03-15"] },
            targeted: { _, day in day < cutoff })
    }
}
