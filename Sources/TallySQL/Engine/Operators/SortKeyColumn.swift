import TallyFormat
/// One ORDER BY key's values over every row a sort sees, in a form compared without
/// `ScalarValue`s: integers (dates, instants, decimals up to 18 digits, booleans) as Int64,
/// wider decimals and integers as Int128, doubles as doubles, text as its rank among the
/// key's distinct values. Other types (lists, intervals) keep their values.
///
/// The sort compared `ScalarValue`s, a switch and reference counting per comparison; a
/// `GROUP BY run_id ORDER BY cost DESC, run_id` of 3,000 groups spent 0.5 ms there (per_step
/// data, 1M rows; the group-by itself took 0.3 ms).
enum SortKeyColumn {
    case int64([Int64], nulls: [Bool]?)
    case int128([Int128], nulls: [Bool]?)
    case double([Double], nulls: [Bool]?)
    /// Ranks of text by byte order (equal text, equal rank): text on a dictionary no
    /// larger than the rows, ranked once per entry.
    case rank([Int32], nulls: [Bool]?)
    /// Text compared by bytes when two rows meet (most comparisons of a multi-key sort
    /// are decided by an earlier key, so ranking every value first cost more).
    case text([String], nulls: [Bool]?)
    /// Text of one dictionary: each row its entry's code, entries compared by bytes when
    /// two rows meet (a group-by's key column over 200,000 run ids: no string per row).
    case entries([Int64], [String], nullEntries: [Bool]?)
    case values([ScalarValue])

    /// The key's values over `vectors` (one per chunk, in order).
    static func make(_ vectors: [ColumnVector]) -> SortKeyColumn {
        let total = vectors.reduce(0) { $0 + $1.count }
        func nulls() -> [Bool]? {
            guard vectors.contains(where: { $0.validity != nil }) else { return nil }
            var out = [Bool]()
            out.reserveCapacity(total)
            for v in vectors {
                if let valid = v.validity { for i in 0..<v.count { out.append(!valid[i]) } }
                else { out.append(contentsOf: repeatElement(false, count: v.count)) }
            }
            return out
        }
        if vectors.allSatisfy({ if case .int64 = $0.storage { true } else { false } }) {
            var out = [Int64]()
            out.reserveCapacity(total)
            for v in vectors { if case .int64(let a) = v.storage { out.append(contentsOf: a.prefix(v.count)) } }
            return .int64(out, nulls: nulls())
        }
        if vectors.allSatisfy({ if case .int128 = $0.storage { true } else { false } }) {
            var out = [Int128]()
            out.reserveCapacity(total)
            for v in vectors { if case .int128(let a) = v.storage { out.append(contentsOf: a.prefix(v.count)) } }
            return .int128(out, nulls: nulls())
        }
        if vectors.allSatisfy({ if case .double = $0.storage { true } else { false } }) {
            var out = [Double]()
            out.reserveCapacity(total)
            for v in vectors { if case .double(let a) = v.storage { out.append(contentsOf: a.prefix(v.count)) } }
            return .double(out, nulls: nulls())
        }
        // Ranks pay when a dictionary holds far fewer entries than the rows it codes
        // (ranking sorts every entry; a group-by's keys on a run_id dictionary are as many
        // as its entries, and a top N compares few of them).
        let entries = vectors.reduce(0) { n, v in if case .dictionary(_, let d, _) = v.storage { n + d.count } else { Int.max / 16 } }
        let ranked = vectors.allSatisfy(isText) && entries * 8 <= total
        if !ranked, let shared = sharedDictionary(vectors) { return shared }
        if vectors.allSatisfy(isText) {
            if ranked { return ranks(vectors, total) }
            var out = [String]()
            var nulls: [Bool]? = nil
            out.reserveCapacity(total)
            for v in vectors {
                for i in 0..<v.count {
                    if case .string(let x) = v.value(i) {
                        out.append(x)
                    } else {
                        if nulls == nil { nulls = [Bool](repeating: false, count: total) }
                        nulls![out.count] = true
                        out.append("")
                    }
                }
            }
            return .text(out, nulls: nulls)
        }
        var out = [ScalarValue]()
        out.reserveCapacity(total)
        for v in vectors { for i in 0..<v.count { out.append(v.value(i)) } }
        return .values(out)
    }

    /// Text whose every vector codes rows into one dictionary (by its id): the codes, the
    /// dictionary's entries and which entries are NULL (the resident scan's global
    /// dictionaries hold NULL at code 0).
    static func sharedDictionary(_ vectors: [ColumnVector]) -> SortKeyColumn? {
        guard case .dictionary(_, let first, let id)? = vectors.first?.storage else { return nil }
        var codes = [Int64]()
        var largest = first
        for v in vectors {
            guard v.validity == nil, case .dictionary(let c, let d, let vid) = v.storage, vid == id,
                  case .string = d.storage else { return nil }
            // Generations of one dictionary only grow, keeping their codes: the largest
            // holds every entry.
            if d.count > largest.count { largest = d }
            codes.append(contentsOf: c.prefix(v.count))
        }
        guard case .string(let strings) = largest.storage else { return nil }
        return .entries(codes, strings, nullEntries: largest.validity.map { valid in valid.map { !$0 } })
    }

    static func isText(_ v: ColumnVector) -> Bool {
        switch v.storage {
        case .string: return true
        case .dictionary(_, let d, _): if case .string = d.storage { return d.validity == nil } else { return false }
        default: return false
        }
    }

    /// Text on dictionaries as ranks: the entries sorted once by bytes, each row its
    /// entry's place. A dictionary vector's NULLs are its entries' (`ColumnVector.value`):
    /// `isText` took only dictionaries without NULL entries.
    static func ranks(_ vectors: [ColumnVector], _ total: Int) -> SortKeyColumn {
        // Keyed by bytes (`ExactText`): text of other bytes has a rank of its own.
        var distinct = Set<ExactText>()
        for v in vectors {
            if case .dictionary(_, let d, _) = v.storage, case .string(let a) = d.storage { distinct.formUnion(a.lazy.map(ExactText.init)) }
        }
        let sorted = distinct.map(\.value).sorted { ScalarValue.compareBytes($0, $1) < 0 }
        var rankOf = [ExactText: Int32](minimumCapacity: sorted.count)
        for (i, s) in sorted.enumerated() { rankOf[ExactText(s)] = Int32(i) }
        var out = [Int32](repeating: 0, count: total)
        var at = 0
        for v in vectors {
            if case .dictionary(let codes, let d, _) = v.storage, case .string(let a) = d.storage {
                let entryRank = a.map { rankOf[ExactText($0)]! }
                for i in 0..<v.count { out[at + i] = entryRank[Int(codes[i])] }
            }
            at += v.count
        }
        return .rank(out, nulls: nil)
    }

    /// -1, 0 or 1 for rows `a` and `b` under `key` (NULLs placed as `SortComparator` does).
    @inline(__always)
    func compare(_ a: Int, _ b: Int, _ key: BoundSortKey) -> Int {
        func ordered<T: Comparable>(_ x: T, _ y: T, _ nulls: [Bool]?) -> Int {
            if let nulls, nulls[a] || nulls[b] {
                if nulls[a] && nulls[b] { return 0 }
                return (nulls[a] == key.nullsFirst) ? -1 : 1
            }
            let c = x < y ? -1 : (x > y ? 1 : 0)
            return key.descending ? -c : c
        }
        switch self {
        case .int64(let v, let nulls): return ordered(v[a], v[b], nulls)
        case .int128(let v, let nulls): return ordered(v[a], v[b], nulls)
        case .rank(let v, let nulls): return ordered(v[a], v[b], nulls)
        case .text(let v, let nulls):
            if let nulls, nulls[a] || nulls[b] { return ordered(0, 0, nulls) }
            let c = ScalarValue.compareBytes(v[a], v[b])
            return key.descending ? -c : c
        case .double(let v, let nulls):
            let x = v[a], y = v[b]
            if (x.isNaN || y.isNaN) && !(nulls.map { $0[a] || $0[b] } ?? false) {
                // DuckDB orders NaN above every other double.
                let c = x.isNaN ? (y.isNaN ? 0 : 1) : -1
                return key.descending ? -c : c
            }
            return ordered(x, y, nulls)
        case .entries(let codes, let strings, let nullEntries):
            let x = codes[a], y = codes[b]
            if x == y { return 0 }
            if let nullEntries, nullEntries[Int(x)] || nullEntries[Int(y)] {
                if nullEntries[Int(x)] && nullEntries[Int(y)] { return 0 }
                return (nullEntries[Int(x)] == key.nullsFirst) ? -1 : 1
            }
            let c = ScalarValue.compareBytes(strings[Int(x)], strings[Int(y)])
            return key.descending ? -c : c
        case .values(let v): return SortComparator.compare(v[a], v[b], key)
        }
    }
}
