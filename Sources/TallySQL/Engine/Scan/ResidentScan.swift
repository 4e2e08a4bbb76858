import Dispatch
import TallyFormat
import TallyStore

/// One piece of a scan's work: a resident segment (whole, or some of its rows), or rows
/// of a part decoded from its file (when the cache is off or full).
enum ScanUnit {
    /// A segment's loaded vectors; `rows` are the segment rows to keep (nil: all).
    case segment(ResidentSegment, rows: [Range<Int>]?)
    /// A part read from its file, limited to `rows` of it (nil: all).
    case part(PartHandle, rows: Range<Int>?)
}

extension TableScanOperator {
    /// The work of scanning `parts` (the candidates of `snapshot`): resident segments where
    /// the cache holds (or can load) the columns the scan reads, parts otherwise. Loads
    /// what is missing, on `threads` threads.
    func units(_ parts: [PartHandle], snapshot: Snapshot, threads: Int, cache: ResidentCache) throws -> [ScanUnit] {
        guard cache.isEnabled, !parts.isEmpty else { return parts.map { .part($0, rows: nil) } }
        let runIndexed = usesRunIndex
        let batch = ColumnBatch()
        let candidates = Set(parts.map(ObjectIdentifier.init))
        let packing = cache.packing(of: snapshot.parts)
        var wanted = Set<Int>()
        for p in parts { for i in packing.byPart[ObjectIdentifier(p)] ?? [] { wanted.insert(i) } }
        var planned: [(ResidentSegment, [Range<Int>]?)] = []
        for segment in wanted.sorted().map({ packing.segments[$0] }) {
            var ranges: [Range<Int>] = []
            var whole = true
            for piece in segment.pieces {
                guard candidates.contains(ObjectIdentifier(piece.handle)) else { whole = false; continue }
                if runIndexed {
                    // Only the rows of the matching runs, found as the part scan finds them.
                    whole = false
                    for rows in try runRows(piece.handle, batch: batch) {
                        let lo = max(rows.lowerBound, piece.partRows.lowerBound), hi = min(rows.upperBound, piece.partRows.upperBound)
                        guard lo < hi else { continue }
                        let start = piece.offset + lo - piece.partRows.lowerBound
                        if let last = ranges.last, last.upperBound == start {
                            ranges[ranges.count - 1] = last.lowerBound..<(start + hi - lo)
                        } else {
                            ranges.append(start..<(start + hi - lo))
                        }
                    }
                    continue
                }
                var rows = piece.partRows
                if let days = scan.bounds.days {
                    let e = piece.handle.entry
                    if e.minDay < days.lowerBound || e.maxDay > days.upperBound {
                        let inDays = try piece.handle.reader().rowRange(days: days)
                        let lo = max(rows.lowerBound, inDays.lowerBound), hi = min(rows.upperBound, inDays.upperBound)
                        rows = lo..<max(lo, hi)
                        whole = false
                    }
                }
                if rows.isEmpty { continue }
                let start = piece.offset + rows.lowerBound - piece.partRows.lowerBound
                if let last = ranges.last, last.upperBound == start {
                    ranges[ranges.count - 1] = last.lowerBound..<(start + rows.count)
                } else {
                    ranges.append(start..<(start + rows.count))
                }
            }
            if ranges.isEmpty { continue }
            planned.append((segment, whole ? nil : ranges))
        }
        // Load the columns the scan reads into every planned segment (both threads).
        let needed = Array(scan.columns).sorted()
        let inUse = Set(planned.map { ObjectIdentifier($0.0) })
        let admitted = AdmittedFlags(count: planned.count)
        let next = NextIndex()
        let errors = ErrorBox()
        let work = { (_: Int) in
            let batch = ColumnBatch()
            while true {
                let i = next.take()
                guard i < planned.count else { break }
                do {
                    admitted.set(i, try cache.ensure(planned[i].0, columns: needed, inUse: inUse, batch: batch))
                } catch {
                    errors.record(error)
                    break
                }
            }
        }
        let workers = min(threads, max(1, planned.count))
        if workers == 1 { work(0) } else {
            let box = UncheckedBox(work)
            DispatchQueue.concurrentPerform(iterations: workers) { w in box.value(w) }
        }
        if let e = errors.first { throw e }
        var out: [ScanUnit] = []
        for (i, (segment, rows)) in planned.enumerated() {
            if admitted.get(i) {
                out.append(.segment(segment, rows: rows))
                continue
            }
            // Not cached: its candidate pieces from their files.
            for piece in segment.pieces where candidates.contains(ObjectIdentifier(piece.handle)) {
                out.append(.part(piece.handle, rows: piece.partRows))
            }
        }
        return out
    }

    /// The rows of a part that may hold rows of the runs the scan's filters name: the
    /// stretches its run rollup or run index gives, within the scan's days, minus row groups
    /// ruled out by their statistics (what `scanPart` reads). The filter above the scan
    /// still tests every row.
    func runRows(_ handle: PartHandle, batch: ColumnBatch) throws -> [Range<Int>] {
        let reader = try handle.reader()
        guard let masks = try codeMasks({ try TableScanOperator.partDictionary(reader, $0, batch: batch) }) else { return [] }
        let scanned = try reader.scanRanges(within: scan.bounds, masks: masks, useRunIndex: true, batch: batch)
        guard let stretches = scanned.runStretches else { return scanned.ranges.map(\.rows) }
        // The runs' own stretches inside the row groups kept: decoded rows need not be
        // read from one run to the next, as a part's file is.
        var out: [Range<Int>] = []
        var j = 0
        for r in scanned.ranges.map(\.rows) {
            while j < stretches.count && stretches[j].upperBound <= r.lowerBound { j += 1 }
            var k = j
            while k < stretches.count && stretches[k].lowerBound < r.upperBound {
                let lo = max(r.lowerBound, stretches[k].lowerBound), hi = min(r.upperBound, stretches[k].upperBound)
                if lo < hi { out.append(lo..<hi) }
                k += 1
            }
        }
        return out
    }

    /// Whether a condition on a run, user or persona lets a scan read only the matching
    /// runs' rows (through a part's run rollup or run index): a run's detail reads its own
    /// rows, of a resident segment or of the part's file, not every row of the project.
    /// Only a lookup (`= 'x'`, `IN (...)`) does: a condition such as LIKE would be tested
    /// on every part's dictionary one part at a time and keep most of the rows anyway
    /// (`user_id LIKE 'user-1%'` over 5,111 parts of many_small), where the filter above
    /// the scan tests each entry of the global dictionary once.
    var usesRunIndex: Bool {
        scan.dictionaryFilters.contains { f in
            (UsageTable.columns[f.column].stored.map { RunRollup.dimensions.contains($0) } ?? false)
                && TableScanOperator.lookedUpValues(f.predicate, column: f.column) != nil
        }
    }

    /// A segment's rows as a chunk: the loaded vectors of the columns the scan reads
    /// (text columns on this query's generation of their global dictionary), NULL
    /// constants for the others.
    func chunk(of segment: ResidentSegment, rows: [Range<Int>]?, dictionaries: [Int: (ColumnVector, Int)]) -> DataChunk {
        // Stretches of rows (a project's pieces, its days): copied whole, not row by row.
        let n = rows.map { $0.reduce(0) { $0 + $1.count } } ?? segment.rowCount
        var columns: [ColumnVector] = []
        columns.reserveCapacity(UsageTable.columns.count)
        for (i, info) in UsageTable.columns.enumerated() {
            guard scan.columns.contains(i), var v = segment.vector(i, rows: rows) else {
                columns.append(.constant(.null, type: info.type, count: n))
                continue
            }
            if case .dictionary(let codes, _, _) = v.storage, let (d, id) = dictionaries[i] {
                v.storage = .dictionary(codes: codes, dictionary: d, dictionaryID: id)
            }
            columns.append(v)
        }
        return DataChunk(columns: columns, count: n)
    }

    /// This query's dictionary vector of every text column the scan reads.
    func residentDictionaries(_ cache: ResidentCache) -> [Int: (ColumnVector, Int)] {
        var out: [Int: (ColumnVector, Int)] = [:]
        for i in scan.columns where UsageTable.columns[i].type == .varchar {
            out[i] = cache.dictionary(i).vector()
        }
        return out
    }
}

/// Per unit, whether the cache admitted it (set by loading workers).
final class AdmittedFlags: @unchecked Sendable {
    private let lock = NSLockLike()
    private var flags: [Bool]
    init(count: Int) { flags = [Bool](repeating: false, count: count) }
    func set(_ i: Int, _ v: Bool) { lock.locked { flags[i] = v } }
    func get(_ i: Int) -> Bool { lock.locked { flags[i] } }
}
