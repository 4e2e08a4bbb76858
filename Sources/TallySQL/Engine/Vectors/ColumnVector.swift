/// A column of values of one logical type: the unit every operator and expression works
/// on, as DuckDB's vectors are.
///
/// `constant` and `dictionary` are compressed forms that kernels may exploit (an
/// expression over a dictionary vector runs once per distinct value) and that
/// `flattened()` expands for the kernels that do not.
package struct ColumnVector: Sendable {
    /// The values' storage.
    package enum Storage: Sendable {
        case bool([Bool])
        case int64([Int64])
        case int128([Int128])
        case double([Double])
        case string([String])
        case interval([Interval])
        /// Lists and structs, one scalar per row.
        case values([ScalarValue])
        /// One value for every row.
        case constant(ScalarValue)
        /// Row `i` is `dictionary[codes[i]]`; `dictionaryID` identifies the dictionary for
        /// caches (the same id always means the same values).
        indirect case dictionary(codes: [Int64], dictionary: ColumnVector, dictionaryID: Int)
    }

    /// The logical type of every value.
    package var type: LogicalType
    /// The storage.
    package var storage: Storage
    /// Per row, whether the value is present; nil when all are (ignored for constants
    /// and dictionaries, whose values carry their own nulls).
    package var validity: [Bool]?
    /// Rows.
    package var count: Int

    /// Creates a vector.
    package init(type: LogicalType, storage: Storage, validity: [Bool]? = nil, count: Int) {
        self.type = type
        self.storage = storage
        self.validity = validity
        self.count = count
    }

    /// A vector of `count` copies of `value`.
    package static func constant(_ value: ScalarValue, type: LogicalType, count: Int) -> ColumnVector {
        ColumnVector(type: type, storage: .constant(value), count: count)
    }

    /// Whether row `i` is NULL.
    @inline(__always)
    package func isNull(_ i: Int) -> Bool {
        switch storage {
        case .constant(let v): return v.isNull
        case .dictionary(let codes, let dict, _): return dict.isNull(Int(codes[i]))
        default: return validity.map { !$0[i] } ?? false
        }
    }

    /// Row `i` as a scalar (the slow, general path).
    package func value(_ i: Int) -> ScalarValue {
        switch storage {
        case .constant(let v): return v
        case .dictionary(let codes, let dict, _): return dict.value(Int(codes[i]))
        default: break
        }
        if let validity, !validity[i] { return .null }
        switch storage {
        case .bool(let a): return .bool(a[i])
        case .int64(let a):
            switch type {
            case .date: return .date(Int32(truncatingIfNeeded: a[i]))
            case .timestamp, .timestamptz: return .timestamp(a[i])
            default: return .int(Int128(a[i]))
            }
        case .int128(let a): return .int(a[i])
        case .double(let a): return .double(a[i])
        case .string(let a): return .string(a[i])
        case .interval(let a): return .interval(a[i])
        case .values(let a): return a[i]
        case .constant, .dictionary: fatalError("handled above")
        }
    }

    /// Every row as scalars.
    package var values: [ScalarValue] { (0..<count).map(value) }

    /// The vector without constant or dictionary compression.
    package func flattened() -> ColumnVector {
        switch storage {
        case .constant, .dictionary: return ColumnVector.build(type: type, count: count) { value($0) }
        default: return self
        }
    }

    /// A vector of `type` with row `i` = `body(i)`; NULLs become invalid rows.
    package static func build(type: LogicalType, count: Int, _ body: (Int) -> ScalarValue) -> ColumnVector {
        var builder = VectorBuilder(type: type, capacity: count)
        for i in 0..<count { builder.append(body(i)) }
        return builder.finish()
    }

    /// The rows of `ranges` (ascending, disjoint), in order: copies of contiguous
    /// stretches, where `gather` reads an index per row.
    package func slices(_ ranges: [Range<Int>]) -> ColumnVector {
        struct Slices: RowSelection {
            let ranges: [Range<Int>]
            let count: Int
            func apply<T>(_ a: [T]) -> [T] {
                var out = [T]()
                out.reserveCapacity(count)
                for r in ranges { out.append(contentsOf: a[r]) }
                return out
            }
        }
        return selecting(Slices(ranges: ranges, count: ranges.reduce(0) { $0 + $1.count }))
    }

    /// The rows at `indices`, in that order.
    package func gather(_ indices: [Int32]) -> ColumnVector {
        struct Gather: RowSelection {
            let indices: [Int32]
            var count: Int { indices.count }
            func apply<T>(_ a: [T]) -> [T] {
                [T](unsafeUninitializedCapacity: indices.count) { buf, c in
                    a.withUnsafeBufferPointer { src in
                        for (j, i) in indices.enumerated() { (buf.baseAddress! + j).initialize(to: src[Int(i)]) }
                    }
                    c = indices.count
                }
            }
        }
        return selecting(Gather(indices: indices))
    }

    /// The rows `selection` picks, from whichever array the storage holds.
    func selecting<S: RowSelection>(_ selection: S) -> ColumnVector {
        let n = selection.count
        let v = validity.map { selection.apply($0) }
        switch storage {
        case .bool(let a): return ColumnVector(type: type, storage: .bool(selection.apply(a)), validity: v, count: n)
        case .int64(let a): return ColumnVector(type: type, storage: .int64(selection.apply(a)), validity: v, count: n)
        case .int128(let a): return ColumnVector(type: type, storage: .int128(selection.apply(a)), validity: v, count: n)
        case .double(let a): return ColumnVector(type: type, storage: .double(selection.apply(a)), validity: v, count: n)
        case .string(let a): return ColumnVector(type: type, storage: .string(selection.apply(a)), validity: v, count: n)
        case .interval(let a): return ColumnVector(type: type, storage: .interval(selection.apply(a)), validity: v, count: n)
        case .values(let a): return ColumnVector(type: type, storage: .values(selection.apply(a)), validity: v, count: n)
        case .constant(let c): return ColumnVector(type: type, storage: .constant(c), count: n)
        case .dictionary(let codes, let dict, let id):
            return ColumnVector(type: type, storage: .dictionary(codes: selection.apply(codes), dictionary: dict, dictionaryID: id), count: n)
        }
    }
}

/// Which rows of a vector to keep, applied to an array of any element type (`gather`,
/// `slices`).
protocol RowSelection {
    /// Rows kept.
    var count: Int { get }
    /// The kept rows of `a`, in order.
    func apply<T>(_ a: [T]) -> [T]
}

/// Appends scalars into the physical storage of a type.
package struct VectorBuilder {
    let type: LogicalType
    var bools: [Bool] = []
    var ints: [Int64] = []
    var huges: [Int128] = []
    var doubles: [Double] = []
    var strings: [String] = []
    var intervals: [Interval] = []
    var nested: [ScalarValue] = []
    var validity: [Bool] = []
    var anyNull = false

    /// A builder for `type`, with room for `capacity` rows.
    package init(type: LogicalType, capacity: Int) {
        self.type = type
        validity.reserveCapacity(capacity)
        switch type {
        case .boolean: bools.reserveCapacity(capacity)
        case .double: doubles.reserveCapacity(capacity)
        case .varchar: strings.reserveCapacity(capacity)
        case .interval: intervals.reserveCapacity(capacity)
        case .list, .structure: nested.reserveCapacity(capacity)
        case .null: break
        default:
            if type.isInt128Backed { huges.reserveCapacity(capacity) } else { ints.reserveCapacity(capacity) }
        }
    }

    /// Appends one value (which must match the type, or be NULL).
    package mutating func append(_ v: ScalarValue) {
        let present = !v.isNull
        validity.append(present)
        if !present { anyNull = true }
        switch type {
        case .boolean: if case .bool(let b) = v { bools.append(b) } else { bools.append(false) }
        case .double: if case .double(let d) = v { doubles.append(d) } else { doubles.append(0) }
        case .varchar: if case .string(let s) = v { strings.append(s) } else { strings.append("") }
        case .interval: if case .interval(let x) = v { intervals.append(x) } else { intervals.append(Interval()) }
        case .list, .structure: nested.append(v)
        case .null: break
        default:
            if type.isInt128Backed {
                if case .int(let x) = v { huges.append(x) } else { huges.append(0) }
            } else {
                switch v {
                case .int(let x): ints.append(Int64(truncatingIfNeeded: x))
                case .date(let d): ints.append(Int64(d))
                case .timestamp(let t): ints.append(t)
                default: ints.append(0)
                }
            }
        }
    }

    /// The finished vector.
    package func finish() -> ColumnVector {
        let n = validity.count
        let v: [Bool]? = anyNull ? validity : nil
        switch type {
        case .boolean: return ColumnVector(type: type, storage: .bool(bools), validity: v, count: n)
        case .double: return ColumnVector(type: type, storage: .double(doubles), validity: v, count: n)
        case .varchar: return ColumnVector(type: type, storage: .string(strings), validity: v, count: n)
        case .interval: return ColumnVector(type: type, storage: .interval(intervals), validity: v, count: n)
        case .list, .structure: return ColumnVector(type: type, storage: .values(nested), validity: v, count: n)
        case .null: return ColumnVector(type: type, storage: .constant(.null), count: n)
        default:
            if type.isInt128Backed { return ColumnVector(type: type, storage: .int128(huges), validity: v, count: n) }
            return ColumnVector(type: type, storage: .int64(ints), validity: v, count: n)
        }
    }
}

/// Rows flowing between operators: one vector per column, all of `count` rows.
package struct DataChunk: Sendable {
    /// The columns.
    package var columns: [ColumnVector]
    /// Rows.
    package var count: Int

    /// Creates a chunk.
    package init(columns: [ColumnVector], count: Int) {
        self.columns = columns
        self.count = count
    }

    /// The rows at `indices`.
    package func gather(_ indices: [Int32]) -> DataChunk {
        DataChunk(columns: columns.map { $0.gather(indices) }, count: indices.count)
    }

    /// The rows at `indices` of `columns` (nil: all); the other columns become NULL
    /// constants, as nothing reads them.
    package func gather(_ indices: [Int32], columns read: Set<Int>?) -> DataChunk {
        guard let read else { return gather(indices) }
        let n = indices.count
        return DataChunk(columns: columns.enumerated().map { i, v in
            read.contains(i) ? v.gather(indices) : .constant(.null, type: v.type, count: n)
        }, count: n)
    }
}
