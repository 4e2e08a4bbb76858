import TallyExecution

/// Runs a `JoinNode`: the right input is the build side, the left input probes it.
///
/// Build (`JoinBuildSide`): the right rows become one flat chunk with one all-NULL row
/// appended (the partner of a left row without a match), and their keys are numbered by a
/// `GroupTable` (the hash aggregate's table: one word per key per row, open addressing)
/// into chains of rows per key (`head`/`next`, arrays of Int32). Rows with a NULL key never
/// match. Probe: per left chunk, the keys are numbered by the same table and each row
/// walks its key's chain into pair indexes; pairs become output chunks by gathering both
/// sides, and the residual condition (evaluated on those chunks) decides which pairs
/// match. Left rows without a match (LEFT/FULL) pair with the NULL row; right rows never
/// matched (RIGHT/FULL) come last, with NULLs on the left.
///
/// INNER, LEFT and CROSS joins over a streaming left input probe inside the scan's
/// parallel pipeline (`PlanExecutor.pipeline`), one chunk at a time on every worker.
enum HashJoin {
    /// Whether the join can probe chunk by chunk as its left input streams: it keeps no
    /// unmatched right rows, which only the whole probe side decides.
    static func probesAsItStreams(_ node: JoinNode) -> Bool {
        node.kind == .inner || node.kind == .left || node.kind == .cross
    }

    /// The whole join of collected left rows with a build side held in memory.
    static func run(_ node: JoinNode, left: [DataChunk], side: JoinBuildSide) throws -> [DataChunk] {
        if side.isCancelled() { throw ExecutionError.cancelled }
        let keepsRight = node.kind == .right || node.kind == .full
        var buildMatched = [Bool](repeating: false, count: keepsRight ? side.buildCount : 0)
        var out: [DataChunk] = []
        try withUnsafeMutablePointer(to: &buildMatched) { (matched: UnsafeMutablePointer<[Bool]>) throws(SQLError) in
            for chunk in left where chunk.count > 0 {
                out += try side.probe(chunk, buildMatched: keepsRight ? matched : nil)
                if side.isCancelled() { break }
            }
        }
        if side.isCancelled() { throw ExecutionError.cancelled }
        if keepsRight, let unmatched = unmatchedBuildRows(node, side, buildMatched) { out.append(unmatched) }
        return out
    }

    /// RIGHT/FULL: the build rows no probe row matched, with NULLs on the left (nil: none).
    static func unmatchedBuildRows(_ node: JoinNode, _ side: JoinBuildSide, _ matched: [Bool]) -> DataChunk? {
        var unmatched: [Int32] = []
        for j in 0..<side.buildCount where !matched[j] { unmatched.append(Int32(j)) }
        guard !unmatched.isEmpty else { return nil }
        let nullLeft = node.left.types.map { ColumnVector.constant(.null, type: $0, count: unmatched.count) }
        return DataChunk(columns: nullLeft + side.build.gather(unmatched).columns, count: unmatched.count)
    }

    /// Per row, whether any key is NULL (such a row matches nothing).
    static func nullKeyRows(_ keys: [ColumnVector], _ n: Int) -> [Bool] {
        var out = [Bool](repeating: false, count: n)
        for k in keys {
            switch k.storage {
            case .constant(let v):
                if v.isNull { return [Bool](repeating: true, count: n) }
            case .dictionary:
                for i in 0..<n where k.isNull(i) { out[i] = true }
            default:
                guard let valid = k.validity else { continue }
                for i in 0..<n where !valid[i] { out[i] = true }
            }
        }
        return out
    }
}

/// The build side of a hash join: the right rows, their key chains, and the probe.
/// Probing is safe from several threads: the key table is numbered under a lock (once per
/// chunk), the chains and rows are only read.
final class JoinBuildSide: @unchecked Sendable {
    /// Pairs per output chunk.
    static let batch = 16_384

    let node: JoinNode
    /// The right rows, then one all-NULL row.
    let build: DataChunk
    /// Right rows (without the NULL row).
    let buildCount: Int
    let table: GroupTable
    /// Per key group, its first right row (-1: none); per right row, the next of its group.
    let head: [Int32]
    let next: [Int32]
    private let lock = NSLockLike()
    /// The build side's share of the statement's memory budget, held while it is probed.
    var reservation: MemoryReservation?
    /// Polled once per batch of pairs: a cancelled probe stops early (the scan or `run`
    /// then reports the cancellation).
    let isCancelled: () -> Bool

    /// Checks the cancellation between its passes over the rows (each a single loop over
    /// the whole build side).
    init(_ node: JoinNode, _ right: [DataChunk], isCancelled: @escaping () -> Bool) throws {
        self.node = node
        self.isCancelled = isCancelled
        build = ChunkConcatenation.concatenate(right, types: node.right.types, nullRows: 1, isCancelled: isCancelled)
        buildCount = build.count - 1
        if isCancelled() { throw ExecutionError.cancelled }
        table = GroupTable(keyTypes: node.rightKeys.map(\.type))
        var head: [Int32] = []
        var next = [Int32](repeating: -1, count: build.count)
        if !node.rightKeys.isEmpty {
            var keys: [ColumnVector] = []
            for k in node.rightKeys { keys.append(try ExpressionEvaluator.evaluate(k, build)) }
            if isCancelled() { throw ExecutionError.cancelled }
            let groups = table.groups(keys, build.count)
            if isCancelled() { throw ExecutionError.cancelled }
            head = [Int32](repeating: -1, count: table.count)
            let nulls = HashJoin.nullKeyRows(keys, build.count)
            for j in stride(from: buildCount - 1, through: 0, by: -1) where !nulls[j] {
                let g = Int(groups[j])
                next[j] = head[g]
                head[g] = Int32(j)
            }
        }
        self.head = head
        self.next = next
    }

    /// The output of one left chunk: its matching pairs, then (LEFT/FULL) its rows without
    /// a match. Marks the right rows that matched in `buildMatched` when given.
    func probe(_ chunk: DataChunk, buildMatched: UnsafeMutablePointer<[Bool]>?) throws(SQLError) -> [DataChunk] {
        let n = chunk.count
        var out: [DataChunk] = []
        var leftMatched = [Bool](repeating: false, count: n)
        var leftRows: [Int32] = [], rightRows: [Int32] = []
        var stopped = false
        leftRows.reserveCapacity(min(JoinBuildSide.batch, n))
        rightRows.reserveCapacity(min(JoinBuildSide.batch, n))
        func flush() throws(SQLError) {
            if leftRows.isEmpty { return }
            var pairs = DataChunk(columns: chunk.gather(leftRows).columns + build.gather(rightRows).columns, count: leftRows.count)
            var kept: [Int32]? = nil
            if let residual = node.residual, let keep = Logic.selection(try ExpressionEvaluator.evaluate(residual, pairs)) {
                if keep.count < pairs.count { pairs = pairs.gather(keep) }
                kept = keep
            }
            if let kept {
                for p in kept { leftMatched[Int(leftRows[Int(p)])] = true }
                if let buildMatched { for p in kept { buildMatched.pointee[Int(rightRows[Int(p)])] = true } }
            } else {
                for i in leftRows { leftMatched[Int(i)] = true }
                if let buildMatched { for j in rightRows { buildMatched.pointee[Int(j)] = true } }
            }
            if pairs.count > 0 { out.append(pairs) }
            leftRows.removeAll(keepingCapacity: true)
            rightRows.removeAll(keepingCapacity: true)
            stopped = isCancelled()
        }
        if !node.leftKeys.isEmpty {
            var keys: [ColumnVector] = []
            for k in node.leftKeys { keys.append(try ExpressionEvaluator.evaluate(k, chunk)) }
            // Numbering adds the keys the build side lacks (their chains are empty).
            let groups = lock.locked { table.groups(keys, n) }
            let nulls = HashJoin.nullKeyRows(keys, n)
            try head.withUnsafeBufferPointer { (headBuffer: UnsafeBufferPointer<Int32>) throws(SQLError) in
                try next.withUnsafeBufferPointer { (nextBuffer: UnsafeBufferPointer<Int32>) throws(SQLError) in
                    for i in 0..<n where !nulls[i] {
                        // A cancelled probe leaves its loops at once (a `where` would
                        // still walk every remaining row).
                        if stopped { break }
                        let g = Int(groups[i])
                        var j = g < headBuffer.count ? headBuffer[g] : -1
                        while j >= 0 && !stopped {
                            leftRows.append(Int32(i))
                            rightRows.append(j)
                            if leftRows.count >= JoinBuildSide.batch { try flush() }
                            j = nextBuffer[Int(j)]
                        }
                    }
                }
            }
        } else {
            pairs: for i in 0..<n {
                for j in 0..<buildCount {
                    leftRows.append(Int32(i))
                    rightRows.append(Int32(j))
                    if leftRows.count >= JoinBuildSide.batch {
                        try flush()
                        if stopped { break pairs }
                    }
                }
            }
        }
        try flush()
        if node.kind == .left || node.kind == .full {
            var unmatched: [Int32] = []
            for i in 0..<n where !leftMatched[i] { unmatched.append(Int32(i)) }
            if !unmatched.isEmpty {
                let nulls = [Int32](repeating: Int32(buildCount), count: unmatched.count)
                out.append(DataChunk(columns: chunk.gather(unmatched).columns + build.gather(nulls).columns, count: unmatched.count))
            }
        }
        return out
    }
}

/// Several chunks as one chunk of flat vectors (the build side of a join, which is gathered
/// from by row number).
enum ChunkConcatenation {
    /// The rows of `chunks`, then `nullRows` rows of NULLs. Once `isCancelled` says so it
    /// stops between columns (a column of millions of rows is one pass) and returns a
    /// chunk short of columns, which the caller, checking the cancellation, throws away.
    static func concatenate(_ chunks: [DataChunk], types: [LogicalType], nullRows: Int,
                            isCancelled: () -> Bool = { false }) -> DataChunk {
        let total = chunks.reduce(0) { $0 + $1.count } + nullRows
        var columns: [ColumnVector] = []
        for (j, type) in types.enumerated() {
            if isCancelled() { break }
            let parts = chunks.filter { $0.count > 0 }.map { $0.columns[j] }
            columns.append(flat(parts, type: type, total: total, nullRows: nullRows) ?? built(parts, type: type, total: total, nullRows: nullRows))
        }
        return DataChunk(columns: columns, count: total)
    }

    /// Flat vectors of one storage kind, appended array to array (no per-row values).
    static func flat(_ parts: [ColumnVector], type: LogicalType, total: Int, nullRows: Int) -> ColumnVector? {
        // A vector's arrays may be longer than its count (a scan's batch buffers are
        // reused): only the first `count` values of each are its rows.
        func join<T>(_ arrays: [[T]], filler: T) -> [T] {
            var out: [T] = []
            out.reserveCapacity(total)
            for (a, p) in zip(arrays, parts) { out += a.prefix(p.count) }
            out += repeatElement(filler, count: nullRows)
            return out
        }
        var validity = [Bool]()
        validity.reserveCapacity(total)
        for p in parts { validity += p.validity.map { $0.prefix(p.count) } ?? [Bool](repeating: true, count: p.count)[...] }
        validity += repeatElement(false, count: nullRows)
        let valid: [Bool]? = validity.allSatisfy { $0 } ? nil : validity
        var ints: [[Int64]] = [], huges: [[Int128]] = [], doubles: [[Double]] = [], bools: [[Bool]] = [], strings: [[String]] = []
        for p in parts {
            switch p.storage {
            case .int64(let a): ints.append(a)
            case .int128(let a): huges.append(a)
            case .double(let a): doubles.append(a)
            case .bool(let a): bools.append(a)
            case .string(let a): strings.append(a)
            default: return nil
            }
        }
        let n = parts.count
        if ints.count == n, type.isInt64Backed { return ColumnVector(type: type, storage: .int64(join(ints, filler: 0)), validity: valid, count: total) }
        if huges.count == n, type.isInt128Backed { return ColumnVector(type: type, storage: .int128(join(huges, filler: 0)), validity: valid, count: total) }
        if doubles.count == n, type == .double { return ColumnVector(type: type, storage: .double(join(doubles, filler: 0)), validity: valid, count: total) }
        if bools.count == n, type == .boolean { return ColumnVector(type: type, storage: .bool(join(bools, filler: false)), validity: valid, count: total) }
        if strings.count == n, type == .varchar { return ColumnVector(type: type, storage: .string(join(strings, filler: "")), validity: valid, count: total) }
        return nil
    }

    /// Any vectors (dictionaries, constants), value by value.
    static func built(_ parts: [ColumnVector], type: LogicalType, total: Int, nullRows: Int) -> ColumnVector {
        var builder = VectorBuilder(type: type, capacity: total)
        for v in parts {
            for i in 0..<v.count { builder.append(v.value(i)) }
        }
        for _ in 0..<nullRows { builder.append(.null) }
        return builder.finish()
    }
}
