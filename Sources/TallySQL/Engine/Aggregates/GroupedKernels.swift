import CTallyKernels

/// The loops that add one chunk's rows into per-group accumulators: count, exact sums of
/// Int64s and sums of doubles.
///
/// Two loops each, chosen per chunk by how the rows' groups run (`GroupRunShape`):
/// - **runs**: consecutive rows of one group add into registers and store once per run.
///   Fast when runs are long (rows sorted or clustered by the key); every change of group
///   is a branch the CPU mispredicts when runs are short.
/// - **scatter**: every row adds straight into its group's slot, with no branch. Fast when
///   groups change often (a key the rows are not ordered by); when consecutive rows share a
///   group, each add waits on the previous row's store, which the runs loop avoids.
///
/// A row whose group is negative (outside a FILTER) adds nothing: the scatter loop sends it
/// to a slot of its own rather than branching on it. Measured in session 14 on per_step
/// 10M rows (`GROUP BY service` with count and sum, runs of about two rows): the runs loop
/// alone took 28.8 ms, the loops chosen per chunk 16.5 ms (BENCHMARKS.md, "Session 14").
enum GroupedKernels {
    /// count: `counts[g] += 1` per row of group `g >= 0` that is present (`present` nil:
    /// every row is).
    static func count(_ g: UnsafeBufferPointer<Int32>, present: UnsafeBufferPointer<Bool>?,
                      into counts: UnsafeMutablePointer<Int64>, _ n: Int, _ shape: GroupRunShape) {
        if shape.longRuns {
            countRuns(g, present: present, into: counts, n, skips: shape.hasSkips)
            return
        }
        if let lanes = shape.laneGroups {
            // Four lanes of counts (row i into lane i % 4), so consecutive rows of one
            // group add into different slots; slot `lanes - 1` takes the rows of no group.
            let scratch = UnsafeMutablePointer<Int64>.allocate(capacity: 4 * lanes)
            scratch.initialize(repeating: 0, count: 4 * lanes)
            defer { scratch.deallocate() }
            let none = Int32(lanes - 1)
            var i = 0
            while i + 4 <= n {
                for lane in 0..<4 {
                    let gi = g[i + lane]
                    let k = lane * lanes + Int(gi >= 0 ? gi : none)
                    scratch[k] &+= (present?[i + lane] ?? true) ? 1 : 0
                }
                i += 4
            }
            while i < n {
                let gi = g[i]
                scratch[Int(gi >= 0 ? gi : none)] &+= (present?[i] ?? true) ? 1 : 0
                i += 1
            }
            for k in 0..<(lanes - 1) {
                counts[k] &+= scratch[k] &+ scratch[lanes + k] &+ scratch[2 * lanes + k] &+ scratch[3 * lanes + k]
            }
            return
        }
        var trash: Int64 = 0
        withUnsafeMutablePointer(to: &trash) { t in
            switch (shape.hasSkips, present) {
            case (false, nil):
                for i in 0..<n { counts[Int(g[i])] &+= 1 }
            case (false, let p?):
                for i in 0..<n { counts[Int(g[i])] &+= p[i] ? 1 : 0 }
            case (true, nil):
                for i in 0..<n { slot(counts, g[i], t).pointee &+= 1 }
            case (true, let p?):
                for i in 0..<n { slot(counts, g[i], t).pointee &+= p[i] ? 1 : 0 }
            }
        }
    }

    /// Exact sums: `sums[g] += x`, `counts[g] += 1` per present row of group `g >= 0`.
    /// Int128 sums of Int64s cannot overflow below 2^63 rows; Int64 sums are passed only
    /// when the caller has bounded every sum below 2^63 (`SumExactState`'s bound).
    static func sumInt64<S: ExactSum>(_ g: UnsafeBufferPointer<Int32>, _ x: UnsafeBufferPointer<Int64>, present: UnsafeBufferPointer<Bool>?,
                                      sums: UnsafeMutablePointer<S>, counts: UnsafeMutablePointer<Int64>, _ n: Int, _ shape: GroupRunShape) {
        // When no sum of the chunk's rows can leave Int64 (n times the largest magnitude
        // fits), the runs and lanes loops add Int64s, which vectorise, and widen once per
        // run or group; else they add Int128s (an add with carry per row).
        let narrow = S.bitWidth == 64 || ((shape.longRuns || shape.laneGroups != nil) && fitsInt64(x, n))
        if shape.longRuns {
            if narrow, !shape.hasSkips, present == nil {
                sumInt64RunsNarrow(g, x, sums: sums, counts: counts, n)
            } else {
                sumInt64Runs(g, x, present: present, sums: sums, counts: counts, n, skips: shape.hasSkips)
            }
            return
        }
        if let lanes = shape.laneGroups {
            if narrow {
                // Int64 sums per group for the chunk, then one widening add per group.
                let partial = UnsafeMutablePointer<Int64>.allocate(capacity: lanes)
                partial.initialize(repeating: 0, count: lanes)
                defer { partial.deallocate() }
                sumLanes(g, x, present: present, sums: partial, counts: counts, n, lanes: lanes, zero: 0) { $0 }
                for k in 0..<(lanes - 1) { sums[k] &+= S(truncatingIfNeeded: partial[k]) }
            } else {
                sumLanes(g, x, present: present, sums: sums, counts: counts, n, lanes: lanes, zero: 0) { S(truncatingIfNeeded: $0) }
            }
            return
        }
        var trashSum: S = 0, trashCount: Int64 = 0
        withUnsafeMutablePointer(to: &trashSum) { ts in
            withUnsafeMutablePointer(to: &trashCount) { tc in
                switch (shape.hasSkips, present) {
                case (false, nil):
                    for i in 0..<n {
                        let k = Int(g[i])
                        sums[k] &+= S(truncatingIfNeeded: x[i])
                        counts[k] &+= 1
                    }
                case (false, let p?):
                    for i in 0..<n {
                        let k = Int(g[i]), take = p[i]
                        sums[k] &+= take ? S(truncatingIfNeeded: x[i]) : 0
                        counts[k] &+= take ? 1 : 0
                    }
                default:
                    for i in 0..<n {
                        let take = present?[i] ?? true
                        slot(sums, g[i], ts).pointee &+= take ? S(truncatingIfNeeded: x[i]) : 0
                        slot(counts, g[i], tc).pointee &+= take ? 1 : 0
                    }
                }
            }
        }
    }

    /// Sums of doubles: `sums[g] += x`, `counts[g] += 1` per present row of group `g >= 0`.
    static func sumDouble(_ g: UnsafeBufferPointer<Int32>, _ x: UnsafeBufferPointer<Double>, present: UnsafeBufferPointer<Bool>?,
                          sums: UnsafeMutablePointer<Double>, counts: UnsafeMutablePointer<Int64>, _ n: Int, _ shape: GroupRunShape) {
        if shape.longRuns {
            sumDoubleRuns(g, x, present: present, sums: sums, counts: counts, n)
            return
        }
        if let lanes = shape.laneGroups {
            // -0.0 is the exact identity of IEEE addition; each lane adds its rows in row order.
            sumLanes(g, x, present: present, sums: sums, counts: counts, n, lanes: lanes, zero: -0.0) { $0 }
            return
        }
        var trashSum = 0.0, trashCount: Int64 = 0
        withUnsafeMutablePointer(to: &trashSum) { ts in
            withUnsafeMutablePointer(to: &trashCount) { tc in
                if !shape.hasSkips, present == nil {
                    for i in 0..<n {
                        let k = Int(g[i])
                        sums[k] += x[i]
                        counts[k] &+= 1
                    }
                    return
                }
                for i in 0..<n {
                    let take = present?[i] ?? true
                    // -0.0 is the exact identity of IEEE addition.
                    slot(sums, g[i], ts).pointee += take ? x[i] : -0.0
                    slot(counts, g[i], tc).pointee &+= take ? 1 : 0
                }
            }
        }
    }

    /// The four-lane loop of the sums (see `count`): `widen` makes a row's value a sum,
    /// `zero` is what a row that does not count adds.
    @inline(__always)
    static func sumLanes<Value, Sum: LaneSum>(
        _ g: UnsafeBufferPointer<Int32>, _ x: UnsafeBufferPointer<Value>, present: UnsafeBufferPointer<Bool>?,
        sums: UnsafeMutablePointer<Sum>, counts: UnsafeMutablePointer<Int64>, _ n: Int, lanes: Int, zero: Sum,
        widen: (Value) -> Sum
    ) {
        let laneSums = UnsafeMutablePointer<Sum>.allocate(capacity: 4 * lanes)
        let laneCounts = UnsafeMutablePointer<Int64>.allocate(capacity: 4 * lanes)
        laneSums.initialize(repeating: zero, count: 4 * lanes)
        laneCounts.initialize(repeating: 0, count: 4 * lanes)
        defer { laneSums.deallocate(); laneCounts.deallocate() }
        let none = Int32(lanes - 1)
        var i = 0
        while i + 4 <= n {
            for lane in 0..<4 {
                let gi = g[i + lane], take = present?[i + lane] ?? true
                let k = lane * lanes + Int(gi >= 0 ? gi : none)
                laneSums[k] = Sum.adding(laneSums[k], take ? widen(x[i + lane]) : zero)
                laneCounts[k] &+= take ? 1 : 0
            }
            i += 4
        }
        while i < n {
            let gi = g[i], take = present?[i] ?? true
            let k = Int(gi >= 0 ? gi : none)
            laneSums[k] = Sum.adding(laneSums[k], take ? widen(x[i]) : zero)
            laneCounts[k] &+= take ? 1 : 0
            i += 1
        }
        for k in 0..<(lanes - 1) {
            let pairs = Sum.adding(Sum.adding(laneSums[k], laneSums[lanes + k]), Sum.adding(laneSums[2 * lanes + k], laneSums[3 * lanes + k]))
            sums[k] = Sum.adding(sums[k], pairs)
            counts[k] &+= laneCounts[k] &+ laneCounts[lanes + k] &+ laneCounts[2 * lanes + k] &+ laneCounts[3 * lanes + k]
        }
    }

    /// The accumulator of group `g`, or `trash` for a row outside every group: a select,
    /// not a branch.
    @inline(__always)
    static func slot<T>(_ base: UnsafeMutablePointer<T>, _ g: Int32, _ trash: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
        g >= 0 ? base + Int(g) : trash
    }

    // MARK: The runs loops

    static func countRuns(_ g: UnsafeBufferPointer<Int32>, present: UnsafeBufferPointer<Bool>?,
                          into c: UnsafeMutablePointer<Int64>, _ n: Int, skips: Bool = true) {
        if !skips, present == nil {
            // Each run adds its length: one well-predicted branch per row.
            let base = g.baseAddress!
            var start = 0
            while start < n {
                let end = tally_int32_run_end(base, start, n)
                c[Int(g[start])] &+= Int64(end - start)
                start = end
            }
            return
        }
        var current: Int32 = -1
        var added: Int64 = 0
        for i in 0..<n {
            // A row outside every group (FILTER) stays in the current run. In bits, not
            // selects: the compiler made a branch of `gi >= 0 ? gi : current`, and a
            // FILTER keeps rows as often as not (a third of `count(*) FILTER (WHERE
            // duration_ms > 1000) ... GROUP BY project_id`, per_step 10M, mispredicted).
            let gi = g[i]
            let outside = gi >> 31  // all ones for a row of no group
            let owner = (gi & ~outside) | (current & outside)
            if owner != current {
                if current >= 0 { c[Int(current)] &+= added }
                current = owner
                added = 0
            }
            let taken = Int64(1 &+ outside) & Int64(present.map { $0[i] ? 1 : 0 } ?? 1)
            added &+= taken
        }
        if current >= 0 { c[Int(current)] &+= added }
    }

    static func sumInt64Runs<S: ExactSum>(_ gs: UnsafeBufferPointer<Int32>, _ x: UnsafeBufferPointer<Int64>, present: UnsafeBufferPointer<Bool>?,
                                          sums s: UnsafeMutablePointer<S>, counts c: UnsafeMutablePointer<Int64>, _ n: Int, skips: Bool = true) {
        if !skips, present == nil {
            // Run by run, with two partial sums so each add does not wait on the last.
            var start = 0
            while start < n {
                let owner = gs[start]
                let end = tally_int32_run_end(gs.baseAddress!, start, n)
                var p0: S = 0, p1: S = 0
                var k = start
                while k + 2 <= end {
                    p0 &+= S(truncatingIfNeeded: x[k])
                    p1 &+= S(truncatingIfNeeded: x[k + 1])
                    k += 2
                }
                if k < end { p0 &+= S(truncatingIfNeeded: x[k]) }
                s[Int(owner)] &+= p0 &+ p1
                c[Int(owner)] &+= Int64(end - start)
                start = end
            }
            return
        }
        var current: Int32 = -1
        var sum: S = 0, added: Int64 = 0
        for i in 0..<n {
            // In bits, not selects, as in `countRuns`: a FILTER's skips vary row by row.
            let g = gs[i]
            let outside = g >> 31
            let owner = (g & ~outside) | (current & outside)
            if owner != current {
                if current >= 0 { s[Int(current)] &+= sum; c[Int(current)] &+= added }
                current = owner
                sum = 0
                added = 0
            }
            let taken = Int64(1 &+ outside) & Int64(present.map { $0[i] ? 1 : 0 } ?? 1)
            sum &+= S(truncatingIfNeeded: x[i] & (0 &- taken))
            added &+= taken
        }
        if current >= 0 { s[Int(current)] &+= sum; c[Int(current)] &+= added }
    }

    /// Whether no sum of the first `n` values (in any order, any subset) can overflow
    /// Int64: `n` times the largest magnitude fits. One pass of min and max (in C with
    /// AVX2: Swift's loop stayed scalar, a fifth of the sums by hour of day, many_small 10M).
    static func fitsInt64(_ x: UnsafeBufferPointer<Int64>, _ n: Int) -> Bool {
        guard n > 0 else { return true }
        var lo: Int64 = 0, hi: Int64 = 0
        tally_int64_range(x.baseAddress!, n, &lo, &hi)
        guard lo > Int64.min else { return false }
        let largest = max(hi.magnitude, lo.magnitude)
        let (total, overflow) = largest.multipliedReportingOverflow(by: UInt64(n))
        return !overflow && total <= UInt64(Int64.max)
    }

    /// `sumInt64Runs` with no skips or NULLs, of values whose sums fit Int64
    /// (`fitsInt64`): each run's values added as Int64s, a loop the compiler vectorises.
    static func sumInt64RunsNarrow<S: ExactSum>(_ gs: UnsafeBufferPointer<Int32>, _ x: UnsafeBufferPointer<Int64>,
                                                sums s: UnsafeMutablePointer<S>, counts c: UnsafeMutablePointer<Int64>, _ n: Int) {
        var start = 0
        while start < n {
            let owner = gs[start]
            let end = tally_int32_run_end(gs.baseAddress!, start, n)
            var total: Int64 = 0
            for k in start..<end { total &+= x[k] }
            s[Int(owner)] &+= S(truncatingIfNeeded: total)
            c[Int(owner)] &+= Int64(end - start)
            start = end
        }
    }

    /// Run by run: a run's rows are added into four partial sums, so each add of a double
    /// (four cycles) does not wait on the one before it, as a single running sum would.
    static func sumDoubleRuns(_ gs: UnsafeBufferPointer<Int32>, _ x: UnsafeBufferPointer<Double>, present: UnsafeBufferPointer<Bool>?,
                              sums s: UnsafeMutablePointer<Double>, counts c: UnsafeMutablePointer<Int64>, _ n: Int) {
        var start = 0
        while start < n {
            // The run's group is its first row's with a group; rows of none before it add nothing.
            while start < n && gs[start] < 0 { start += 1 }
            if start == n { return }
            let owner = gs[start]
            var end = start + 1
            while end < n && (gs[end] == owner || gs[end] < 0) { end += 1 }
            var p0 = -0.0, p1 = -0.0, p2 = -0.0, p3 = -0.0
            var added: Int64 = 0
            var k = start
            @inline(__always) func value(_ i: Int) -> Double {
                let take = gs[i] >= 0 && (present?[i] ?? true)
                added &+= take ? 1 : 0
                return take ? x[i] : -0.0
            }
            while k + 4 <= end {
                p0 += value(k)
                p1 += value(k + 1)
                p2 += value(k + 2)
                p3 += value(k + 3)
                k += 4
            }
            while k < end {
                p0 += value(k)
                k += 1
            }
            s[Int(owner)] += (p0 + p1) + (p2 + p3)
            c[Int(owner)] &+= added
            start = end
        }
    }
}

/// A sum the lane loops add: exact Int128s wrap as the other loops' `&+=` do (sums of
/// Int64s cannot overflow them), doubles add as IEEE numbers; no overflow check per row.
protocol LaneSum {
    static func adding(_ a: Self, _ b: Self) -> Self
}

extension Int64: LaneSum {
    /// Wrapping: the lanes add Int64s only when no sum can overflow (`fitsInt64`).
    @inline(__always) static func adding(_ a: Int64, _ b: Int64) -> Int64 { a &+ b }
}

extension Int128: LaneSum {
    @inline(__always) static func adding(_ a: Int128, _ b: Int128) -> Int128 { a &+ b }
}

/// An exact sum of Int64s: Int128, or Int64 while its caller bounds every sum below 2^63.
protocol ExactSum: FixedWidthInteger & LaneSum {}
extension Int64: ExactSum {}
extension Int128: ExactSum {}

extension Double: LaneSum {
    @inline(__always) static func adding(_ a: Double, _ b: Double) -> Double { a + b }
}

/// How one chunk's group numbers run: whether any row is outside every group (negative,
/// from a FILTER), and whether consecutive rows mostly share their group.
package struct GroupRunShape {
    /// Some row is outside every group. The hash aggregate sets this for an aggregate with
    /// a FILTER, whose shape is that of the rows before the filter.
    var hasSkips: Bool
    /// Consecutive rows mostly share their group (runs of 8 rows or more on average): the
    /// runs loops, not the lanes or the scatter.
    let longRuns: Bool
    /// When the groups are few (at most 1,024): the slots per lane of the four-lane loops,
    /// one per group up to the largest plus one for the rows of no group.
    let laneGroups: Int?

    /// Rows of group 0 or of none (an aggregate without GROUP BY, under a FILTER).
    package static let oneGroupWithSkips = GroupRunShape(hasSkips: true, longRuns: false, laneGroups: 2)

    /// A shape stated, not found (see `oneGroupWithSkips`).
    init(hasSkips: Bool, longRuns: Bool, laneGroups: Int?) {
        self.hasSkips = hasSkips
        self.longRuns = longRuns
        self.laneGroups = laneGroups
    }

    /// The shape of the first `n` group numbers of `groups`.
    package init(_ groups: [Int32], _ n: Int) {
        self = groups.withUnsafeBufferPointer { GroupRunShape($0, n) }
    }

    /// One branch-free pass over the group numbers.
    package init(_ g: UnsafeBufferPointer<Int32>, _ n: Int) {
        guard n > 0 else {
            hasSkips = false
            longRuns = false
            laneGroups = nil
            return
        }
        // One pass in C with AVX2 (Swift's loop compared each row with the one before it
        // without a carried value, but SSE2 has no 32-bit minimum: 5% of hour of day).
        var minimum: Int32 = 0, maximum: Int32 = 0
        let changes = tally_int32_range_and_changes(g.baseAddress!, n, &minimum, &maximum)
        hasSkips = minimum < 0
        // Lanes of a few groups stay in the L1 cache, and zeroing and adding them up costs
        // little beside a chunk's rows.
        laneGroups = maximum < 1024 ? Int(maximum) + 2 : nil
        // Runs of 8 rows or more on average: a mispredicted branch per run (about 15
        // cycles) then costs less than the store-to-load wait of the scatter loop (about 5
        // cycles) on every row of the run.
        // With few groups the lanes loops take no branch at all: the runs loops must then
        // save more than a mispredicted run end per 16 rows.
        longRuns = Int(changes) &* (laneGroups == nil ? 8 : 16) < n
    }
}
