import Synchronization

/// Lifts a function of scalars to vectors: constants are evaluated once, a dictionary
/// argument (with every other argument constant) once per dictionary entry, anything
/// else row by row.
package enum RowKernel {
    /// A kernel applying `body` row-wise. With `strict`, a NULL argument gives NULL
    /// without calling `body` (most SQL functions); `body` returning `.null` gives NULL.
    package static func make(
        _ type: LogicalType, strict: Bool = true,
        _ body: @escaping @Sendable ([ScalarValue]) throws(SQLError) -> ScalarValue
    ) -> ScalarKernel {
        // A function of one dictionary gives the same derived dictionary (and id) every
        // time it meets that dictionary, so grouping caches keyed by the id stay valid.
        let cache = DerivedDictionaries()
        return { (args: [ColumnVector], count: Int) throws(SQLError) -> ColumnVector in
            try apply(args, count: count, type: type, strict: strict, cache: cache, body)
        }
    }

    static func apply(
        _ args: [ColumnVector], count: Int, type: LogicalType, strict: Bool, cache: DerivedDictionaries? = nil,
        _ body: ([ScalarValue]) throws(SQLError) -> ScalarValue
    ) throws(SQLError) -> ColumnVector {
        // All constant: one call.
        var nonConstant = -1
        var nonConstantCount = 0
        for (i, a) in args.enumerated() {
            if case .constant = a.storage { continue }
            nonConstant = i
            nonConstantCount += 1
        }
        if nonConstantCount == 0 {
            let values = args.map { $0.value(0) }
            if strict && values.contains(where: \.isNull) { return .constant(.null, type: type, count: count) }
            return .constant(try body(values), type: type, count: count)
        }
        // One dictionary argument: evaluate per entry, keep the codes.
        if nonConstantCount == 1, case .dictionary(let codes, let dict, let id) = args[nonConstant].storage {
            var scalars = args.map { a -> ScalarValue in
                if case .constant(let v) = a.storage { return v }
                return .null
            }
            let cacheKey = DerivedDictionaries.Key(source: id, constants: scalars)
            if let cache, let (derived, derivedID) = cache.lookup(cacheKey) {
                return ColumnVector(type: type, storage: .dictionary(codes: codes, dictionary: derived, dictionaryID: derivedID), count: count)
            }
            var builder = VectorBuilder(type: type, capacity: dict.count)
            for k in 0..<dict.count {
                scalars[nonConstant] = dict.value(k)
                if strict && scalars.contains(where: \.isNull) { builder.append(.null); continue }
                builder.append(try body(scalars))
            }
            // A derived dictionary gets an id of its own: the same source id with another
            // function must not share caches.
            let derived = builder.finish(), derivedID = DictionaryIDs.fresh()
            cache?.store(cacheKey, derived, derivedID)
            return ColumnVector(type: type, storage: .dictionary(codes: codes, dictionary: derived, dictionaryID: derivedID), count: count)
        }
        var builder = VectorBuilder(type: type, capacity: count)
        var scalars = [ScalarValue](repeating: .null, count: args.count)
        if nonConstantCount == 1, case .int64(let xs) = args[nonConstant].storage {
            // One integer-like argument (a date, a timestamp, a number) beside constants: a
            // row equal to the one before it repeats its answer without a call. Rows sorted
            // by time repeat their date for a whole day: `date_diff('day', date, ...)` called
            // the function on every row (see BENCHMARKS.md, session 16).
            for (j, a) in args.enumerated() where j != nonConstant { scalars[j] = a.value(0) }
            let constantNull = strict && scalars.enumerated().contains { $0.offset != nonConstant && $0.element.isNull }
            let column = args[nonConstant]
            // One answer per run of equal arguments; each row takes its run's number.
            var answers: [ScalarValue] = []
            var runOf = [Int64](repeating: 0, count: count)
            var previous: (x: Int64, valid: Bool)?
            for i in 0..<count {
                let valid = column.validity?[i] ?? true
                if let p = previous, p.x == xs[i], p.valid == valid {
                    runOf[i] = Int64(answers.count - 1)
                    continue
                }
                if constantNull || (strict && !valid) {
                    answers.append(.null)
                } else {
                    scalars[nonConstant] = column.value(i)
                    answers.append(try body(scalars))
                }
                runOf[i] = Int64(answers.count - 1)
                previous = (xs[i], valid)
            }
            if answers.count * 4 <= count {
                // Few runs: the answers as a dictionary (which may repeat values, hence a
                // fresh odd id), so that a GROUP BY or a comparison above works per answer,
                // not per row (strftime's month of 10M rows, session 16).
                let dictionary = ColumnVector.build(type: type, count: answers.count) { answers[$0] }
                return ColumnVector(type: type, storage: .dictionary(codes: runOf, dictionary: dictionary, dictionaryID: DictionaryIDs.fresh()), count: count)
            }
            for i in 0..<count { builder.append(answers[Int(runOf[i])]) }
            return builder.finish()
        }
        for i in 0..<count {
            var anyNull = false
            for (j, a) in args.enumerated() {
                let v = a.value(i)
                if v.isNull { anyNull = true }
                scalars[j] = v
            }
            if strict && anyNull { builder.append(.null); continue }
            builder.append(try body(scalars))
        }
        return builder.finish()
    }
}

/// Unique ids for dictionaries.
///
/// An even id names a dictionary whose values are distinct (a part's stored dictionary,
/// a global one), with NULL at code 0 and nowhere else: a code then stands for its value
/// alone, grouping by such a column may number groups by code without looking at the
/// values, and `IS NULL` is `code = 0`. An odd id names one that may
/// repeat values (derived by a function: `lower('A') = lower('a')`).
package enum DictionaryIDs {
    private static let counter = AtomicCounter()

    /// A fresh id for a dictionary that may repeat values.
    package static func fresh() -> Int { counter.next() * 2 + 1 }

    /// A fresh id for a dictionary of distinct values.
    package static func freshDistinct() -> Int { counter.next() * 2 }

    /// Whether `id` names a dictionary of distinct values.
    package static func isDistinct(_ id: Int) -> Bool { id & 1 == 0 }
}


/// A process-wide counter.
final class AtomicCounter: Sendable {
    private let value = Atomic<Int>(1 << 40)
    func next() -> Int { value.wrappingAdd(1, ordering: .relaxed).newValue }
}

/// Derived dictionaries of one bound function call, by source dictionary id.
final class DerivedDictionaries: @unchecked Sendable {
    private let lock = NSLockLike()
    /// The source dictionary and the other (constant) arguments.
    struct Key: Hashable {
        var source: Int
        var constants: [ScalarValue]
    }

    private var entries: [Key: (ColumnVector, Int)] = [:]

    func lookup(_ id: Key) -> (ColumnVector, Int)? { lock.locked { entries[id] } }

    func store(_ id: Key, _ vector: ColumnVector, _ derivedID: Int) {
        lock.locked {
            // Bounded: a query over thousands of parts keeps the most recent ones only.
            if entries.count > 4096 { entries.removeAll() }
            entries[id] = (vector, derivedID)
        }
    }
}
