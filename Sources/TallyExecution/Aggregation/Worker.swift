import TallyStorage

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
    let interner: StringInterner
    let progress: QueryProgress?
    var zone: ZoneOffsets
    let batch = ColumnBatch()
    var table: GroupTable
    var acc: Accumulators
    /// (group, value) pairs seen, per distinct dimension.
    var distinctSets: [GroupTable]
    /// Collected (group, value) pairs per quantile measure.
    var quantileGroups: [[Int32]]
    var quantileValues: [[Double]]
    var stats = ExecutionStats()
    let useRollups: Bool

    private var sel: [Int32]
    private var gids: [Int32]
    private var local: [Int32]
    private var comps: [UInt64]
    private var dense: [Int32] = []
    private var keyBuffer: [UInt64]

    init(plan: QueryPlan, interner: StringInterner, useRollups: Bool, progress: QueryProgress? = nil) {
        self.progress = progress
        self.plan = plan
        self.interner = interner
        self.useRollups = useRollups
        zone = ZoneOffsets(plan.query.timeZone)
        table = GroupTable(width: plan.keys.count)
        acc = Accumulators(plan: plan)
        distinctSets = plan.distinct.map { _ in GroupTable(width: 2) }
        quantileGroups = plan.quantiles.map { _ in [] }
        quantileValues = plan.quantiles.map { _ in [] }
        let n = PartFormat.rowGroupSize
        sel = [Int32](repeating: 0, count: n)
        gids = [Int32](repeating: 0, count: n)
        local = [Int32](repeating: 0, count: n)
        comps = [UInt64](repeating: 0, count: n * Swift.max(plan.keys.count, 1))
        keyBuffer = [UInt64](repeating: 0, count: Swift.max(plan.keys.count, 1))
    }

    func run(parts: [PartHandle], rollupsAllowed: Bool) throws {
        for handle in parts {
            try progress?.check()
            guard plan.matchesProject(handle.entry.projectId) else { continue }
            let reader = try handle.reader()
            if rollupsAllowed && useRollups, let rollup = try reader.rollup(batch: batch) {
                scanRollup(rollup, project: reader.footer.projectId)
                stats.rollupParts += 1
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

    // MARK: Rollups

    private func scanRollup(_ r: HourlyRollup, project: String) {
        let dims = HourlyRollup.dimensions
        // Entry filter: one mask per dimension table (slot 0 = null).
        var masks = r.strings.map { [UInt8](repeating: 1, count: $0.count + 1) }
        for (column, p) in plan.stringPredicates {
            guard let k = dims.firstIndex(of: column) else { continue }
            for i in masks[k].indices where masks[k][i] == 1 {
                masks[k][i] = QueryPlan.matches(p, i == 0 ? nil : r.strings[k][i - 1]) ? 1 : 0
            }
        }
        let maps = r.strings.map { [0] + interner.ids($0) }
        let projectId = interner.ids([project])[0]
        let hourMs = ZoneOffsets.hourMs
        keyBuffer.withUnsafeMutableBufferPointer { key in
            for e in r.entries {
                let t = e.hour * hourMs
                if t < plan.tsLo || t > plan.tsHi { continue }
                let day = CivilDate.dayNumber(forMilliseconds: t)
                if let d = plan.days, !d.contains(day) { continue }
                let codes = [e.codes.0, e.codes.1, e.codes.2, e.codes.3, e.codes.4]
                var keep = true
                for k in 0..<5 where masks[k][Int(codes[k])] == 0 { keep = false; break }
                if !keep { continue }
                for (i, kind) in plan.keys.enumerated() {
                    switch kind {
                    case let .string(c): let k = dims.firstIndex(of: c)!; key[i] = maps[k][Int(codes[k])]
                    case .project: key[i] = projectId
                    case .date: key[i] = UInt64(bitPattern: Int64(day))
                    case let .time(b): key[i] = UInt64(bitPattern: ZoneOffsets.ordinal(localMs: t + zone.offset(t), bucket: b))
                    case .int: preconditionFailure("rollups never serve integer keys")
                    }
                }
                let g = Int(group(UnsafePointer(key.baseAddress!)))
                acc.count[g] += e.count
                if plan.needQSum { acc.qSum[g] += e.quantity }
                if plan.needCSum { acc.cSum[g] += e.cost }
            }
        }
    }

    // MARK: Raw columns

    private func scanRaw(_ reader: PartReader) throws {
        let footer = reader.footer
        let rows = plan.days.map { reader.rowRange(days: $0) } ?? 0..<footer.rowCount
        guard !rows.isEmpty else { return }

        // String predicates -> one code mask per column.
        var masks = [(column: Column, mask: [UInt8], prefix: [Int32])]()
        for (column, p) in plan.stringPredicates {
            let m = QueryPlan.mask(p, dictionary: try reader.dictionary(column, batch: batch))
            if let i = masks.firstIndex(where: { $0.column == column }) {
                for j in m.indices { masks[i].mask[j] &= m[j] }
            } else {
                masks.append((column, m, []))
            }
        }
        for i in masks.indices {
            var running: Int32 = 0
            masks[i].prefix = masks[i].mask.map { running += Int32($0); return running }
            if running == 0 { return }  // no value of the part matches
        }

        // Group keys -> query-wide ids, per dictionary entry.
        var columns = Set<Column>()
        var keyMaps = [[UInt64]](repeating: [], count: plan.keys.count)
        var domains = [Int](repeating: 0, count: plan.keys.count)
        var bases = [Int64](repeating: 0, count: plan.keys.count)
        var denseOK = !plan.keys.isEmpty
        let firstDay = footer.days.first!.day, lastDay = footer.days.last!.day
        var projectId: UInt64 = 0
        for (i, kind) in plan.keys.enumerated() {
            switch kind {
            case let .string(c):
                keyMaps[i] = [0] + interner.ids(try reader.dictionary(c, batch: batch))
                domains[i] = keyMaps[i].count
                columns.insert(c)
            case .project:
                projectId = interner.ids([footer.projectId])[0]
                domains[i] = 1
            case let .int(c):
                columns.insert(c)
                denseOK = false
            case .date:
                columns.insert(.ts)
                bases[i] = Int64(firstDay)
                domains[i] = Int(lastDay - firstDay) + 1
            case let .time(b):
                columns.insert(.ts)
                let slack: Int64 = 15 * ZoneOffsets.hourMs
                let lo = ZoneOffsets.ordinal(localMs: footer.minTs - slack, bucket: b)
                let hi = ZoneOffsets.ordinal(localMs: footer.maxTs + slack, bucket: b)
                bases[i] = lo
                domains[i] = Int(hi - lo) + 1
            }
        }
        var strides = [Int](repeating: 0, count: plan.keys.count)
        var product = 1
        for i in plan.keys.indices.reversed() where denseOK {
            strides[i] = product
            product = product.multipliedReportingOverflow(by: domains[i]).partialValue
            if product > 1 << 16 || product <= 0 { denseOK = false }
        }
        if denseOK {
            if dense.count < product { dense = [Int32](repeating: -1, count: product) }
            else { for i in 0..<product { dense[i] = -1 } }
        }
        var distinctMaps = [[UInt64]](repeating: [], count: plan.distinct.count)
        for (i, d) in plan.distinct.enumerated() {
            if d == .projectId { distinctMaps[i] = [interner.ids([footer.projectId])[0]] }
            else if d.isString {
                distinctMaps[i] = [0] + interner.ids(try reader.dictionary(d.column!, batch: batch))
                columns.insert(d.column!)
            } else { columns.insert(d.column!) }
        }
        for m in masks { columns.insert(m.column) }
        for (c, _) in plan.intPredicates { columns.insert(c) }
        if plan.hasTsFilter { columns.insert(.ts) }
        if plan.hasQuantityFilter || plan.needQSum || plan.needQMin || plan.needQMax || plan.quantiles.contains(.quantity) { columns.insert(.quantity) }
        if plan.hasCostFilter || plan.needCSum || plan.needCMin || plan.needCMax || plan.quantiles.contains(.cost) { columns.insert(.cost) }
        if plan.needDuration || plan.quantiles.contains(.durationMs) { columns.insert(.durationMs) }
        if columns.isEmpty { columns.insert(.ts) }

        for group in footer.rowGroups {
            let lo = Swift.max(rows.lowerBound, group.firstRow)
            let hi = Swift.min(rows.upperBound, group.firstRow + group.rowCount)
            guard lo < hi else { continue }
            var tsCovers = false
            if !mayMatch(group, masks: masks, tsCovers: &tsCovers) { stats.skippedRowGroups += 1; continue }
            try progress?.check()
            try reader.scan(columns: columns, rows: lo..<hi, batch: batch) { b, range in
                stats.scannedRows += range.count
                progress?.add(rows: range.count)
                let n = filter(b, range: range, masks: masks, checkTs: plan.hasTsFilter && !tsCovers)
                guard n > 0 else { return }
                assignGroups(b, n: n, keyMaps: keyMaps, bases: bases, strides: strides, dense: denseOK, projectId: projectId, firstDay: firstDay)
                update(b, n: n, distinctMaps: distinctMaps)
            }
        }
    }

    /// Whether a row group can hold a matching row, by its chunk statistics.
    private func mayMatch(_ g: PartFooter.RowGroup, masks: [(column: Column, mask: [UInt8], prefix: [Int32])], tsCovers: inout Bool) -> Bool {
        if plan.hasTsFilter, let c = g.chunk(.ts) {
            if c.max < plan.tsLo || c.min > plan.tsHi { return false }
            tsCovers = c.min >= plan.tsLo && c.max <= plan.tsHi
        }
        if plan.hasQuantityFilter, let c = g.chunk(.quantity) {
            let lo = Double(bitPattern: UInt64(bitPattern: c.min)), hi = Double(bitPattern: UInt64(bitPattern: c.max))
            if hi < plan.qLo || lo > plan.qHi { return false }
        }
        if plan.hasCostFilter, let c = g.chunk(.cost) {
            if c.max < plan.cLo || c.min > plan.cHi { return false }
        }
        for m in masks {
            guard let c = g.chunk(m.column) else { continue }
            let nullsMatch = c.nullCount > 0 && m.mask[0] == 1
            var valuesMatch = false
            if c.nullCount < g.rowCount {
                let lo = Int(c.min), hi = Int(c.max)
                if lo >= 1 && hi < m.prefix.count && lo <= hi {
                    valuesMatch = m.prefix[hi] - m.prefix[lo - 1] > 0
                } else {
                    valuesMatch = true
                }
            }
            if !nullsMatch && !valuesMatch { return false }
        }
        for (column, p) in plan.intPredicates where column != .costSource {
            guard let c = g.chunk(column) else { continue }
            switch p {
            case .isNull: if c.nullCount == 0 { return false }
            case .isNotNull: if c.nullCount == g.rowCount { return false }
            case let .oneOf(_, values):
                if c.nullCount == g.rowCount { return false }
                if !values.contains(where: { if case let .int(v) = $0 { return v >= c.min && v <= c.max } else { return false } }) { return false }
            default: break
            }
        }
        return true
    }

    /// Narrows the batch's rows to those passing every predicate; returns how many.
    private func filter(_ b: ColumnBatch, range: Range<Int>, masks: [(column: Column, mask: [UInt8], prefix: [Int32])], checkTs: Bool) -> Int {
        sel.withUnsafeMutableBufferPointer { sel in
            var n = 0
            for row in range { sel[n] = Int32(row); n += 1 }
            if checkTs {
                let lo = plan.tsLo, hi = plan.tsHi
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
                    for i in 0..<n { count[Int(gids[i])] &+= 1 }
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
