import Foundation
import TallyStore
import TallyFormat
import TallyExecution

/// Runs a plan on a snapshot. A chain of filters and projections over the scan runs as
/// one pipeline per worker thread (parts are dealt out one at a time); what is above runs
/// on the collected chunks.
package final class PlanExecutor: @unchecked Sendable {
    let snapshot: Snapshot
    let engine: QueryEngine
    let threads: Int
    let isCancelled: () -> Bool
    /// The statement's memory budget and spill folder, shared with child executors.
    let memory: StatementMemory
    let counters = ScanCounters()
    let resident: ResidentCache
    /// CTEs, derived tables and subqueries already computed in this run.
    let materialized = MaterializedResults()

    /// The side tables' rows, read at most once per run (shared with child executors).
    let sideTables: SideTableRows

    /// An executor over `snapshot`, keeping decoded columns in `resident`, reading side
    /// tables (`rates`, ...) from `sideTables`, and drawing on the statement's `memory`.
    package convenience init(snapshot: Snapshot, engine: QueryEngine, threads: Int = 2, resident: ResidentCache = .shared,
                             sideTables: (any SideTableSource)? = nil, memory: StatementMemory = StatementMemory(),
                             isCancelled: @escaping () -> Bool = { false }) {
        self.init(snapshot: snapshot, engine: engine, threads: threads, resident: resident, sideTableRows: SideTableRows(sideTables),
                  memory: memory, isCancelled: isCancelled)
    }

    /// A child executor (a correlated subquery's, a LATERAL query's) sharing `parent`'s
    /// snapshot, caches, side tables and memory.
    convenience init(childOf parent: PlanExecutor) {
        self.init(snapshot: parent.snapshot, engine: parent.engine, threads: 1, resident: parent.resident,
                  sideTableRows: parent.sideTables, memory: parent.memory, isCancelled: parent.isCancelled)
    }

    init(snapshot: Snapshot, engine: QueryEngine, threads: Int, resident: ResidentCache, sideTableRows: SideTableRows,
         memory: StatementMemory, isCancelled: @escaping () -> Bool) {
        self.snapshot = snapshot
        self.memory = memory
        self.engine = engine
        self.threads = max(1, threads)
        self.resident = resident
        self.sideTables = sideTableRows
        self.isCancelled = isCancelled
    }

    /// A table node's rows: a file's, read when it was bound, or a side table's.
    func tableRows(_ node: TableNode) throws -> DataChunk {
        switch node.source {
        case .file(_, _, let rows): return rows
        case .side(let table): return try sideTables.rows(of: table, at: node.range)
        }
    }

    /// Rows decoded by the plan's scans.
    package var rowsScanned: Int { counters.rowsScanned }
    /// Parts opened and skipped.
    package var partsRead: Int { counters.partsRead }
    package var partsSkipped: Int { counters.partsSkipped }

    /// The plan's output.
    package func run(_ plan: LogicalPlan) throws -> [DataChunk] {
        try execute(try resolvingSubqueries(plan))
    }

    func execute(_ plan: LogicalPlan) throws -> [DataChunk] {
        switch plan {
        case .scan, .filter, .project:
            return try pipeline(plan, limit: nil) { CollectSink(limit: nil) }
        case .values(let rows, let types):
            let columns = types.indices.map { j in ColumnVector.build(type: types[j], count: rows.count) { rows[$0][j] } }
            return [DataChunk(columns: columns, count: rows.count)]
        case .series(let node):
            return [try SeriesGenerator.rows(node, isCancelled: isCancelled)]
        case .table(let node):
            return [try tableRows(node)]
        case .lateral(let node):
            return try LateralJoin.run(node, left: try run(node.left), executor: self)
        case .unnest(let input, let columns):
            return UnnestOperator.apply(try run(input), columns: columns, types: plan.types)
        case .aggregate(let input, let spec):
            return try pipeline(input, limit: nil, sinkColumns: spec.referencedColumns) { AggregateSink(spec: spec) }
        case .limit(let input, let limit, let offset):
            // LIMIT 0 reads nothing (and so cannot fail on a row it would not return).
            if limit == 0 { return [DataChunk(columns: input.types.map { .constant(.null, type: $0, count: 0) }, count: 0)] }
            let rows: [DataChunk]
            if case .sort(let sorted, let keys) = input, let limit, isStreaming(sorted) {
                let narrowed = try narrowedTopN(sorted, keys: keys, count: limit + offset) ?? sorted
                rows = try pipeline(narrowed, limit: nil) { TopNSink(keys: keys, limit: limit + offset) }
            } else if case .sort(let sorted, let keys) = input, let limit {
                rows = try self.sorted(sorted, keys: keys, limit: limit + offset)
            } else if isStreaming(input), let limit {
                rows = try pipeline(input, limit: limit + offset) { CollectSink(limit: limit + offset) }
            } else {
                rows = try run(input)
            }
            return Sorter.slice(rows, offset: offset, limit: limit)
        case .sort(let input, let keys):
            return try sorted(input, keys: keys, limit: nil)
        case .window(let input, let functions):
            return try WindowOperator.apply(try run(input), functions, inputTypes: input.types, isCancelled: isCancelled)
        case .distinct(let input, let on):
            return try Distinct.apply(try run(input), onColumns: on, isCancelled: isCancelled)
        case .relation(let relation) where isStreaming(relation.plan):
            return try pipeline(plan, limit: nil) { CollectSink(limit: nil) }
        case .relation(let relation):
            if let rows = materialized.lookup(ObjectIdentifier(relation)) { return rows }
            let rows = try run(relation.plan)
            materialized.store(ObjectIdentifier(relation), rows)
            return rows
        case .setOperation(let node):
            return try SetOperationExecutor.apply(node, left: try run(node.left), right: try run(node.right), isCancelled: isCancelled)
        case .join where isStreaming(plan):
            return try pipeline(plan, limit: nil) { CollectSink(limit: nil) }
        case .join(let node):
            // The build side first: the probe side then runs through it.
            switch try buildSide(node) {
            case .inMemory(let side):
                return try HashJoin.run(node, left: try run(node.left), side: side)
            case .partitioned(let build):
                var out: [DataChunk] = []
                try partitionedJoin(node, build) { out.append($0) }
                return out
            }
        case .storeAggregate(let prepared, let types, let operators):
            if let operators, resident.isEnabled, !RollupCost.pays(prepared, snapshot) {
                return try execute(operators)
            }
            let table = try prepared.execute(on: snapshot, engine: engine, isCancelled: isCancelled)
            counters.add(rowsScanned: table.scannedRows)
            let columns = types.indices.map { j in
                ColumnVector.build(type: types[j], count: table.rows.count) { ScalarValue(table.rows[$0][j], types[j]) }
            }
            return [DataChunk(columns: columns, count: table.rows.count)]
        }
    }

    func isStreaming(_ plan: LogicalPlan) -> Bool {
        switch plan {
        case .scan: return true
        case .filter(let p, _), .project(let p, _): return isStreaming(p)
        case .join(let j): return HashJoin.probesAsItStreams(j) && isStreaming(j.left)
        case .relation(let r): return isStreaming(r.plan)
        default: return false
        }
    }

    /// Streaming operators between a source and a sink.
    enum Step {
        case filter(BoundExpression)
        case project([BoundExpression])
        /// The probe of a hash join whose build side is ready (one chunk in, pairs out).
        case probe(JoinBuildSide)
    }

    /// Runs `plan` (filters and projections over a source) into sinks made by `makeSink`.
    ///
    /// `sinkColumns` are the input columns the sink reads (nil: all); a filter gathers its
    /// kept rows of only the columns read after it, the others becoming NULL constants.
    func pipeline(_ plan: LogicalPlan, limit: Int?, sinkColumns: Set<Int>? = nil,
                  _ makeSink: () -> ChunkSink) throws -> [DataChunk] {
        var steps: [Step] = []
        var node = plan
        /// A join whose build side outgrew the budget: its partitions feed the steps above it.
        var spilledJoin: (JoinNode, JoinPartitions)?
        while true {
            switch node {
            case .filter(let p, let e): steps.append(.filter(e)); node = p; continue
            case .project(let p, let e): steps.append(.project(e)); node = p; continue
            case .relation(let r) where isStreaming(r.plan):
                // Filters and projections of usage are read straight from the scan, in
                // parallel, not collected first (the relation's steps run before the outer ones).
                node = try resolvingSubqueries(r.plan)
                continue
            case .join(let j) where isStreaming(node):
                // The build side runs now, before the workers start probing.
                switch try buildSide(j) {
                case .inMemory(let side):
                    steps.append(.probe(side))
                    node = j.left
                    continue
                case .partitioned(let build):
                    spilledJoin = (j, build)
                }
            default: break
            }
            break
        }
        steps.reverse()
        // The filter right above the scan checks per row only what the scan's pruning
        // (its projects and days) does not already enforce.
        if case .scan(let scan) = node, case .filter(let e)? = steps.first {
            if let rest = Optimizer.residual(e, over: scan) { steps[0] = .filter(rest) } else { steps.removeFirst() }
        }
        // Per step, the columns read after it (nil: all of them).
        var readAfter = [Set<Int>?](repeating: nil, count: steps.count)
        var later = sinkColumns
        for (i, step) in steps.enumerated().reversed() {
            readAfter[i] = later
            switch step {
            case .filter(let e): later = later.map { $0.union(e.referencedColumns) }
            case .project(let exprs): later = Set(exprs.flatMap(\.referencedColumns))
            // A join's output numbers columns its own way: before it, every column is kept.
            case .probe: later = nil
            }
        }
        func push(_ chunk: DataChunk, _ sink: ChunkSink, from first: Int = 0) throws(SQLError) -> Bool {
            var c = chunk
            for s in first..<steps.count {
                switch steps[s] {
                case .filter(let e):
                    if let keep = try SelectionFilter.select(e, c) { c = c.gather(keep, columns: readAfter[s]) }
                case .project(let exprs):
                    var cols: [ColumnVector] = []
                    for e in exprs { cols.append(try ExpressionEvaluator.evaluate(e, c)) }
                    c = DataChunk(columns: cols, count: c.count)
                case .probe(let side):
                    // Each output piece goes through the steps after the join.
                    for piece in try side.probe(c, buildMatched: nil) {
                        if try !push(piece, sink, from: s + 1) { return false }
                    }
                    return true
                }
                if c.count == 0 { return true }
            }
            return try sink.consume(c)
        }
        if let (j, build) = spilledJoin {
            let sink = makeSink()
            var more = true
            try partitionedJoin(j, build) { chunk in
                if more { more = try push(chunk, sink) }
            }
            return try sink.finish()
        }
        guard case .scan(let scan) = node else {
            let sink = makeSink()
            for chunk in try run(node) {
                if isCancelled() { throw ExecutionError.cancelled }
                if try !push(chunk, sink) { break }
            }
            return try sink.finish()
        }
        let scanner = TableScanOperator(scan, counters: counters)
        let parts = scanner.candidateParts(snapshot)
        counters.add(partsSkipped: snapshot.parts.count - parts.count)
        let units = try scanner.units(parts, snapshot: snapshot, threads: threads, cache: resident)
        let dictionaries = scanner.residentDictionaries(resident)
        let workers = min(threads, max(1, units.count))
        let sinks = (0..<workers).map { _ in makeSink() }
        let next = NextIndex()
        let stop = StopFlag()
        let errors = ErrorBox()
        let work = { (w: Int) in
            let batch = ColumnBatch()
            while !stop.isSet {
                let i = next.take()
                guard i < units.count else { break }
                do {
                    let more: Bool
                    switch units[i] {
                    case .segment(let segment, let rows):
                        if self.isCancelled() { throw ExecutionError.cancelled }
                        let chunk = scanner.chunk(of: segment, rows: rows, dictionaries: dictionaries)
                        scanner.counters.add(rowsScanned: chunk.count)
                        more = try push(chunk, sinks[w])
                    case .part(let handle, let rows):
                        more = try scanner.scanPart(handle, limit: rows, batch: batch, isCancelled: self.isCancelled) { (chunk: DataChunk) throws(SQLError) -> Bool in
                            try push(chunk, sinks[w]) && !stop.isSet
                        }
                    }
                    if !more { stop.set() }
                } catch {
                    errors.record(error)
                    stop.set()
                }
            }
        }
        if workers == 1 {
            work(0)
        } else {
            let box = UncheckedBox(work)
            DispatchQueue.concurrentPerform(iterations: workers) { w in box.value(w) }
        }
        if let e = errors.first { throw e }
        // A cancelled join probe or sink stops early without an error of its own: never
        // return its part.
        if isCancelled() { throw ExecutionError.cancelled }
        for s in sinks.dropFirst() { try sinks[0].absorb(s) }
        return try sinks[0].finish()
    }
}

/// A shared counter handing out part indexes.
final class NextIndex: @unchecked Sendable {
    private let lock = NSLockLike()
    private var value = 0
    func take() -> Int { lock.locked { defer { value += 1 }; return value } }
}

/// A flag workers poll to stop early.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLockLike()
    private var value = false
    var isSet: Bool { lock.locked { value } }
    func set() { lock.locked { value = true } }
}

/// The first error of any worker.
final class ErrorBox: @unchecked Sendable {
    private let lock = NSLockLike()
    private var errors: [Error] = []
    func record(_ e: Error) { lock.locked { errors.append(e) } }
    var first: Error? { lock.locked { errors.first } }
}

extension ScalarValue {
    /// A result-layer value read back as an engine value of `type`.
    init(_ v: SQLValue, _ type: LogicalType) {
        switch v {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let x): self = .int(x)
        case .money(let nanos):
            let s = type.scale
            self = .int(s >= 9 ? nanos * LogicalType.powerOfTen(s - 9) : nanos / LogicalType.powerOfTen(9 - s))
        case .double(let d):
            if type.isNumeric && type != .double, d.isFinite {
                self = .int(Int128((d * LogicalType.powerOfTen(type.scale).nearestDouble).rounded(.toNearestOrAwayFromZero)))
            } else {
                self = .double(d)
            }
        case .string(let s): self = .string(s)
        case .date(let d): self = .date(d)
        case .timestamp(let ms): self = .timestamp(ms * 1000)
        }
    }
}

/// Hands a value to worker threads; the pipeline's state is per worker or locked.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
