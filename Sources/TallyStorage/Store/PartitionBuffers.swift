/// A project and UTC month: the unit of partitioning.
public struct PartitionKey: Hashable, Sendable {
    /// The project.
    public var projectId: String
    /// Year * 12 + month - 1.
    public var monthKey: Int32
}

/// Rows waiting to be written, one `RowBuffer` per partition.
struct PartitionBuffers: Sendable {
    var buffers: [PartitionKey: RowBuffer] = [:]
    var rowCount = 0
    private var lastKey: PartitionKey? = nil

    mutating func append(_ r: UsageRecord) {
        let month = CivilDate.monthKey(forDayNumber: r.day)
        let key: PartitionKey
        if let k = lastKey, k.monthKey == month, k.projectId == r.projectId {
            key = k
        } else {
            key = PartitionKey(projectId: r.projectId, monthKey: month)
            lastKey = key
        }
        buffers[key, default: RowBuffer(projectId: key.projectId, monthKey: key.monthKey)].append(r)
        rowCount += 1
    }

    mutating func removeAll() {
        buffers.removeAll()
        rowCount = 0
        lastKey = nil
    }
}
