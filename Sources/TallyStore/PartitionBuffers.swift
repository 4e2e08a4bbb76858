import TallySystem
import TallyFormat
/// A project and UTC month: the unit of partitioning.
package struct PartitionKey: Hashable, Sendable {
    /// The project.
    package var projectId: String
    /// Year * 12 + month - 1.
    package var monthKey: Int32

    package init(projectId: String, monthKey: Int32) {
        self.projectId = projectId
        self.monthKey = monthKey
    }
}

/// Rows waiting to be written, one `RowBuffer` per partition.
package struct PartitionBuffers: Sendable {
    private(set) var buffers: [RowBuffer] = []
    private var index: [PartitionKey: Int] = [:]
    private(set) var rowCount = 0
    /// Strings that passed validation most recently.
    var validation = RecordValidator.Cache()
    // Consecutive records almost always share a partition: remember the last one so that
    // finding it costs a comparison of raw string bits and a range check, not a hash of
    // the key. `lastProject` is held so that its bits cannot be reused (see StringBits).
    private var lastProject: String? = nil
    private var lastProjectBits = StringBits()
    private var lastSlot = 0
    private var lastMonthRange: Range<Int64> = 0..<0
    /// Per buffer slot, the code translations of the columnar batch being appended.
    private var remaps: [Int: [[UInt32]]] = [:]

    /// Appends one validated record: a single-record append is the common call of a
    /// service that records usage as it happens, so it has its own path (see
    /// `RowBuffer.append(one:)`).
    mutating func append(_ r: borrowing UsageRecord) {
        withUnsafePointer(to: r) { append(one: $0) }
    }

    /// Appends the validated record at `p`.
    mutating func append(one p: UnsafePointer<UsageRecord>) {
        let slot = isInLastPartition(p) ? lastSlot : self.slot(for: p)
        buffers[slot].append(one: p)
        rowCount += 1
    }

    /// Appends `n` consecutive validated records, handing each run of records that share
    /// a partition to its buffer in one call.
    mutating func append(_ records: UnsafePointer<UsageRecord>, count n: Int) {
        var start = 0
        while start < n {
            let slot = self.slot(for: records + start)
            var end = start + 1
            while end < n && isInLastPartition(records + end) { end += 1 }
            buffers[slot].append(records + start, count: end - start)
            start = end
        }
        rowCount += n
    }

    @inline(__always)
    private func isInLastPartition(_ r: UnsafePointer<UsageRecord>) -> Bool {
        lastMonthRange.contains(r.pointee.ts)
            && StringBits(raw: UnsafeRawPointer(r) + UsageRecordLayout.projectIdOffset) == lastProjectBits
    }

    private mutating func slot(for r: UnsafePointer<UsageRecord>) -> Int {
        slot(project: UnsafeRawPointer(r).advanced(by: UsageRecordLayout.projectIdOffset).load(as: String.self), ts: r.pointee.ts)
    }

    private mutating func slot(project: String, ts: Int64) -> Int {
        if !lastMonthRange.contains(ts) || lastProject != project {
            let month = CivilDate.monthKey(forDayNumber: CivilDate.dayNumber(forMilliseconds: ts))
            let key = PartitionKey(projectId: project, monthKey: month)
            if let existing = index[key] {
                lastSlot = existing
            } else {
                lastSlot = buffers.count
                buffers.append(RowBuffer(projectId: project, monthKey: month))
                index[key] = lastSlot
            }
            let first = CivilDate.dayNumber(year: Int(month) / 12, month: Int(month) % 12 + 1, day: 1)
            let next = CivilDate.dayNumber(year: Int(month + 1) / 12, month: Int(month + 1) % 12 + 1, day: 1)
            lastMonthRange = Int64(first) * CivilDate.millisecondsPerDay..<Int64(next) * CivilDate.millisecondsPerDay
        }
        lastProjectBits = StringBits(project)
        lastProject = project
        return lastSlot
    }

    /// Appends a validated, priced columnar batch, handing each run of rows that share a
    /// partition to its buffer in one call.
    mutating func append(_ columns: UsageColumns) {
        let n = columns.count
        guard n > 0 else { return }
        // Code translations are per batch: a new batch's codes mean other values.
        remaps.removeAll(keepingCapacity: true)
        var start = 0
        var lastCode: UInt32 = 0
        columns.projectId.codes.withUnsafeBufferPointer { projects in
            columns.ts.withUnsafeBufferPointer { ts in
                while start < n {
                    if projects[start] != lastCode || !lastMonthRange.contains(ts[start]) {
                        lastCode = projects[start]
                        _ = slot(project: columns.projectId.values[Int(lastCode) - 1], ts: ts[start])
                    }
                    var end = start + 1
                    while end < n && projects[end] == lastCode && lastMonthRange.contains(ts[end]) { end += 1 }
                    let slot = lastSlot
                    if remaps[slot] == nil { remaps[slot] = [[UInt32]](repeating: [], count: Column.stringColumns.count) }
                    buffers[slot].append(columns, rows: start..<end, remap: &remaps[slot]!)
                    start = end
                }
            }
        }
        rowCount += n
    }

    /// Removes and returns the buffers of the projects holding the most buffered rows,
    /// largest first, until at most `remaining` rows stay buffered.
    ///
    /// A transaction writes these when its buffer is full and keeps the small projects'
    /// rows to grow: written at every flush, a project with a few rows per flush got a
    /// tiny part each time (16,025 parts for 10M rows of 2,946 Zipf-sized projects).
    /// Each call frees at least `rowCount - remaining` rows, so memory stays bounded.
    mutating func removeLargestProjects(leaving remaining: Int) -> [RowBuffer] {
        guard rowCount > remaining else { return [] }
        var perProject = [String: Int]()
        for b in buffers { perProject[b.projectId, default: 0] += b.count }
        var left = rowCount
        var chosen = Set<String>()
        for (project, rows) in perProject.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
            if left <= remaining { break }
            chosen.insert(project)
            left -= rows
        }
        var taken = [RowBuffer](), kept = [RowBuffer]()
        for b in buffers {
            if chosen.contains(b.projectId) { taken.append(b) } else { kept.append(b) }
        }
        removeAll()
        for b in kept {
            index[PartitionKey(projectId: b.projectId, monthKey: b.monthKey)] = buffers.count
            buffers.append(b)
            rowCount += b.count
        }
        return taken
    }

    mutating func removeAll() {
        remaps.removeAll()
        buffers.removeAll()
        index.removeAll()
        rowCount = 0
        lastProject = nil
        lastProjectBits = StringBits()
        lastMonthRange = 0..<0
    }
}
