/// A read position in one sorted run of an `ExternalSort`: the current block, its sort
/// keys evaluated once per block, and the row.
struct RunCursor {
    private var reader: SpillFile.Reader
    let types: [LogicalType]
    let sortKeys: [BoundSortKey]
    private(set) var chunk: DataChunk
    private(set) var keys: [ColumnVector]
    private(set) var row = 0

    /// A cursor on the run's first row; nil for an empty run.
    init?(_ reader: SpillFile.Reader, types: [LogicalType], keys: [BoundSortKey]) throws {
        self.reader = reader
        self.types = types
        self.sortKeys = keys
        chunk = DataChunk(columns: [], count: 0)
        self.keys = []
        guard try load() else { return nil }
    }

    /// Reads the next non-empty block; false at the end of the run.
    private mutating func load() throws -> Bool {
        while let bytes = try reader.next() {
            let next = ChunkCodec.decode(bytes, types: types)
            guard next.count > 0 else { continue }
            chunk = next
            keys = []
            for k in sortKeys { keys.append(try ExpressionEvaluator.evaluate(k.expression, next)) }
            row = 0
            return true
        }
        return false
    }

    /// Moves to the next row; false at the end of the run.
    mutating func advance() throws -> Bool {
        row += 1
        if row < chunk.count { return true }
        return try load()
    }

    /// The ORDER BY comparison of the two cursors' current rows (-1, 0, 1).
    func compare(to other: RunCursor, _ sortKeys: [BoundSortKey]) -> Int {
        for (k, key) in sortKeys.enumerated() {
            let c = SortComparator.compare(keys[k].value(row), other.keys[k].value(other.row), key)
            if c != 0 { return c }
        }
        return 0
    }
}
