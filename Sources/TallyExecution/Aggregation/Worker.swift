import TallySystem
import TallyFormat
import TallyStore

/// One thread's share of a query: scans its parts with its own column batch and builds
/// partial group state (group table, accumulators, distinct sets, quantile values),
/// which `QueryEngine` merges.
///
/// Per part, predicates become dictionary-code masks and group keys become code ->
/// query-wide id maps once; per row group, chunk statistics skip what cannot match;
/// per batch, a selection vector is narrowed predicate by predicate and each loop runs
/// over unsafe buffers of primitives with the predicate or key kind chosen outside it.
final class Worker: @unchecked Sendable {
    let plan: QueryPlan
    /// This worker's string ids (group keys and distinct values of string columns).
    var interner = StringInterner()
    let progress: QueryProgress?
    var zone: ZoneOffsets
    let batch = ColumnBatch()
    // The group state is touched per row; one thread owns a worker, so the dynamic
    // exclusivity checks on these class properties (a tenth of a top-runs query) are
    // turned off.
    @exclusivity(unchecked) var table: GroupTable
    @exclusivity(unchecked) var acc: Accumulators
    /// (group, value) pairs seen, per distinct dimension.
    @exclusivity(unchecked) var distinctSets: [GroupTable]
    /// Collected (group, value) pairs per quantile measure.
    @exclusivity(unchecked) var quantileGroups: [[Int32]]
    @exclusivity(unchecked) var quantileValues: [[Double]]
    var stats = ExecutionStats()
    let useRollups: Bool

    @exclusivity(unchecked) private var sel: [Int32]
    @exclusivity(unchecked) private var gids: [Int32]
    @exclusivity(unchecked) private var local: [Int32]
    @exclusivity(unchecked) private var comps: [UInt64]
    @exclusivity(unchecked) private var dense: [Int32] = []
    @exclusivity(unchecked) private var keyBuffer: [UInt64]

    init(plan: QueryPlan, useRollups: Bool, progress: QueryProgress? = nil) {
        self.progress = progress
        self.plan = plan
        self.useRollups = useRollups
        zone = ZoneOffsets(plan.query.timeZone)
        table = GroupTable(width: plan.keys.count)
        acc = Accumulators(plan: plan)
        distinctSets = plan.distinct.map { _ in GroupTable(width: 2) }
        quantileGroups = plan.quantiles.map { _ in [] }
        quantileValues = plan.quantiles.map { _ in [] }
        sel = []
        gids = []
        local = []
        comps = []
        keyBuffer = [UInt64](repeating: 0, count: Swift.max(plan.keys.count, 1))
    }

    /// Sizes the per-row buffers for batches of `rows`. They grow on demand because a
    /// dashboard query reads a few thousand rollup cells per part: buffers for a whole
    /// row group (1.5 MB, fresh pages on every query) cost more than its work did.
    private func reserveRows(_ rows: Int) {
        guard sel.count < rows else { return }
        var n = 1024
        while n < rows { n *= 2 }
        // Every slot is written before it is read (selection, then keys, then groups).
        func uninitialized<T: BitwiseCopyable>(_ n: Int) -> [T] {
            [T](unsafeUninitializedCapacity: n) { _, count in count = n }
        }
        sel = uninitialized(n)
        gids = uninitialized(n)
        local = uninitialized(n)
        comps = uninitialized(n * Swift.max(plan.keys.count, 1))
    }

    func run(parts: [PartHandle], rollups: Set<RollupBatch.Kind>) throws {
        for handle in parts {
            try progress?.check()
            guard plan.matchesProject(handle.entry.projectId) else { continue }
            let reader = try handle.reader()
            if let cells = try reader.smallestRollup(among: rollups, batch: batch) {
                try scanRollup(cells, reader: reader)
                stats.rollupParts += 1
                if cells.kind == .runs { stats.runRollupParts += 1 }
            } else {
                try scanRaw(reader)
                stats.rawParts += 1
            }
        }
    }

    /// The group of the key in `keyBuffer`, creating its state when new.
    @inline(__always)
    private func group(_ key: UnsafePointer<UInt64>) -> Int32 {
        let (g, inserted) = table.findOrInsert(key)
        if inserted { acc.addGroup() }
        return g
    }

    /// What a part's scan needs, worked out once per part from its dictionaries (or a
    /// rollup's string tables): predicate masks, key maps, dense-key strides and the
    /// columns to decode.
    private struct PartSetup {
        var masks: [CodeMask] = []
        /// False when a predicate matches no value of the part.
        var anyMatch = true
        var columns = Set<Column>()
        var keyMaps: [[UInt64]]
        var domains: [Int]
        var bases: [Int64]
        var strides: [Int]
        var denseOK: Bool
        var projectId: UInt64 = 0
        var firstDay: Int32 = 0
        var distinctMaps: [[UInt64]]

        init(keyCount k: Int, distinctCount: Int) {
            keyMaps = [[UInt64]](repeating: [], count: k)
            domains = [Int](repeating: 0, count: k)
            bases = [Int64](repeating: 0, count: k)
            strides = [Int](repeating: 0, count: k)
            denseOK = k > 0
            distinctMaps = [[UInt64]](repeating: [], count: distinctCount)
        }

        /// Back to the state `init` makes, keeping the arrays' storage.
        mutating func reset(firstDay day: Int32) {
            masks.removeAll(keepingCapacity: true)
            anyMatch = true
            columns.removeAll(keepingCapacity: true)
            for i in keyMaps.indices { keyMaps[i] = []; domains[i] = 0; bases[i] = 0; strides[i] = 0 }
            denseOK = !keyMaps.isEmpty
            projectId = 0
            firstDay = day
            for i in distinctMaps.indices { distinctMaps[i] = [] }
        }
    }

    /// The setup of the previous part, kept for its arrays: allocating them afresh for
    /// every part of a store-wide query cost 5% of it (mostly generic metadata lookups).
    private var spareSetup: PartSetup?

    /// `sorted`: whether the tables `dictionary` gives are in byte order (see
    /// `QueryPlan.mask`).
    /// The caller hands the setup back through `spareSetup` when done with the part.
    private func setup(_ footer: PartFooter, sorted: Bool, dictionary: (Column) throws -> [String]) throws -> PartSetup {
        var s = spareSetup.take() ?? PartSetup(keyCount: plan.keys.count, distinctCount: plan.distinct.count)
        s.reset(firstDay: footer.days.first!.day)

        // String predicates -> one code mask per column.
        for (column, p) in plan.stringPredicates {
            let m = QueryPlan.mask(p, dictionary: try dictionary(column), sorted: sorted)
            if let i = s.masks.firstIndex(where: { $0.column == column }) {
                for j in m.indices { s.masks[i].mask[j] &= m[j] }
            } else {
                s.masks.append(CodeMask(column: column, mask: m))
            }
        }
        for i in s.masks.indices where s.masks[i].computePrefix() == 0 { s.anyMatch = false }

        // Group keys -> query-wide ids, per dictionary entry.
        let lastDay = footer.days.last!.day
        for (i, kind) in plan.keys.enumerated() {
            switch kind {
            case let .string(c):
                let values = try dictionary(c)
                if let m = s.masks.first(where: { $0.column == c }) {
                    // Only values that pass the column's predicate can form groups:
                    // intern those (100 runs of a part's thousands, say).
                    var map = [UInt64](repeating: 0, count: values.count + 1)
                    let kept = values.indices.filter { m.mask[$0 + 1] == 1 }
                    for (j, id) in zip(kept, interner.ids(kept.map { values[$0] })) { map[j + 1] = id }
                    s.keyMaps[i] = map
                } else {
                    s.keyMaps[i] = [0] + interner.ids(values)
                }
                s.domains[i] = s.keyMaps[i].count
                s.columns.insert(c)
            case .project:
                s.projectId = interner.intern(footer.projectId)
                s.domains[i] = 1
            case let .int(c):
                s.columns.insert(c)
                s.denseOK = false
            case .date:
                s.columns.insert(.ts)
                s.bases[i] = Int64(s.firstDay)
                s.domains[i] = Int(lastDay - s.firstDay) + 1
            case let .time(b):
                s.columns.insert(.ts)
                // From the start of the first day: rollup cells start at their hour or
                // day, which may precede the part's first row.
                let slack: Int64 = 15 * ZoneOffsets.hourMs
                let lo = ZoneOffsets.ordinal(localMs: Int64(s.firstDay) * CivilDate.millisecondsPerDay - slack, bucket: b)
                let hi = ZoneOffsets.ordinal(localMs: footer.maxTs + slack, bucket: b)
                s.bases[i] = lo
                s.domains[i] = Int(hi - lo) + 1
            }
        }
        var product = 1
        for i in plan.keys.indices.reversed() where s.denseOK {
            s.strides[i] = product
            product = product.multipliedReportingOverflow(by: s.domains[i]).partialValue
            if product > 1 << 16 || product <= 0 { s.denseOK = false }
        }
        if s.denseOK {
            if dense.count < product { dense = [Int32](repeating: -1, count: product) }
            else { for i in 0..<product { dense[i] = -1 } }
        }
        for (i, d) in plan.distinct.enumerated() {
            if d == .projectId { s.distinctMaps[i] = [interner.intern(footer.projectId)] }
            else if d.isString {
                s.distinctMaps[i] = [0] + interner.ids(try dictionary(d.column!))
                s.columns.insert(d.column!)
            } else { s.columns.insert(d.column!) }
        }
        for m in s.masks { s.columns.insert(m.column) }
        for (c, _) in plan.intPredicates { s.columns.insert(c) }
        if plan.hasTsFilter { s.columns.insert(.ts) }
        if plan.hasQuantityFilter || plan.needQSum || plan.needQMin || plan.needQMax || plan.quantiles.contains(.quantity) { s.columns.insert(.quantity) }
        if plan.hasCostFilter || plan.needCSum || plan.needCMin || plan.needCMax || plan.quantiles.contains(.cost) { s.columns.insert(.cost) }
        if plan.needDuration || plan.quantiles.contains(.durationMs) { s.columns.insert(.durationMs) }
        if s.columns.isEmpty { s.columns.insert(.ts) }
        return s
    }

    /// Runs the filter, group and fold steps over `range` of a decoded batch.
    private func process(_ b: ColumnBatch, range: Range<Int>, setup s: PartSetup, ts: ClosedRange<Int64>?) {
        if b.weights.isEmpty {
            stats.scannedRows += range.count
            progress?.add(rows: range.count)
        }
        reserveRows(range.count)
        let n = filter(b, range: range, masks: s.masks, ts: ts)
        guard n > 0 else { return }
        assignGroups(b, n: n, keyMaps: s.keyMaps, bases: s.bases, strides: s.strides, dense: s.denseOK, projectId: s.projectId, firstDay: s.firstDay)
        update(b, n: n, distinctMaps: s.distinctMaps)
    }

    // MARK: Rollups

    /// Answers the part from its rollup cells: the same loops as for rows, with each
    /// cell weighted by the rows it stands for.
    private func scanRollup(_ cells: RollupBatch, reader: PartReader) throws {
        let s = try setup(reader.footer, sorted: cells.dictionaries.isEmpty) { c in
            if let own = cells.dictionaries[c] { return own }
            return try reader.dictionary(c, batch: batch)
        }
        defer { spareSetup = s }
        guard s.anyMatch else { return }
        // Cells carry their hour or day start, in ascending order (both rollups are
        // sorted by time first): the window is a contiguous run of cells.
        let days = plan.bounds.dayInstants ?? Int64.min...Int64.max
        let lo = Swift.max(plan.tsLo, days.lowerBound), hi = Swift.min(plan.tsHi, days.upperBound)
        if lo > hi { return }
        let (first, end) = cells.cells(startingIn: lo...hi)
        var start = first
        while start < end {
            let stop = Swift.min(end, start + PartFormat.rowGroupSize)
            process(cells.batch, range: start..<stop, setup: s, ts: nil)
            start = stop
        }
    }

    // MARK: Raw columns

    private func scanRaw(_ reader: PartReader) throws {
        let footer = reader.footer
        if let days = plan.days, reader.rowRange(days: days).isEmpty { return }
        let s = try setup(footer, sorted: true) { try reader.dictionary($0, batch: batch) }
        defer { spareSetup = s }
        guard s.anyMatch else { return }
        let scan = try reader.scanRanges(within: plan.bounds, masks: s.masks, useRunIndex: useRollups, batch: batch)
        if scan.usedRunIndex { stats.runIndexedParts += 1 }
        stats.skippedRowGroups += scan.skippedRowGroups
        let window = plan.tsLo...plan.tsHi
        for range in scan.ranges {
            try progress?.check()
            try reader.scan(columns: s.columns, rows: range.rows, batch: batch) { b, rows in
                process(b, range: rows, setup: s, ts: range.tsCovered ? nil : window)
            }
        }
    }

    /// Narrows the batch's rows to those passing every predicate; returns how many.
    private func filter(_ b: ColumnBatch, range: Range<Int>, masks: [CodeMask], ts window: ClosedRange<Int64>?) -> Int {
        sel.withUnsafeMutableBufferPointer { sel in
            var n = 0
            for row in range { sel[n] = Int32(row); n += 1 }
            if let window {
                let lo = window.lowerBound, hi = window.upperBound
                b.ts.withUnsafeBufferPointer { ts in
                    var m = 0
                    for i in 0..<n { let r = Int(sel[i]); let t = ts[r]; sel[m] = sel[i]; m &+= (t >= lo && t <= hi) ? 1 : 0 }
                    n = m
                }
            }
            for mk in masks where n > 0 {
                b.codes[Int(mk.column.rawValue)].withUnsafeBufferPointer { codes in
                    mk.mask.withUnsafeBufferPointer { mask in
                        var m = 0
                        let limit = mask.count
                        for i in 0..<n {
                            let c = Int(codes[Int(sel[i])])
                            sel[m] = sel[i]
                            m &+= (c < limit && mask[c] == 1) ? 1 : 0
                        }
                        n = m
                    }
                }
            }
            for (column, p) in plan.intPredicates where n > 0 {
                if column == .costSource {
                    b.costSource.withUnsafeBufferPointer { v in
                        var m = 0
                        for i in 0..<n { let r = Int(sel[i]); sel[m] = sel[i]; m &+= QueryPlan.matches(p, int: v[r]) ? 1 : 0 }
                        n = m
                    }
                    continue
                }
                b.ints[Int(column.rawValue)].withUnsafeBufferPointer { v in
                    b.validity[Int(column.rawValue)].withUnsafeBufferPointer { ok in
                        var m = 0
                        switch p {
                        case .isNull:
                            for i in 0..<n { let r = Int(sel[i]); sel[m] = sel[i]; m &+= ok[r] == 0 ? 1 : 0 }
                        case .isNotNull:
                            for i in 0..<n { let r = Int(sel[i]); sel[m] = sel[i]; m &+= ok[r] != 0 ? 1 : 0 }
                        case let .oneOf(_, values):
                            let wanted = values.compactMap { if case let .int(x) = $0 { return x } else { return nil } }
                            wanted.withUnsafeBufferPointer { w in
                                for i in 0..<n {
                                    let r = Int(sel[i])
                                    var hit = false
                                    if ok[r] != 0 { let x = v[r]; for y in w where y == x { hit = true; break } }
                                    sel[m] = sel[i]
                                    m &+= hit ? 1 : 0
                                }
                            }
                        default:
                            m = n
                        }
                        n = m
                    }
                }
            }
            if plan.hasQuantityFilter && n > 0 {
                let lo = plan.qLo, hi = plan.qHi
                b.quantity.withUnsafeBufferPointer { q in
                    var m = 0
                    for i in 0..<n { let x = q[Int(sel[i])]; sel[m] = sel[i]; m &+= (x >= lo && x <= hi) ? 1 : 0 }
                    n = m
                }
            }
            if plan.hasCostFilter && n > 0 {
                let lo = plan.cLo, hi = plan.cHi
                b.cost.withUnsafeBufferPointer { c in
                    var m = 0
                    for i in 0..<n { let x = c[Int(sel[i])]; sel[m] = sel[i]; m &+= (x >= lo && x <= hi) ? 1 : 0 }
                    n = m
                }
            }
            return n
        }
    }

    /// Fills `gids[0..<n]` with the group of each selected row.
    private func assignGroups(
        _ b: ColumnBatch, n: Int, keyMaps: [[UInt64]], bases: [Int64], strides: [Int], dense denseOK: Bool,
        projectId: UInt64, firstDay: Int32
    ) {
        let k = plan.keys.count
        if k == 0 {
            let g = keyBuffer.withUnsafeBufferPointer { group($0.baseAddress!) }
            gids.withUnsafeMutableBufferPointer { for i in 0..<n { $0[i] = g } }
            return
        }
        // Key components, column by column: comps[key * n + i].
        sel.withUnsafeBufferPointer { sel in
            comps.withUnsafeMutableBufferPointer { comps in
                local.withUnsafeMutableBufferPointer { local in
                    if denseOK { for i in 0..<n { local[i] = 0 } }
                    for (key, kind) in plan.keys.enumerated() {
                        let out = comps.baseAddress! + key * n
                        let stride = Int32(truncatingIfNeeded: strides[key])
                        switch kind {
                        case let .string(c):
                            b.codes[Int(c.rawValue)].withUnsafeBufferPointer { codes in
                                keyMaps[key].withUnsafeBufferPointer { map in
                                    for i in 0..<n {
                                        let code = Int(codes[Int(sel[i])])
                                        out[i] = map[code]
                                        if denseOK { local[i] &+= Int32(truncatingIfNeeded: code) &* stride }
                                    }
                                }
                            }
                        case .project:
                            for i in 0..<n { out[i] = projectId }
                        case let .int(c):
                            if c == .costSource {
                                b.costSource.withUnsafeBufferPointer { v in
                                    for i in 0..<n { out[i] = UInt64(UInt32(truncatingIfNeeded: v[Int(sel[i])])) }
                                }
                            } else {
                                b.ints[Int(c.rawValue)].withUnsafeBufferPointer { v in
                                    b.validity[Int(c.rawValue)].withUnsafeBufferPointer { ok in
                                        for i in 0..<n {
                                            let r = Int(sel[i])
                                            out[i] = ok[r] != 0 ? UInt64(UInt32(truncatingIfNeeded: v[r])) : 1 << 32
                                        }
                                    }
                                }
                            }
                        case .date:
                            let base = bases[key]
                            b.ts.withUnsafeBufferPointer { ts in
                                for i in 0..<n {
                                    let day = ZoneOffsets.floorDiv(ts[Int(sel[i])], CivilDate.millisecondsPerDay)
                                    out[i] = UInt64(bitPattern: day)
                                    if denseOK { local[i] &+= Int32(truncatingIfNeeded: day - base) &* stride }
                                }
                            }
                        case let .time(bucket):
                            let base = bases[key]
                            b.ts.withUnsafeBufferPointer { ts in
                                for i in 0..<n {
                                    let t = ts[Int(sel[i])]
                                    let ord = ZoneOffsets.ordinal(localMs: t + zone.offset(t), bucket: bucket)
                                    out[i] = UInt64(bitPattern: ord)
                                    if denseOK { local[i] &+= Int32(truncatingIfNeeded: ord - base) &* stride }
                                }
                            }
                        }
                    }
                    keyBuffer.withUnsafeMutableBufferPointer { key in
                        gids.withUnsafeMutableBufferPointer { gids in
                            if denseOK {
                                dense.withUnsafeMutableBufferPointer { dense in
                                    for i in 0..<n {
                                        let slot = Int(local[i])
                                        var g = dense[slot]
                                        if g < 0 {
                                            for j in 0..<k { key[j] = comps[j * n + i] }
                                            g = group(key.baseAddress!)
                                            dense[slot] = g
                                        }
                                        gids[i] = g
                                    }
                                }
                            } else {
                                for i in 0..<n {
                                    for j in 0..<k { key[j] = comps[j * n + i] }
                                    gids[i] = group(key.baseAddress!)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Folds the selected rows into their groups' accumulators.
    private func update(_ b: ColumnBatch, n: Int, distinctMaps: [[UInt64]]) {
        let plan = self.plan
        sel.withUnsafeBufferPointer { sel in
            gids.withUnsafeBufferPointer { gids in
                acc.count.withUnsafeMutableBufferPointer { count in
                    if b.weights.isEmpty {
                        for i in 0..<n { count[Int(gids[i])] &+= 1 }
                    } else {
                        b.weights.withUnsafeBufferPointer { w in for i in 0..<n { count[Int(gids[i])] &+= w[Int(sel[i])] } }
                    }
                }
                if plan.needQSum || plan.needQMin || plan.needQMax {
                    b.quantity.withUnsafeBufferPointer { q in
                        if plan.needQSum { acc.qSum.withUnsafeMutableBufferPointer { s in for i in 0..<n { s[Int(gids[i])] += q[Int(sel[i])] } } }
                        if plan.needQMin { acc.qMin.withUnsafeMutableBufferPointer { s in for i in 0..<n { let g = Int(gids[i]); s[g] = Swift.min(s[g], q[Int(sel[i])]) } } }
                        if plan.needQMax { acc.qMax.withUnsafeMutableBufferPointer { s in for i in 0..<n { let g = Int(gids[i]); s[g] = Swift.max(s[g], q[Int(sel[i])]) } } }
                    }
                }
                if plan.needCSum || plan.needCMin || plan.needCMax {
                    b.cost.withUnsafeBufferPointer { c in
                        if plan.needCSum { acc.cSum.withUnsafeMutableBufferPointer { s in for i in 0..<n { s[Int(gids[i])] &+= Int128(c[Int(sel[i])]) } } }
                        if plan.needCMin { acc.cMin.withUnsafeMutableBufferPointer { s in for i in 0..<n { let g = Int(gids[i]); s[g] = Swift.min(s[g], c[Int(sel[i])]) } } }
                        if plan.needCMax { acc.cMax.withUnsafeMutableBufferPointer { s in for i in 0..<n { let g = Int(gids[i]); s[g] = Swift.max(s[g], c[Int(sel[i])]) } } }
                    }
                }
                if plan.needDuration {
                    let col = Int(Column.durationMs.rawValue)
                    b.ints[col].withUnsafeBufferPointer { v in
                        b.validity[col].withUnsafeBufferPointer { ok in
                            for i in 0..<n {
                                let r = Int(sel[i])
                                guard ok[r] != 0 else { continue }
                                let g = Int(gids[i]), x = v[r]
                                acc.dSum[g] &+= Int128(x)
                                acc.dCount[g] &+= 1
                                acc.dMin[g] = Swift.min(acc.dMin[g], x)
                                acc.dMax[g] = Swift.max(acc.dMax[g], x)
                            }
                        }
                    }
                }
                for (d, dim) in plan.distinct.enumerated() {
                    var pair: (UInt64, UInt64) = (0, 0)
                    func add(_ g: Int32, _ v: UInt64) {
                        pair = (UInt64(UInt32(bitPattern: g)), v)
                        let inserted = withUnsafePointer(to: &pair) { p in
                            p.withMemoryRebound(to: UInt64.self, capacity: 2) { distinctSets[d].findOrInsert($0).inserted }
                        }
                        if inserted { acc.distinctCount[d][Int(g)] += 1 }
                    }
                    if dim == .projectId {
                        for i in 0..<n { add(gids[i], distinctMaps[d][0]) }
                    } else if dim == .costSource {
                        b.costSource.withUnsafeBufferPointer { v in for i in 0..<n { add(gids[i], UInt64(bitPattern: v[Int(sel[i])])) } }
                    } else if dim.isString {
                        let map = distinctMaps[d]
                        b.codes[Int(dim.column!.rawValue)].withUnsafeBufferPointer { codes in
                            for i in 0..<n {
                                let id = map[Int(codes[Int(sel[i])])]
                                if id != 0 { add(gids[i], id) }
                            }
                        }
                    } else {
                        let col = Int(dim.column!.rawValue)
                        b.ints[col].withUnsafeBufferPointer { v in
                            b.validity[col].withUnsafeBufferPointer { ok in
                                for i in 0..<n where ok[Int(sel[i])] != 0 { add(gids[i], UInt64(bitPattern: v[Int(sel[i])])) }
                            }
                        }
                    }
                }
                for (qi, m) in plan.quantiles.enumerated() {
                    switch m {
                    case .quantity:
                        b.quantity.withUnsafeBufferPointer { q in
                            for i in 0..<n { quantileGroups[qi].append(gids[i]); quantileValues[qi].append(q[Int(sel[i])]) }
                        }
                    case .cost:
                        b.cost.withUnsafeBufferPointer { c in
                            for i in 0..<n { quantileGroups[qi].append(gids[i]); quantileValues[qi].append(Double(c[Int(sel[i])])) }
                        }
                    case .durationMs:
                        let col = Int(Column.durationMs.rawValue)
                        b.ints[col].withUnsafeBufferPointer { v in
                            b.validity[col].withUnsafeBufferPointer { ok in
                                for i in 0..<n where ok[Int(sel[i])] != 0 {
                                    quantileGroups[qi].append(gids[i]); quantileValues[qi].append(Double(v[Int(sel[i])]))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
