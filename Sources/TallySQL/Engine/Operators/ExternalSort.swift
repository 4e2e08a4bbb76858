import TallyExecution

/// ORDER BY within the statement's memory budget: rows are buffered while the sort's
/// `MemoryReservation` can grow; when it cannot, the buffer is sorted and written to a
/// spill file as a run, and the reservation is given back. At the end the runs (and the
/// last buffer, as one more run) are merged k ways, `fanIn` at a time, so a merge holds
/// one block per run it reads. Without a spill, the buffer is sorted in memory exactly as
/// `Sorter.sort` does: a sort that fits costs what it did before.
///
/// Runs keep input order among themselves and each run is stable, and the merge takes the
/// earlier run on ties, so the sort stays stable across spills.
final class ExternalSort {
    /// Rows per block of a run file (and per output chunk of a merge).
    static let blockRows = 4096
    /// Runs merged at once; more runs are merged in passes.
    static let fanIn = 64
    /// A chunk over the whole budget is split in halves down to this many rows.
    static let smallestSplit = 256

    let keys: [BoundSortKey]
    let memory: StatementMemory
    let isCancelled: () -> Bool
    private let reservation: MemoryReservation
    private var buffered: [DataChunk] = []
    private var types: [LogicalType]?
    private var runs: [SpillFile] = []

    init(keys: [BoundSortKey], memory: StatementMemory, isCancelled: @escaping () -> Bool) {
        self.keys = keys
        self.memory = memory
        self.isCancelled = isCancelled
        reservation = MemoryReservation(memory.budget)
    }

    /// Whether the sort has written runs to disk.
    var hasSpilled: Bool { !runs.isEmpty }

    /// Takes one chunk of input, spilling the buffer first if the chunk does not fit.
    func add(_ chunk: DataChunk) throws {
        guard chunk.count > 0 else { return }
        if types == nil { types = chunk.columns.map(\.type) }
        let bytes = ChunkSize.sortBytes(chunk, keyCount: keys.count)
        if !reservation.grow(by: bytes) {
            if !buffered.isEmpty { try spillBuffer() }
            if !reservation.grow(by: bytes) {
                // A chunk larger than the whole budget is taken in halves down to
                // `smallestSplit` rows (the least a sort holds, even past its budget).
                if chunk.count > Self.smallestSplit {
                    let half = Int32(chunk.count / 2)
                    try add(chunk.gather(Array(0..<half)))
                    try add(chunk.gather(Array(half..<Int32(chunk.count))))
                    return
                }
                reservation.force(bytes)
            }
        }
        buffered.append(chunk)
    }

    /// Takes everything another worker's sort holds.
    func absorb(_ other: ExternalSort) throws {
        runs += other.runs
        other.runs = []
        for chunk in other.buffered { try add(chunk) }
        other.buffered = []
        other.reservation.releaseAll()
    }

    /// The sorted rows (the first `limit` when given).
    func finish(limit: Int?) throws -> [DataChunk] {
        defer { reservation.releaseAll() }
        guard let types else { return [] }
        if runs.isEmpty {
            let chunks = buffered
            buffered = []
            return try Sorter.sort(chunks, keys: keys, limit: limit, isCancelled: isCancelled)
        }
        if !buffered.isEmpty { try spillBuffer() }
        while runs.count > Self.fanIn {
            var merged: [SpillFile] = []
            for start in stride(from: 0, to: runs.count, by: Self.fanIn) {
                let group = Array(runs[start..<min(start + Self.fanIn, runs.count)])
                let file = try memory.spill.makeFile("sort-run")
                try merge(group, types: types, limit: limit) { chunk throws in try write(chunk, to: file) }
                for f in group { f.remove() }
                merged.append(file)
            }
            runs = merged
        }
        var out: [DataChunk] = []
        try merge(runs, types: types, limit: limit) { out.append($0) }
        for f in runs { f.remove() }
        runs = []
        return out
    }

    /// Sorts the buffer, writes it as a run, and gives its memory back.
    private func spillBuffer() throws {
        let sorted = try SortedRows(buffered, keys: keys, limit: nil, isCancelled: isCancelled)
        let file = try memory.spill.makeFile("sort-run")
        let types = types!
        for start in stride(from: 0, to: sorted.order.count, by: Self.blockRows) {
            if isCancelled() { throw ExecutionError.cancelled }
            try write(sorted.gather(start..<min(start + Self.blockRows, sorted.order.count), types: types), to: file)
        }
        try file.flush()
        runs.append(file)
        buffered = []
        reservation.releaseAll()
    }

    private func write(_ chunk: DataChunk, to file: SpillFile) throws {
        let bytes = ChunkCodec.encode(chunk)
        memory.recordSpill(bytes: bytes.count + 8)
        try file.append(bytes)
    }

    /// Merges sorted runs into `emit`, a block at a time; ties go to the earlier run.
    private func merge(_ files: [SpillFile], types: [LogicalType], limit: Int?,
                       _ emit: (DataChunk) throws -> Void) throws {
        var cursors: [RunCursor] = []
        for f in files {
            if let c = try RunCursor(try f.reader(), types: types, keys: keys) { cursors.append(c) }
        }
        // A binary heap of cursor indexes, smallest current row first.
        func less(_ a: Int, _ b: Int) -> Bool {
            let c = cursors[a].compare(to: cursors[b], keys)
            return c != 0 ? c < 0 : a < b
        }
        var heap = MergeHeap(count: cursors.count, less: less)
        var builders = types.map { VectorBuilder(type: $0, capacity: Self.blockRows) }
        var pending = 0
        var remaining = limit ?? Int.max
        func flush() throws {
            guard pending > 0 else { return }
            try emit(DataChunk(columns: builders.map { $0.finish() }, count: pending))
            builders = types.map { VectorBuilder(type: $0, capacity: Self.blockRows) }
            pending = 0
        }
        while let top = heap.top, remaining > 0 {
            let cursor = cursors[top]
            for j in types.indices { builders[j].append(cursor.chunk.columns[j].value(cursor.row)) }
            pending += 1
            remaining -= 1
            if pending == Self.blockRows {
                if isCancelled() { throw ExecutionError.cancelled }
                try flush()
            }
            if try cursors[top].advance() { heap.siftDownTop(less: less) } else { heap.removeTop(less: less) }
        }
        try flush()
    }
}
