import TallyFormat

/// The rows of one part a scan must read, after all pruning.
package struct PartScanRanges: Sendable {
    /// One stretch of rows inside one row group.
    package struct Range: Sendable {
        /// The rows.
        package var rows: Swift.Range<Int>
        /// Whether every row of the row group is inside the scan's `ts` bounds (by its
        /// statistics), so rows need no instant check.
        package var tsCovered: Bool
    }

    /// The stretches, in row order, at most one per row group.
    package var ranges: [Range] = []
    /// Row groups dropped by their statistics or the run index.
    package var skippedRowGroups = 0
    /// The matching runs' own stretches of rows, in row order, when the run index
    /// narrowed the rows (`ranges` span, per row group, from the first to the last of
    /// them, so that a row group is decoded once; a reader of decoded rows takes these).
    package var runStretches: [Swift.Range<Int>]? = nil
    /// Whether the run index narrowed the rows to matching runs.
    package var usedRunIndex: Bool { runStretches != nil }
}

/// The scan API: what of a part a query must read, decided from the footer (per-day row
/// index, row-group statistics) and the run rollup, and which rollup may answer instead.
extension PartReader {
    /// Of the part's rollups in `kinds`, the one with the fewest cells (nil: none has one).
    package func smallestRollup(among kinds: Set<RollupBatch.Kind>, batch: ColumnBatch) throws -> RollupBatch? {
        var best: RollupBatch? = nil
        for kind in [RollupBatch.Kind.runs, .hourly, .daily, .dailyCoarse] where kinds.contains(kind) {
            if let r = try rollupBatch(kind, batch: batch), r.count < (best?.count ?? Int.max) { best = r }
        }
        return best
    }

    /// The row stretches that may hold rows passing `bounds` and `masks`: the rows of the
    /// bounded days, narrowed to matching runs by the run index (when `useRunIndex` and a
    /// mask is on a run rollup column), minus row groups whose statistics rule them out.
    package func scanRanges(
        within bounds: ScanBounds, masks: [CodeMask], useRunIndex: Bool, batch: ColumnBatch
    ) throws -> PartScanRanges {
        var out = PartScanRanges()
        let rows = bounds.days.map { rowRange(days: $0) } ?? 0..<footer.rowCount
        guard !rows.isEmpty else { return out }
        let segments = useRunIndex ? try matchingRuns(masks: masks, within: bounds, batch: batch) : nil
        out.runStretches = segments
        for group in footer.rowGroups {
            var lo = Swift.max(rows.lowerBound, group.firstRow)
            var hi = Swift.min(rows.upperBound, group.firstRow + group.rowCount)
            if let segments {
                // Only the rows of matching runs inside this group.
                let inGroup = segments.filter { $0.lowerBound < hi && $0.upperBound > lo }
                guard let first = inGroup.first, let last = inGroup.last else { out.skippedRowGroups += 1; continue }
                lo = Swift.max(lo, first.lowerBound)
                hi = Swift.min(hi, last.upperBound)
            }
            guard lo < hi else { continue }
            var tsCovered = false
            guard PartReader.mayMatch(group, bounds: bounds, masks: masks, tsCovered: &tsCovered) else {
                out.skippedRowGroups += 1
                continue
            }
            out.ranges.append(.init(rows: lo..<hi, tsCovered: tsCovered || !bounds.hasTs))
        }
        return out
    }

    /// The row ranges of the part's (day, run) stretches whose run, user and persona pass
    /// `masks`, in row order; nil when no mask is on those columns (or the part has no
    /// run rollup), so every row must be read. Rows are ordered by (day, run), so a
    /// query for a few runs reads a few short ranges instead of the whole part.
    private func matchingRuns(masks: [CodeMask], within bounds: ScanBounds, batch: ColumnBatch) throws -> [Swift.Range<Int>]? {
        let keyed = masks.filter { RunRollup.dimensions.contains($0.column) }
        guard !keyed.isEmpty else { return nil }
        guard let cells = try rollupBatch(.runs, batch: batch) else {
            return try indexedRuns(masks: keyed, within: bounds, batch: batch)
        }
        var ranges = [Swift.Range<Int>]()
        let b = cells.batch
        let (first, end) = cells.cells(startingIn: bounds.dayInstants ?? Int64.min...Int64.max)
        // The passing cells, one mask at a time over its column's codes (a part of a busy
        // project holds tens of thousands of run cells; a run's detail asks for one).
        var hits: [Int] = []
        for (k, m) in keyed.enumerated() {
            b.codes[Int(m.column.rawValue)].withUnsafeBufferPointer { codes in
                m.mask.withUnsafeBufferPointer { mask in
                    if k == 0 {
                        for i in first..<end where mask[Int(codes[i])] != 0 { hits.append(i) }
                    } else {
                        hits.removeAll { mask[Int(codes[$0])] == 0 }
                    }
                }
            }
        }
        for i in hits {
            let r = cells.rowRanges[i]
            if let last = ranges.last, last.upperBound >= r.lowerBound {
                ranges[ranges.count - 1] = last.lowerBound..<Swift.max(last.upperBound, r.upperBound)
            } else {
                ranges.append(r)
            }
        }
        return ranges
    }

    /// As `matchingRuns`, from the part's run index (`RunIndex`) when it has no run rollup:
    /// the stretches whose run passes the run_id mask (the index has no users or personas,
    /// so their masks narrow nothing here; the scan still tests every row it reads). Nil
    /// when the part has no index or no mask is on run_id.
    private func indexedRuns(masks: [CodeMask], within bounds: ScanBounds, batch: ColumnBatch) throws -> [Swift.Range<Int>]? {
        guard let runMask = masks.first(where: { $0.column == .runId }), let index = try runIndex(batch: batch) else { return nil }
        var ranges = [Swift.Range<Int>]()
        for k in index.runs.indices {
            if let days = bounds.days, !days.contains(index.days[k]) { continue }
            guard runMask.mask[Int(index.runs[k])] != 0 else { continue }
            let r = index.rowRanges[k]
            if let last = ranges.last, last.upperBound >= r.lowerBound {
                ranges[ranges.count - 1] = last.lowerBound..<Swift.max(last.upperBound, r.upperBound)
            } else {
                ranges.append(r)
            }
        }
        return ranges
    }

    /// Whether a row group can hold a passing row, by its chunk statistics; sets
    /// `tsCovered` when all its instants are inside the bounds.
    static func mayMatch(_ g: PartFooter.RowGroup, bounds: ScanBounds, masks: [CodeMask], tsCovered: inout Bool) -> Bool {
        if bounds.hasTs, let c = g.chunk(.ts) {
            if c.max < bounds.ts.lowerBound || c.min > bounds.ts.upperBound { return false }
            tsCovered = c.min >= bounds.ts.lowerBound && c.max <= bounds.ts.upperBound
        }
        if bounds.hasQuantity, let c = g.chunk(.quantity) {
            // Statistics of quantities are on bit patterns, which order like the values for q >= 0.
            let lo = Double(bitPattern: UInt64(bitPattern: c.min)), hi = Double(bitPattern: UInt64(bitPattern: c.max))
            if hi < bounds.quantity.lowerBound || lo > bounds.quantity.upperBound { return false }
        }
        if bounds.hasCost, let c = g.chunk(.cost) {
            if c.max < bounds.cost.lowerBound || c.min > bounds.cost.upperBound { return false }
        }
        for m in masks {
            guard let c = g.chunk(m.column) else { continue }
            if !m.mayPass(nullCount: c.nullCount, rowCount: g.rowCount, min: c.min, max: c.max) { return false }
        }
        for (column, p) in bounds.integers {
            guard let c = g.chunk(column) else { continue }
            switch p {
            case .isNull: if c.nullCount == 0 { return false }
            case .isNotNull: if c.nullCount == g.rowCount { return false }
            case let .oneOf(values):
                if c.nullCount == g.rowCount { return false }
                if !values.contains(where: { $0 >= c.min && $0 <= c.max }) { return false }
            }
        }
        return true
    }
}
