/// A project and UTC month: the unit of partitioning.
public struct PartitionKey: Hashable, Sendable {
    /// The project.
    public var projectId: String
    /// Year * 12 + month - 1.
    public var monthKey: Int32
}

/// Rows waiting to be written, one `RowBuffer` per partition.
struct PartitionBuffers: Sendable {
    private(set) var buffers: [RowBuffer] = []
    private var index: [PartitionKey: Int] = [:]
    private(set) var rowCount = 0
    /// Strings that passed validation most recently.
    var validation = RecordValidator.Cache()
    // Consecutive records almost always share a partition: remember the last one so that
    // an append costs a string comparison, not a hash of the key.
    private var lastProject: String? = nil
    private var lastMonth: Int32 = 0
    private var lastSlot = 0
    private var lastDayRange: Range<Int64> = 0..<0

    mutating func append(_ r: borrowing UsageRecord) {
        let slot: Int
        if lastDayRange.contains(r.ts), let p = lastProject, p == r.projectId {
            slot = lastSlot
        } else {
            let day = r.day
            let month = CivilDate.monthKey(forDayNumber: day)
            let key = PartitionKey(projectId: r.projectId, monthKey: month)
            if let existing = index[key] {
                slot = existing
            } else {
                slot = buffers.count
                buffers.append(RowBuffer(projectId: key.projectId, monthKey: key.monthKey))
                index[key] = slot
            }
            lastProject = r.projectId
            lastMonth = month
            lastSlot = slot
            let dayStart = Int64(day) * CivilDate.millisecondsPerDay
            lastDayRange = dayStart..<(dayStart + CivilDate.millisecondsPerDay)
        }
        buffers[slot].append(r)
        rowCount += 1
    }

    mutating func removeAll() {
        buffers.removeAll()
        index.removeAll()
        rowCount = 0
        lastProject = nil
        lastDayRange = 0..<0
    }
}
