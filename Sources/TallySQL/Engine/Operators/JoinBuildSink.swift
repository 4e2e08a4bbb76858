import TallyExecution

/// Collects one side of a hash join at the end of a pipeline: in memory while the join's
/// `MemoryReservation` can grow, then (for the build side, once the budget is spent; for
/// the probe side of a spilled join, from the start) as `JoinPartitions` on disk.
///
/// As `SortSink`: a sink may only throw `SQLError`, so a spill failure or a cancellation
/// met while writing is kept in `failure` and thrown by the executor.
final class JoinBuildSink: ChunkSink {
    let keys: [BoundExpression]
    let types: [LogicalType]
    let memory: StatementMemory
    let reservation: MemoryReservation
    let isCancelled: () -> Bool
    private(set) var chunks: [DataChunk] = []
    private(set) var partitions: JoinPartitions?
    private var kept = SinkFailure()
    /// The error that stopped the sink, if any (see `SinkFailure`).
    var failure: Error? { kept.error }

    /// A sink for rows of `types` keyed by `keys`; `partitioned` writes every row to
    /// partitions from the start.
    init(keys: [BoundExpression], types: [LogicalType], memory: StatementMemory, partitioned: Bool,
         isCancelled: @escaping () -> Bool) {
        self.keys = keys
        self.isCancelled = isCancelled
        self.types = types
        self.memory = memory
        reservation = MemoryReservation(memory.budget)
        if partitioned { partitions = JoinPartitions(keys: keys, types: types, memory: memory) }
    }

    /// Bytes a build side holds per chunk: the rows, their concatenated copy, and the
    /// key table and chains (about 24 bytes a row).
    static func bytes(_ chunk: DataChunk) -> Int { 2 * ChunkSize.bytes(chunk) + 24 * chunk.count }

    func consume(_ chunk: DataChunk) throws(SQLError) -> Bool {
        try kept.run { try add(chunk) }
    }

    /// Takes a chunk (outside a pipeline, for a collected input).
    func add(_ chunk: DataChunk) throws {
        guard chunk.count > 0 else { return }
        if let partitions { return try partitions.add(chunk) }
        if reservation.grow(by: Self.bytes(chunk)) {
            chunks.append(chunk)
            return
        }
        try spill()
        try partitions!.add(chunk)
    }

    /// Moves what is held in memory to partitions and gives its memory back.
    func spill() throws {
        guard partitions == nil else { return }
        let p = JoinPartitions(keys: keys, types: types, memory: memory)
        for c in chunks {
            if isCancelled() { throw ExecutionError.cancelled }
            try p.add(c)
        }
        partitions = p
        chunks = []
        reservation.releaseAll()
    }

    func absorb(_ other: ChunkSink) throws(SQLError) {
        let other = other as! JoinBuildSink
        kept.adopt(other.kept)
        _ = try kept.run {
            if partitions == nil && other.partitions == nil {
                // Both in memory: this sink now holds the other's rows and their share.
                reservation.force(other.reservation.bytes)
                other.reservation.releaseAll()
                chunks += other.chunks
                return
            }
            try spill()
            try other.spill()
            partitions!.absorb(other.partitions!)
        }
    }

    /// Nothing: the executor reads `chunks` or `partitions`.
    func finish() throws(SQLError) -> [DataChunk] { [] }
}
