import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyIngest
/// A deterministic, streaming generator of realistic usage history for demos,
/// benchmarks and size measurements.
///
/// The data imitates what a team of AI-coding-agent users produces: a few hundred
/// projects of very unequal size (Zipf-like, the largest with about a fifth of all
/// rows), activity that grows over two years with weekly and daily rhythms, and
/// workflow runs of 1-10 steps whose LLM calls yield one row per token class, plus
/// sandbox seconds, background job seconds and occasional database bytes. Nothing is
/// shaped to flatter compression: ids are random, quantities are log-normal, runs
/// from different projects interleave in time.
///
/// Guarantees:
/// - exactly `rows` records, in nondecreasing `ts` order;
/// - the same arguments give the same records on every machine (the generator has its
///   own PRNG and uses no platform math or Foundation dates);
/// - memory does not grow with `rows`: records are produced in batches and only the
///   runs in flight are kept (a few dozen at the busiest hour of 100 million rows).
///
/// Timestamps fall on the `days` days from `startDay`; the runs still going when the
/// last row is produced are cut off there, and the final day's last runs may end a
/// little after its midnight. `costNanos` is `nil` (to be priced from the rate card)
/// except for the rows of runs whose runtime reports its own cost (about 3% of rows),
/// which carry that cost with `costSource == .given`.
package struct DemoDataGenerator: Sendable {
    /// 2024-11-22, the default first day of generated history.
    package static let defaultStartDay: Int32 = CivilDate.dayNumber(year: 2024, month: 11, day: 22)

    /// The most rows a single event emits; batches leave this much room before generating directly into them.
    static let maxRowsPerEvent = 6

    /// The number of records the generator produces in total.
    package let rows: Int
    /// The seed the data derives from.
    package let seed: UInt64
    /// The first day of history (days since 1970-01-01).
    package let startDay: Int32
    /// The number of days of history.
    package let days: Int
    /// How many records have been produced so far.
    package private(set) var produced = 0

    /// How many records are still to come.
    package var remaining: Int { rows - produced }

    /// The generated project ids, in the order the projects start being active.
    package var projectIds: [String] { projects.map(\.id) }

    var rng: DemoRandom
    var projects: [DemoProject]
    /// Cumulative run weights of `projects`; the first `activeProjects` are active today.
    let projectCumulative: [Double]
    var activeProjects = 0
    /// Cumulative activity weights of the days; the last element is the total.
    let dayCumulative: [Double]
    /// Cumulative share of a day's activity before each UTC hour (25 entries, 0 through 1).
    let hourCumulative: [Double]
    /// Model indices per family, oldest release first.
    let familyVersions: [[Int]]
    let models: [DemoModel]

    // Arrival process: runs start as a Poisson process whose daily rate follows the day weights.
    var dayOffset = 0
    var dayPosition = 0.0
    var arrivalRate = 0.0
    var nextArrivalTs: Int64 = 0

    // Runs in flight, in reusable slots, and their next events.
    var runs: [DemoRun] = []
    var freeSlots: [Int32] = []
    var queue = DemoEventQueue()
    var runSequence: UInt64 = 0
    var generatedRows = 0
    var finishedRuns = 0
    var finishedRunRows = 0
    /// The largest number of runs in flight so far (what the generator's memory depends on).
    var peakActiveRuns = 0

    // Rows of an event that did not fit in the caller's batch.
    var pending: [UsageRecord] = []
    var pendingIndex = 0

    /// Creates a generator of `rows` records derived from `seed`.
    ///
    /// - Parameters:
    ///   - rows: how many records to produce (zero or more).
    ///   - seed: any value; equal seeds (with equal other arguments) give equal records.
    ///   - projects: how many projects exist (at least 1).
    ///   - startDay: the first day of history, as a `CivilDate` day number.
    ///   - days: the length of history in days (at least 1).
    package init(
        rows: Int, seed: UInt64, projects: Int = 200,
        startDay: Int32 = DemoDataGenerator.defaultStartDay, days: Int = 730
    ) {
        precondition(rows >= 0, "DemoDataGenerator: rows must be zero or more, got \(rows)")
        precondition(projects >= 1, "DemoDataGenerator: need at least one project, got \(projects)")
        precondition(days >= 1, "DemoDataGenerator: need at least one day of history, got \(days)")
        self.rows = rows
        self.seed = seed
        self.startDay = startDay
        self.days = days

        var rng = DemoRandom(seed: seed)
        let profiles = DemoProject.makeAll(count: projects, days: days, rng: &rng)
        var cumulative: [Double] = []
        var total = 0.0
        for p in profiles {
            total += p.weight
            cumulative.append(total)
        }
        self.projects = profiles
        self.projectCumulative = cumulative
        self.dayCumulative = Self.dayWeights(startDay: startDay, days: days, rng: &rng)

        var hours: [Double] = [0]
        let hourTotal = DemoCatalog.hourWeights.reduce(0, +)
        for w in DemoCatalog.hourWeights { hours.append(hours[hours.count - 1] + w / hourTotal) }
        hours[24] = 1
        self.hourCumulative = hours

        self.models = DemoCatalog.models
        var versions = [[Int]](repeating: [], count: 7)
        for (i, m) in DemoCatalog.models.enumerated() { versions[m.family].append(i) }
        self.familyVersions = versions.map { $0.sorted { DemoCatalog.models[$0].release < DemoCatalog.models[$1].release } }
        self.rng = rng

        updateActiveProjects()
        updateArrivalRate()
        scheduleNextArrival()
    }

    /// Appends up to `maxCount` further records to `records` and returns how many it appended
    /// (fewer only when the generator is exhausted; 0 then).
    package mutating func nextBatch(into records: inout [UsageRecord], maxCount: Int) -> Int {
        let limit = Swift.min(maxCount, rows - produced)
        guard limit > 0 else { return 0 }
        var appended = 0
        while appended < limit {
            if pendingIndex < pending.count {
                let n = Swift.min(pending.count - pendingIndex, limit - appended)
                records.append(contentsOf: pending[pendingIndex..<(pendingIndex + n)])
                pendingIndex += n
                appended += n
            } else if limit - appended >= Self.maxRowsPerEvent {
                appended += advance(into: &records)
            } else {
                // Near the end of the batch an event may not fit: buffer it, hand out what fits.
                var buffer: [UsageRecord] = []
                swap(&buffer, &pending)
                buffer.removeAll(keepingCapacity: true)
                pendingIndex = 0
                while buffer.isEmpty { _ = advance(into: &buffer) }
                swap(&buffer, &pending)
            }
        }
        produced += appended
        return appended
    }

    /// Processes the earliest pending event (a run's next rows, or the start of a new run)
    /// and returns the number of records it appended.
    mutating func advance(into out: inout [UsageRecord]) -> Int {
        guard let first = queue.first, first.ts <= nextArrivalTs else {
            startRun(at: nextArrivalTs)
            scheduleNextArrival()
            return 0
        }
        let slot = Int(first.slot)
        let before = out.count
        // Work on the run in place: move the slot array out of `self` (a pointer swap)
        // so that the run and the generator can both be mutated without copying the run.
        var slots: [DemoRun] = []
        swap(&slots, &runs)
        let continues = emitEvent(of: &slots[slot], into: &out)
        let emitted = out.count - before
        slots[slot].rowsEmitted += emitted
        generatedRows += emitted
        if continues {
            queue.replaceFirst(with: .init(ts: slots[slot].nextTs, sequence: first.sequence, slot: first.slot))
        } else {
            _ = queue.popFirst()
            finishedRuns += 1
            finishedRunRows += slots[slot].rowsEmitted
            slots[slot] = DemoRun()
            freeSlots.append(first.slot)
        }
        swap(&slots, &runs)
        return emitted
    }

    /// Takes a slot for a new run.
    mutating func allocateSlot(_ run: DemoRun) -> Int32 {
        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
            runs[Int(free)] = run
        } else {
            slot = Int32(runs.count)
            runs.append(run)
        }
        runSequence += 1
        queue.push(.init(ts: run.nextTs, sequence: runSequence, slot: slot))
        peakActiveRuns = Swift.max(peakActiveRuns, queue.count)
        return slot
    }
}
