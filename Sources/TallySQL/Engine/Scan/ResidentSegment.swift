import TallyFormat
import TallyStore

/// Consecutive parts (in the store's order: project, month, part id) decoded into one set
/// of column vectors of up to `ResidentCache.segmentRows` rows: the unit the resident scan
/// hands to operators, whole, without copying.
///
/// A store of small partitions has thousands of parts of a few hundred rows; scanning
/// them one by one costs a fixed amount per part (footer, dictionaries, chunk set-up)
/// that dominates a query. A segment pays that once, when it is loaded, and a query then
/// reads its vectors directly. Text columns are coded in the cache's `GlobalDictionary`
/// of the column, so one segment's codes mean the same in every part it holds.
///
/// Columns are loaded on first use, each independently (a query pays only for what it
/// reads); a loaded vector never changes, because parts never do.
final class ResidentSegment: @unchecked Sendable {
    /// One part's rows in the segment.
    struct Piece {
        var handle: PartHandle
        /// The part's rows held (all of them unless the part is split over segments).
        var partRows: Range<Int>
        /// Where they sit in the segment.
        var offset: Int
    }

    /// The parts, in order.
    let pieces: [Piece]
    /// Rows.
    let rowCount: Int
    /// The identity of the segment's contents: its pieces' paths and row ranges.
    let key: String
    private let lock = NSLockLike()
    private var columns: [Int: ColumnVector] = [:]
    /// Bytes of the loaded columns.
    private(set) var bytes = 0
    /// Last use, for eviction (the cache's clock).
    var lastUsed = 0

    init(pieces: [Piece]) {
        self.pieces = pieces
        rowCount = pieces.reduce(0) { $0 + $1.partRows.count }
        key = pieces.map { "\($0.handle.path)#\($0.partRows.lowerBound)-\($0.partRows.upperBound)" }.joined(separator: "|")
    }

    /// The vector of schema column `index`, if loaded.
    func loaded(_ index: Int) -> ColumnVector? { lock.locked { columns[index] } }

    /// Loads schema column `index` (decoding every piece) unless it is loaded; returns the
    /// bytes it added.
    func load(_ index: Int, dictionaries: (Int) -> GlobalDictionary, batch: ColumnBatch) throws -> Int {
        if loaded(index) != nil { return 0 }
        let vector = try decode(index, dictionary: dictionaries(index), batch: batch)
        let added = ResidentSegment.bytes(of: vector)
        return lock.locked {
            if columns[index] != nil { return 0 }
            columns[index] = vector
            bytes += added
            return added
        }
    }

    /// Memory held by a vector's arrays.
    static func bytes(of v: ColumnVector) -> Int {
        let validity = v.validity?.count ?? 0
        switch v.storage {
        case .int64(let a): return a.count * 8 + validity
        case .double(let a): return a.count * 8 + validity
        case .dictionary(let codes, _, _): return codes.count * 8
        default: return v.count * 8 + validity
        }
    }

    func decode(_ index: Int, dictionary: GlobalDictionary, batch: ColumnBatch) throws -> ColumnVector {
        let info = UsageTable.columns[index]
        let n = rowCount
        if index == UsageTable.projectIndex {
            var codes = [Int64](repeating: 0, count: n)
            for p in pieces {
                let c = dictionary.code(of: p.handle.entry.projectId)
                for r in p.offset..<(p.offset + p.partRows.count) { codes[r] = c }
            }
            return dictionaryVector(codes, dictionary)
        }
        let stored: Column = (index == UsageTable.tsIndex || index == UsageTable.dateIndex) ? .ts : info.stored!
        var ints = [Int64](repeating: 0, count: stored == .quantity ? 0 : n)
        var doubles = [Double](repeating: 0, count: stored == .quantity ? n : 0)
        var valid = [Bool](repeating: true, count: stored.kind == .nullableInt ? n : 0)
        var anyNull = false
        for p in pieces {
            let reader = try p.handle.reader()
            var mapping: [Int64] = []
            if stored.kind == .string { mapping = dictionary.codes(of: try reader.dictionary(stored, batch: batch)) }
            var at = p.offset
            try reader.scan(columns: [stored], rows: p.partRows, batch: batch) { b, rows in
                let m = rows.count
                switch stored.kind {
                case .string:
                    b.codes[Int(stored.rawValue)].withUnsafeBufferPointer { c in
                        mapping.withUnsafeBufferPointer { map in
                            for j in 0..<m { ints[at + j] = map[Int(c[rows.lowerBound + j])] }
                        }
                    }
                case .double:
                    for j in 0..<m { doubles[at + j] = b.quantity[rows.lowerBound + j] }
                case .nullableInt:
                    let values = b.ints[Int(stored.rawValue)], flags = b.validity[Int(stored.rawValue)]
                    for j in 0..<m {
                        ints[at + j] = values[rows.lowerBound + j]
                        if flags[rows.lowerBound + j] == 0 { valid[at + j] = false; anyNull = true }
                    }
                case .int64:
                    switch stored {
                    case .ts:
                        b.ts.withUnsafeBufferPointer { ms in
                            if index == UsageTable.tsIndex {
                                for j in 0..<m { ints[at + j] = ms[rows.lowerBound + j] &* 1000 }
                            } else {
                                for j in 0..<m {
                                    let t = ms[rows.lowerBound + j]
                                    let q = t / 86_400_000
                                    ints[at + j] = t % 86_400_000 < 0 ? q - 1 : q
                                }
                            }
                        }
                    case .cost: for j in 0..<m { ints[at + j] = b.cost[rows.lowerBound + j] }
                    default: for j in 0..<m { ints[at + j] = b.costSource[rows.lowerBound + j] }
                    }
                }
                at += m
            }
        }
        switch stored.kind {
        case .string: return dictionaryVector(ints, dictionary)
        case .double: return ColumnVector(type: info.type, storage: .double(doubles), count: n)
        case .nullableInt: return ColumnVector(type: info.type, storage: .int64(ints), validity: anyNull ? valid : nil, count: n)
        case .int64: return ColumnVector(type: info.type, storage: .int64(ints), count: n)
        }
    }

    /// Codes over the global dictionary; the dictionary itself is attached per query (see
    /// `ResidentScan`), as it grows after the codes are written.
    func dictionaryVector(_ codes: [Int64], _ dictionary: GlobalDictionary) -> ColumnVector {
        let (d, id) = dictionary.vector()
        return ColumnVector(type: .varchar, storage: .dictionary(codes: codes, dictionary: d, dictionaryID: id), count: codes.count)
    }
}
