import TallyFormat
import TallyStore
import TallyExecution

/// Whether the store's rollups are worth reading for a statement on this snapshot's data.
///
/// A rollup replaces the rows it summarises only when it is much smaller: on data recorded
/// once per agent step (a few rows per run-hour), the hourly rollup holds about a quarter
/// as many cells as rows, and the aggregation engine reading it was 0.3x DuckDB's speed
/// where the operators over resident columns were several times faster. So the statement
/// runs on the rollups only when, on a sample of the parts it reads (one at each sixteenth
/// of their rows), the rollup it would use holds at most a tenth as many cells as rows (the bar
/// issue 22 sets for writing a rollup at all). The sample's rollups are decoded once and
/// kept by their parts' readers, as the engine's own reads keep them.
enum RollupCost {
    /// Cells per row at most for a rollup to pay (the bar for writing one).
    static let maximumCellShare = RollupPolicy.maximumCellShare
    /// Parts sampled (one per sixteenth of the rows).
    static let sampleParts = 16

    /// Decisions already made, by snapshot, projects and rollups: a dashboard asks the same
    /// question many times a second, and sampling costs more than answering it from rollups.
    /// A stale entry (a snapshot's address reused) can only pick the slower of two paths
    /// that give the same answer.
    struct Key: Hashable {
        var snapshot: ObjectIdentifier
        var projects: Set<String>?
        var days: ClosedRange<Int32>?
        var kinds: Set<RollupBatch.Kind>
    }
    private static let decisions = DecisionCache()

    static func pays(_ prepared: SQLPreparedQuery, _ snapshot: Snapshot) -> Bool {
        // A filter on runs no longer sends the statement to the engine by itself: the
        // operators read the same runs' rows through the run index, of resident segments
        // (per_call 1M, one run's detail: engine 0.45-0.7 ms decoding its row groups from
        // the file each time). A rollup that answers the statement (the run rollup, for
        // run costs) is judged below like any other.
        let kinds = prepared.rollupKinds
        if kinds.isEmpty { return false }
        let days = filteredDays(prepared)
        let key = Key(snapshot: ObjectIdentifier(snapshot), projects: prepared.filteredProjects, days: days, kinds: kinds)
        if let known = decisions.get(key) { return known }
        let answer = measure(kinds, prepared.filteredProjects, days, snapshot)
        decisions.set(key, answer)
        return answer
    }

    /// The days the statement's date and time filters leave, as the engine's scan would
    /// prune by them (nil: every day, or none).
    static func filteredDays(_ prepared: SQLPreparedQuery) -> ClosedRange<Int32>? {
        QueryEngine.scannedDays(prepared.mainQueryShape)
    }

    /// Rows of a part inside `days`, estimated from its first and last day (the manifest
    /// alone, no footer read): the weight of the part in the sample.
    static func rowsInside(_ part: PartHandle, _ days: ClosedRange<Int32>?) -> Int {
        let e = part.entry
        guard let days else { return e.rowCount }
        let lo = max(days.lowerBound, e.minDay), hi = min(days.upperBound, e.maxDay)
        guard lo <= hi else { return 0 }
        let span = Int(e.maxDay) - Int(e.minDay) + 1
        return max(1, e.rowCount * (Int(hi) - Int(lo) + 1) / max(1, span))
    }

    static func measure(_ kinds: Set<RollupBatch.Kind>, _ projects: Set<String>?, _ days: ClosedRange<Int32>?, _ snapshot: Snapshot) -> Bool {
        var parts = snapshot.parts
        if let projects { parts = parts.filter { projects.contains($0.entry.projectId) } }
        // The parts the statement reads, each weighted by its rows in the statement's days:
        // a month of one project is judged by that month's parts, not by the project's
        // whole history (per_call 1M, model x tool x step of the large project's last 30
        // days: its parts carry daily rollups, older ones of the project do not; judged
        // by all, the operators ran it in 0.29-0.47 ms, the engine answers in 0.08).
        var weighted = parts.map { ($0, rowsInside($0, days)) }.filter { $0.1 > 0 }
        if weighted.isEmpty { return true }
        // A stratified sample by rows: the parts at every 1/16 of the rows, largest
        // first, each standing for its share of the rows. The largest parts alone said
        // "pays" on a store whose large months carry rollups but whose many small parts
        // (a third of the rows, per-step data at 10M) do not, and the engine then decoded
        // those from their files on every statement.
        weighted.sort { $0.1 > $1.1 }
        parts = weighted.map(\.0)
        let total = weighted.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return true }
        var picks: [Int] = []
        var cumulative = 0, next = 0
        for (i, p) in weighted.enumerated() {
            cumulative += p.1
            while next < sampleParts && cumulative * sampleParts > next * total {
                if picks.last != i { picks.append(i) }
                next += 1
            }
        }
        var share = 0.0, weight = 0.0
        for i in picks {
            let handle = parts[i]
            guard let reader = try? handle.reader() else { return true }
            // The engine reads, per part, the usable rollup with fewer cells.
            var best: Int? = nil
            for kind in kinds {
                if let r = try? reader.rollupBatch(kind) { best = min(best ?? Int.max, r.batch.rowCount) }
            }
            let rows = max(1, handle.entry.rowCount)
            share += Double(best ?? rows) / Double(rows)
            weight += 1
        }
        return share <= maximumCellShare * weight
    }
}

/// A small, bounded map of rollup decisions, shared by threads.
final class DecisionCache: @unchecked Sendable {
    private let lock = NSLockLike()
    private var entries: [RollupCost.Key: Bool] = [:]
    func get(_ key: RollupCost.Key) -> Bool? { lock.locked { entries[key] } }
    func set(_ key: RollupCost.Key, _ value: Bool) {
        lock.locked {
            if entries.count >= 4096 { entries.removeAll() }
            entries[key] = value
        }
    }
}
