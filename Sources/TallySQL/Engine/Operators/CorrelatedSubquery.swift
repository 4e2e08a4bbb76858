import Foundation

/// A correlated subquery as an expression: for each distinct combination of the outer
/// values it reads (its key), the subquery runs once with those values in its slots, on a
/// fresh single-threaded executor (its CTEs and derived tables may depend on the key), and
/// its answer is cached for the other rows with the same key. Answers are DuckDB's: a
/// scalar subquery's one value (NULL without rows, an error with more), EXISTS, and IN with
/// SQL's NULL rules.
///
/// The cost is one run per distinct key, so this suits keys with few values (a model, a
/// user, a day); past `maxKeys` the query is refused with a hint to write a join.
enum CorrelatedSubquery {
    /// At most this many distinct keys per subquery occurrence.
    static let maxKeys = 100_000

    /// What one run gives.
    enum Outcome {
        case value(ScalarValue)
        case values(Set<ScalarValue>, hasNull: Bool, isEmpty: Bool)
    }

    /// The expression computing `s` per row: `operands` are IN's operand (for IN) then the
    /// outer key values, in the order of `s.slots`.
    static func expression(_ s: BoundSubquery, _ operands: [BoundExpression], executor: PlanExecutor) -> BoundExpression {
        let cache = Cache(range: s.range, lock: s.runLock)
        let keyCount = s.slots.count
        let kernel: ScalarKernel = { (args: [ColumnVector], n: Int) throws(SQLError) -> ColumnVector in
            let keys = Array(args.suffix(keyCount))
            var out: [ScalarValue] = []
            out.reserveCapacity(n)
            for i in 0..<n {
                let key = keys.map { Distinct.normalized($0.value(i)) }
                let outcome = try cache.outcome(key) { () throws(SQLError) -> Outcome in try run(s, key, executor) }
                switch (s.kind, outcome) {
                case (.membership(let negated), .values(let set, let hasNull, let isEmpty)):
                    let x = args[0].value(i)
                    if isEmpty { out.append(.bool(negated)) }
                    else if x.isNull { out.append(.null) }
                    else if set.contains(Distinct.normalized(x)) { out.append(.bool(!negated)) }
                    else { out.append(hasNull ? .null : .bool(negated)) }
                case (_, .value(let v)):
                    out.append(v)
                default:
                    out.append(.null)
                }
            }
            return ColumnVector.build(type: s.type, count: n) { out[$0] }
        }
        let name = "correlated subquery on (" + s.slots.map(\.name).joined(separator: ", ") + ")"
        return .call(BoundFunction(name: name, returnType: s.type, canFail: true, kernel: kernel), operands)
    }

    /// One run of `s` with its slots set to `key`.
    static func run(_ s: BoundSubquery, _ key: [ScalarValue], _ executor: PlanExecutor) throws(SQLError) -> Outcome {
        for (slot, v) in zip(s.slots, key) { slot.set(v) }
        let child = PlanExecutor(snapshot: executor.snapshot, engine: executor.engine, threads: 1, resident: executor.resident,
                                 memory: executor.memory, isCancelled: executor.isCancelled)
        let rows: [DataChunk]
        do {
            rows = try child.run(s.plan)
        } catch let e as SQLError {
            throw e
        } catch {
            throw SQLError(.invalidArgument, "the correlated subquery stopped: \(error)", at: s.range)
        }
        executor.counters.add(partsRead: child.partsRead, partsSkipped: child.partsSkipped, rowsScanned: child.rowsScanned)
        let count = rows.reduce(0) { $0 + $1.count }
        switch s.kind {
        case .scalar:
            return .value(try PlanExecutor.scalarValue(rows, count: count, of: s, hint: "add an aggregate or LIMIT 1 to the subquery"))
        case .exists:
            return .value(.bool(count > 0))
        case .membership:
            var set = Set<ScalarValue>()
            var hasNull = false
            for chunk in rows where chunk.count > 0 {
                for i in 0..<chunk.count {
                    let v = chunk.columns[0].value(i)
                    if v.isNull { hasNull = true } else { set.insert(Distinct.normalized(v)) }
                }
            }
            return .values(set, hasNull: hasNull, isEmpty: count == 0)
        }
    }

    /// The outcomes by key. Runs are serialised by the subquery's lock (shared by every
    /// copy of the expression): the slots hold one key at a time.
    final class Cache: @unchecked Sendable {
        private let lock: NSLock
        private var outcomes: [[ScalarValue]: Outcome] = [:]
        let range: SourceRange

        init(range: SourceRange, lock: NSLock) {
            self.range = range
            self.lock = lock
        }

        func outcome(_ key: [ScalarValue], _ compute: () throws(SQLError) -> Outcome) throws(SQLError) -> Outcome {
            lock.lock()
            defer { lock.unlock() }
            if let o = outcomes[key] { return o }
            guard outcomes.count < CorrelatedSubquery.maxKeys else {
                throw SQLError(.outOfRange, "a correlated subquery would run for more than \(CorrelatedSubquery.maxKeys) distinct outer values", at: range,
                               hint: "write it as a join: compute the inner query per key in a WITH clause with GROUP BY, then JOIN it")
            }
            let o = try compute()
            outcomes[key] = o
            return o
        }
    }
}
