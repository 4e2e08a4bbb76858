/// Rows of one side of a hash join split by the hash of their join keys into
/// `JoinPartitions.count` groups of spill files, so that partition p of the build side
/// only ever matches partition p of the probe side (equal keys hash alike; NULL keys,
/// which match nothing, land in some partition and stay unmatched there).
///
/// Each partition is a list of files (one per worker that wrote it), read back chunk by
/// chunk; a partition is removed once joined.
final class JoinPartitions {
    /// Partitions per spilled join: a build side up to `count` times its budget is joined
    /// one in-memory partition at a time (a larger or skewed one still fits in memory only
    /// partition by partition, with no second split).
    static let count = 64

    let keys: [BoundExpression]
    let types: [LogicalType]
    let memory: StatementMemory
    private(set) var files: [[SpillFile]]
    private var writers: [SpillFile?]

    init(keys: [BoundExpression], types: [LogicalType], memory: StatementMemory) {
        self.keys = keys
        self.types = types
        self.memory = memory
        files = Array(repeating: [], count: Self.count)
        writers = Array(repeating: nil, count: Self.count)
    }

    /// Writes each row of `chunk` to its key's partition.
    func add(_ chunk: DataChunk) throws {
        guard chunk.count > 0 else { return }
        var keyVectors: [ColumnVector] = []
        for k in keys { keyVectors.append(try ExpressionEvaluator.evaluate(k, chunk)) }
        var rows = [[Int32]](repeating: [], count: Self.count)
        for i in 0..<chunk.count {
            var hasher = Hasher()
            for v in keyVectors { hasher.combine(Distinct.normalized(v.value(i))) }
            rows[Int(UInt(bitPattern: hasher.finalize()) % UInt(Self.count))].append(Int32(i))
        }
        for (p, picked) in rows.enumerated() where !picked.isEmpty {
            let file: SpillFile
            if let open = writers[p] {
                file = open
            } else {
                file = try memory.spill.makeFile("join-partition")
                writers[p] = file
                files[p].append(file)
            }
            let bytes = ChunkCodec.encode(picked.count == chunk.count ? chunk : chunk.gather(picked))
            memory.recordSpill(bytes: bytes.count + 8)
            try file.append(bytes)
        }
    }

    /// Takes another worker's partitions (its files join the same partition numbers).
    func absorb(_ other: JoinPartitions) {
        for p in 0..<Self.count { files[p] += other.files[p] }
        other.files = Array(repeating: [], count: Self.count)
    }

    /// Calls `body` with each chunk of partition `p`, file by file.
    func forEachChunk(of p: Int, _ body: (DataChunk) throws -> Void) throws {
        for file in files[p] {
            var reader = try file.reader()
            while let bytes = try reader.next() { try body(ChunkCodec.decode(bytes, types: types)) }
        }
    }

    /// Deletes partition `p`'s files.
    func remove(_ p: Int) {
        for f in files[p] { f.remove() }
        files[p] = []
    }
}
