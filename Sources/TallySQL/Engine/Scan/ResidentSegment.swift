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
    /// The identity of the segment's contents: its pieces' paths, file sizes, rows, days and
    /// row ranges.
    let key: String
    private let lock = NSLockLike()
    /// Per loaded column: the vector, with its Int64s packed narrow where they fit
    /// (`PackedInts`; `vector` widens them).
    private var columns: [Int: ColumnVector] = [:]
    /// The values of the columns loaded narrow; their entries in `columns` keep the type,
    /// validity and dictionary, with an empty array for the values.
    private var packed: [Int: PackedInts] = [:]
    /// Bytes of the loaded columns.
    private(set) var bytes = 0
    /// Last use, for eviction (the cache's clock).
    var lastUsed = 0

    init(pieces: [Piece]) {
        self.pieces = pieces
        rowCount = pieces.reduce(0) { $0 + $1.partRows.count }
        // The path names a part within its store (part ids are never reused); its size,
        // rows and days tell apart a store deleted and written again at the same path.
        key = pieces.map { p in
            let e = p.handle.entry
            return "\(p.handle.path)#\(e.fileSize)/\(e.rowCount)/\(e.minDay)-\(e.maxDay)#\(p.partRows.lowerBound)-\(p.partRows.upperBound)"
        }.joined(separator: "|")
    }

    /// Whether schema column `index` is loaded.
    func isLoaded(_ index: Int) -> Bool { lock.locked { columns[index] != nil } }

    /// The vector of schema column `index` if loaded: of the rows of `rows` (ascending
    /// stretches), or of every row.
    func vector(_ index: Int, rows: [Range<Int>]?) -> ColumnVector? {
        let (held, narrow) = lock.locked { (columns[index], packed[index]) }
        guard var v = held else { return nil }
        guard let narrow else { return rows.map { v.slices($0) } ?? v }
        let values = narrow.widened(rows)
        let validity = v.validity.map { valid in rows.map { r in r.flatMap { valid[$0] } } ?? valid }
        switch v.storage {
        case .dictionary(_, let d, let id): v.storage = .dictionary(codes: values, dictionary: d, dictionaryID: id)
        default: v.storage = .int64(values)
        }
        v.validity = validity
        v.count = values.count
        return v
    }

    /// Statements that asked for this segment so far (the cache admits it on the second).
    var uses = 0

    /// Loads the schema columns `indices` that are not loaded yet, decoding each piece
    /// once for all of them; returns the bytes added.
    func load(_ indices: [Int], dictionaries: (Int) -> GlobalDictionary, batch: ColumnBatch) throws -> Int {
        let missing = indices.filter { !isLoaded($0) }
        if missing.isEmpty { return 0 }
        let vectors = try decode(missing, dictionaries: dictionaries, batch: batch)
        // Int64s packed narrow where they fit; the vector keeps its type, validity and
        // dictionary, and an empty array in place of the values.
        let narrowed: [(ColumnVector, PackedInts?)] = vectors.map { v in
            switch v.storage {
            case .int64(let xs):
                guard let p = PackedInts(xs) else { return (v, nil) }
                var kept = v
                kept.storage = .int64([])
                return (kept, p)
            case .dictionary(let codes, let d, let id):
                guard let p = PackedInts(codes) else { return (v, nil) }
                var kept = v
                kept.storage = .dictionary(codes: [], dictionary: d, dictionaryID: id)
                return (kept, p)
            default:
                return (v, nil)
            }
        }
        return lock.locked {
            var added = 0
            for (i, (v, p)) in zip(missing, narrowed) where columns[i] == nil {
                columns[i] = v
                packed[i] = p
                added += p.map { $0.bytes + (v.validity?.count ?? 0) } ?? ResidentSegment.bytes(of: v)
            }
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

    /// Where one schema column's values go while pieces are decoded.
    struct Target {
        var index: Int
        var stored: Column
        var dictionary: GlobalDictionary?
        var ints: [Int64] = []
        var doubles: [Double] = []
        var valid: [Bool] = []
        var anyNull = false
    }

    /// The vectors of schema columns `indices`, decoding every piece once.
    func decode(_ indices: [Int], dictionaries: (Int) -> GlobalDictionary, batch: ColumnBatch) throws -> [ColumnVector] {
        let n = rowCount
        var targets: [Target] = indices.map { index in
            let info = UsageTable.columns[index]
            let stored: Column = (index == UsageTable.tsIndex || index == UsageTable.dateIndex || index == UsageTable.projectIndex) ? .ts : info.stored!
            var t = Target(index: index, stored: stored, dictionary: info.type == .varchar ? dictionaries(index) : nil)
            if stored == .quantity { t.doubles = [Double](repeating: 0, count: n) } else { t.ints = [Int64](repeating: 0, count: n) }
            if stored.kind == .nullableInt { t.valid = [Bool](repeating: true, count: n) }
            return t
        }
        // The project is the part's: no decoding.
        let decoded = Set(targets.filter { $0.index != UsageTable.projectIndex }.map(\.stored))
        for p in pieces {
            let reader = try p.handle.reader()
            var mappings: [[Int64]] = targets.map { _ in [] }
            for (k, t) in targets.enumerated() {
                if t.index == UsageTable.projectIndex {
                    let c = t.dictionary!.code(of: p.handle.entry.projectId)
                    for r in p.offset..<(p.offset + p.partRows.count) { targets[k].ints[r] = c }
                } else if t.stored.kind == .string {
                    mappings[k] = t.dictionary!.codes(of: try reader.dictionary(t.stored, batch: batch))
                }
            }
            if decoded.isEmpty { continue }
            var at = p.offset
            try reader.scan(columns: decoded, rows: p.partRows, batch: batch) { b, rows in
                let m = rows.count, first = rows.lowerBound
                for k in targets.indices where targets[k].index != UsageTable.projectIndex {
                    let stored = targets[k].stored, index = targets[k].index
                    switch stored.kind {
                    case .string:
                        b.codes[Int(stored.rawValue)].withUnsafeBufferPointer { c in
                            mappings[k].withUnsafeBufferPointer { map in
                                targets[k].ints.withUnsafeMutableBufferPointer { out in
                                    for j in 0..<m { out[at + j] = map[Int(c[first + j])] }
                                }
                            }
                        }
                    case .double:
                        b.quantity.withUnsafeBufferPointer { q in
                            targets[k].doubles.withUnsafeMutableBufferPointer { out in
                                for j in 0..<m { out[at + j] = q[first + j] }
                            }
                        }
                    case .nullableInt:
                        let values = b.ints[Int(stored.rawValue)], flags = b.validity[Int(stored.rawValue)]
                        for j in 0..<m {
                            targets[k].ints[at + j] = values[first + j]
                            if flags[first + j] == 0 { targets[k].valid[at + j] = false; targets[k].anyNull = true }
                        }
                    case .int64:
                        let source: [Int64] = stored == .ts ? b.ts : (stored == .cost ? b.cost : b.costSource)
                        source.withUnsafeBufferPointer { x in
                            targets[k].ints.withUnsafeMutableBufferPointer { out in
                                if index == UsageTable.tsIndex {
                                    for j in 0..<m { out[at + j] = x[first + j] &* 1000 }
                                } else if index == UsageTable.dateIndex {
                                    for j in 0..<m {
                                        let t = x[first + j]
                                        let q = t / 86_400_000
                                        out[at + j] = t % 86_400_000 < 0 ? q - 1 : q
                                    }
                                } else {
                                    for j in 0..<m { out[at + j] = x[first + j] }
                                }
                            }
                        }
                    }
                }
                at += m
            }
        }
        return targets.map { t in
            let info = UsageTable.columns[t.index]
            if let d = t.dictionary { return dictionaryVector(t.ints, d) }
            switch t.stored.kind {
            case .double: return ColumnVector(type: info.type, storage: .double(t.doubles), count: n)
            case .nullableInt: return ColumnVector(type: info.type, storage: .int64(t.ints), validity: t.anyNull ? t.valid : nil, count: n)
            default: return ColumnVector(type: info.type, storage: .int64(t.ints), count: n)
            }
        }
    }

    /// Codes over the global dictionary; the dictionary itself is attached per query (see
    /// `ResidentScan`), as it grows after the codes are written.
    func dictionaryVector(_ codes: [Int64], _ dictionary: GlobalDictionary) -> ColumnVector {
        let (d, id) = dictionary.vector()
        return ColumnVector(type: .varchar, storage: .dictionary(codes: codes, dictionary: d, dictionaryID: id), count: codes.count)
    }
}
