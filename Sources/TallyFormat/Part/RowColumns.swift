#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TallySystem

/// The column memory of a `RowBuffer`: one allocation per column, all of the same
/// capacity and grown together, so that appending a row checks capacity once, not once
/// per column.
///
/// A `RowBuffer` holds this by reference and copies it before writing when it is shared
/// (copy on write, as `Array` does, but one uniqueness check per append for every
/// column instead of one per column).
final class RowColumns: @unchecked Sendable {
    /// Rows each column has room for.
    private(set) var capacity: Int
    private(set) var ts: UnsafeMutablePointer<Int64>
    private(set) var quantity: UnsafeMutablePointer<Double>
    private(set) var cost: UnsafeMutablePointer<Int64>
    private(set) var costSource: UnsafeMutablePointer<Int64>
    /// The nullable integer columns, in `RowColumns.nullableColumns` order: values (0
    /// when null) and validity.
    private(set) var nullableValues: UnsafeMutablePointer<UnsafeMutablePointer<Int64>>
    private(set) var nullableValid: UnsafeMutablePointer<UnsafeMutablePointer<Bool>>
    /// Per string column, in `Column.stringColumns` order, the codes (0 = null).
    private(set) var codes: UnsafeMutablePointer<UnsafeMutablePointer<UInt32>>

    /// The nullable integer columns, in storage order.
    static let nullableColumns: [Column] = [.stepIndex, .durationMs, .parserVersion]
    /// The position in `codes` of each column slot's codes (-1 for other columns).
    static let stringIndex: [Int] = {
        var index = [Int](repeating: -1, count: PartFooter.columnSlots)
        for (k, c) in Column.stringColumns.enumerated() { index[Int(c.rawValue)] = k }
        return index
    }()

    init(capacity: Int) {
        self.capacity = capacity
        ts = RowColumns.allocate(capacity)
        quantity = RowColumns.allocate(capacity)
        cost = RowColumns.allocate(capacity)
        costSource = RowColumns.allocate(capacity)
        let nullable = RowColumns.nullableColumns.count, strings = Column.stringColumns.count
        nullableValues = .allocate(capacity: nullable)
        nullableValid = .allocate(capacity: nullable)
        for k in 0..<nullable {
            (nullableValues + k).initialize(to: RowColumns.allocate(capacity))
            (nullableValid + k).initialize(to: RowColumns.allocate(capacity))
        }
        codes = .allocate(capacity: strings)
        for k in 0..<strings { (codes + k).initialize(to: RowColumns.allocate(capacity)) }
    }

    /// Column memory comes from `malloc`, so that `grow` can `realloc` it.
    private static func allocate<T: BitwiseCopyable>(_ capacity: Int) -> UnsafeMutablePointer<T> {
        guard let p = malloc(Swift.max(capacity, 1) * MemoryLayout<T>.stride) else { fatalError("out of memory for a row buffer") }
        return p.assumingMemoryBound(to: T.self)
    }

    deinit {
        free(ts)
        free(quantity)
        free(cost)
        free(costSource)
        for k in 0..<RowColumns.nullableColumns.count {
            free(nullableValues[k])
            free(nullableValid[k])
        }
        nullableValues.deallocate()
        nullableValid.deallocate()
        for k in 0..<Column.stringColumns.count { free(codes[k]) }
        codes.deallocate()
    }

    /// A copy of the first `count` rows with room for `capacity` rows.
    func copy(count: Int, capacity: Int) -> RowColumns {
        let c = RowColumns(capacity: capacity)
        c.ts.initialize(from: ts, count: count)
        c.quantity.initialize(from: quantity, count: count)
        c.cost.initialize(from: cost, count: count)
        c.costSource.initialize(from: costSource, count: count)
        for k in 0..<RowColumns.nullableColumns.count {
            c.nullableValues[k].initialize(from: nullableValues[k], count: count)
            c.nullableValid[k].initialize(from: nullableValid[k], count: count)
        }
        for k in 0..<Column.stringColumns.count { c.codes[k].initialize(from: codes[k], count: count) }
        return c
    }

    /// Grows every column to `newCapacity` rows, keeping the first `count`.
    ///
    /// Through `realloc`: the values are plain bits, and a large block grows in place or
    /// by remapping its pages, where a fresh allocation would copy every value and fault
    /// in new pages for them (page faults were a third of the profile of buffering and
    /// flushing two million rows).
    func grow(count: Int, to newCapacity: Int) {
        precondition(newCapacity >= count)
        func moved<T: BitwiseCopyable>(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
            guard let q = realloc(p, newCapacity * MemoryLayout<T>.stride) else { fatalError("out of memory growing a row buffer") }
            return q.assumingMemoryBound(to: T.self)
        }
        ts = moved(ts)
        quantity = moved(quantity)
        cost = moved(cost)
        costSource = moved(costSource)
        for k in 0..<RowColumns.nullableColumns.count {
            nullableValues[k] = moved(nullableValues[k])
            nullableValid[k] = moved(nullableValid[k])
        }
        for k in 0..<Column.stringColumns.count { codes[k] = moved(codes[k]) }
        capacity = newCapacity
    }
}
