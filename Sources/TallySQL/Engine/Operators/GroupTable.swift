import CTallyKernels

/// Maps the group keys of rows to dense group numbers: the hash table of the hash
/// aggregate.
///
/// Each key column becomes one 64-bit word per row (the value's bits for integer-like
/// types, an interned number for others) plus one word of NULL flags; the table hashes the
/// words with open addressing. A single dictionary-coded key skips hashing per row: each
/// code's group is found once per dictionary.
package final class GroupTable {
    let keyTypes: [LogicalType]
    let width: Int
    /// Number of groups so far.
    package internal(set) var count = 0
    /// The key values of every group, per key column (in direct mode, made from the
    /// groups' codes when asked for: a group-by that stays direct never builds them).
    package var keyValues: [[ScalarValue]] {
        if directID != nil, let d = directDictionary { return [directCodes.map { d.value(Int($0)) }] }
        guard codeDictionary.contains(where: { $0 != nil }) else { return storedKeyValues }
        return keyTypes.indices.map { k in
            codeDictionary[k] == nil ? storedKeyValues[k] : (0..<count).map { keyValue(k, $0) }
        }
    }
    /// The key values of the groups the hash table numbered (none in direct mode).
    var storedKeyValues: [[ScalarValue]]
    var words: [UInt64] = []
    var slots: [Int32]
    var mask: Int
    var interners: [[ScalarValue: UInt64]]
    /// Per key, each dictionary's entries as that key's words (by dictionary id): per key,
    /// as each key interns its values in its own numbering.
    var dictionaryWords: [[Int: [UInt64]]]
    /// Per key, the dictionary whose codes are the key's words (`GroupTable+Codes.swift`),
    /// or nil (interned values, or value bits).
    var codeDictionary: [Int?]
    /// Two keys in code mode (`GroupTable+Pairs.swift`): each slot's packed codes and
    /// group, the number of groups it holds, and whether groups were added through it
    /// since `slots` was made.
    var pairIndex: [UInt64] = []
    var pairIndexed = 0
    var slotsStale = false
    /// Per key in code mode, the largest generation of its dictionary seen, which gives
    /// the groups' values by code.
    var codeVectors: [ColumnVector?]
    var dictionaryGroups: [Int: [Int32]] = [:]
    /// The probe tuple of a single key (its word and NULL flag), reused.
    var singleTuple: [UInt64] = [0, 0]
    /// Direct mode (see `GroupTable+Direct.swift`): the dictionary whose codes number the
    /// groups, each code's group, and each group's code.
    var directID: Int?
    var directTable: [Int32] = []
    var directCodes: [Int64] = []
    /// The largest generation of that dictionary seen (it only grows: codes keep their
    /// values), from which the key column is made by code.
    var directDictionary: ColumnVector?

    /// In direct mode, the key column as the groups' codes on their dictionary: a
    /// high-cardinality group-by's keys (200,000 run ids) without a value per group.
    package var directKeyColumn: ColumnVector? {
        guard let id = directID, let d = directDictionary else { return nil }
        return ColumnVector(type: d.type, storage: .dictionary(codes: directCodes, dictionary: d, dictionaryID: id), count: count)
    }

    /// A table for keys of `keyTypes`.
    package init(keyTypes: [LogicalType]) {
        self.keyTypes = keyTypes
        width = keyTypes.count + 1
        storedKeyValues = keyTypes.map { _ in [] }
        interners = keyTypes.map { _ in [:] }
        codeDictionary = keyTypes.map { _ in nil }
        codeVectors = keyTypes.map { _ in nil }
        dictionaryWords = keyTypes.map { _ in [:] }
        slots = [Int32](repeating: -1, count: 1024)
        mask = 1023
    }

    static func usesValueBits(_ t: LogicalType) -> Bool { t.isInt64Backed }

    /// The word of one non-null value of key `k`.
    func word(_ v: ScalarValue, key k: Int) -> UInt64 {
        if GroupTable.usesValueBits(keyTypes[k]) {
            switch v {
            case .int(let x): return UInt64(bitPattern: Int64(truncatingIfNeeded: x))
            case .date(let d): return UInt64(bitPattern: Int64(d))
            case .timestamp(let t): return UInt64(bitPattern: t)
            default: return 0
            }
        }
        if case .double(let d) = v {
            // Doubles are their bits: -0.0 groups with 0.0, and every NaN with every other (as DuckDB).
            return (d == 0 ? 0.0 : (d.isNaN ? Double.nan : d)).bitPattern
        }
        // A word made from a value is an interned one: a key whose words are codes leaves
        // code mode first.
        if codeDictionary[k] != nil { internKey(k) }
        let key = v
        if let id = interners[k][key] { return id }
        let id = UInt64(interners[k].count)
        interners[k][key] = id
        return id
    }

    /// Per row, the words of key `k` and its NULL flags.
    func columnWords(_ v: ColumnVector, key k: Int, into out: inout [UInt64], nulls: inout [UInt64], n: Int) {
        let bit = UInt64(1) << UInt64(k % 64)
        switch v.storage {
        case .int64(let xs) where GroupTable.usesValueBits(keyTypes[k]):
            for i in 0..<n { out[i] = UInt64(bitPattern: xs[i]) }
            if let valid = v.validity { for i in 0..<n where !valid[i] { nulls[i] |= bit; out[i] = 0 } }
        case .constant(let c):
            let w = c.isNull ? 0 : word(c, key: k)
            for i in 0..<n { out[i] = w }
            if c.isNull { for i in 0..<n { nulls[i] |= bit } }
        case .dictionary(let codes, let dict, let id) where usesCodes(k, id, dict):
            let nullCode = GroupTable.nullCode(dict)
            for i in 0..<n {
                let c = codes[i]
                out[i] = UInt64(bitPattern: c)
                nulls[i] |= c == nullCode ? bit : 0
            }
        case .dictionary(let codes, let dict, let id):
            let table = entryWords(k, dict, id)
            for i in 0..<n {
                let w = table[Int(codes[i])]
                if w == UInt64.max && dict.isNull(Int(codes[i])) { nulls[i] |= bit; out[i] = 0 } else { out[i] = w }
            }
        default:
            for i in 0..<n {
                let x = v.value(i)
                if x.isNull { nulls[i] |= bit; out[i] = 0 } else { out[i] = word(x, key: k) }
            }
        }
    }

    @inline(__always)
    static func hash(_ words: UnsafeBufferPointer<UInt64>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for w in words {
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
        }
        return h
    }

    /// The group of every row of the key vectors (new groups are added).
    package func groups(_ keys: [ColumnVector], _ n: Int) -> [Int32] {
        if keys.isEmpty {
            if count == 0 { _ = group(of: []) }
            return [Int32](repeating: 0, count: n)
        }
        if keys.count == 1, case .dictionary(let codes, let dict, let id) = keys[0].storage {
            if directID == nil && count == 0 && DictionaryIDs.isDistinct(id) { directID = id }
            if directID == id { return directGroups(codes, dict, id, n) }
            materialize()
            // Each code's group is looked up the first time the code occurs (a group for
            // every dictionary entry would add groups for values no row has).
            // Taken out of the cache while in use, so that adding a group does not copy it.
            var table = dictionaryGroups.removeValue(forKey: id) ?? [Int32](repeating: -1, count: dict.count)
            var out = [Int32](repeating: 0, count: n)
            table.withUnsafeMutableBufferPointer { t in
                codes.withUnsafeBufferPointer { c in
                    out.withUnsafeMutableBufferPointer { o in
                        for i in 0..<n {
                            let code = Int(c[i])
                            var g = t[code]
                            if g < 0 {
                                // One word and one probe per code of the part, with a reused tuple.
                                let v = dict.value(code)
                                if v.isNull {
                                    singleTuple[0] = 0
                                    singleTuple[1] = 1
                                } else {
                                    singleTuple[0] = word(v, key: 0)
                                    singleTuple[1] = 0
                                }
                                g = find(singleTuple) { [v] }
                                t[code] = g
                            }
                            o[i] = g
                        }
                    }
                }
            }
            dictionaryGroups[id] = table
            return out
        }
        materialize()
        if let dense = denseGroups(keys, n) { return dense }
        if let runs = runGroups(keys, n) { return runs }
        return hashedGroups(keys, n)
    }

    /// One integer key (a time bucket, a date) whose rows come in runs of equal values, as
    /// rows sorted by time give them: the hash table sees each run's value once, and the
    /// run's rows take its group. Nil when runs average fewer than four rows.
    func runGroups(_ keys: [ColumnVector], _ n: Int) -> [Int32]? {
        guard keys.count == 1, n > 1, keys[0].validity == nil, GroupTable.usesValueBits(keyTypes[0]),
              case .int64(let xs) = keys[0].storage else { return nil }
        let changes = xs.withUnsafeBufferPointer { x in
            var c = 0
            for i in 1..<n { c &+= x[i] != x[i - 1] ? 1 : 0 }
            return c
        }
        guard (changes + 1) * 4 <= n else { return nil }
        var starts = [Int32]()
        starts.reserveCapacity(changes + 1)
        starts.append(0)
        for i in 1..<n where xs[i] != xs[i - 1] { starts.append(Int32(i)) }
        let perRun = hashedGroups([keys[0].gather(starts)], starts.count)
        var out = [Int32](repeating: 0, count: n)
        out.withUnsafeMutableBufferPointer { o in
            for r in 0..<starts.count {
                let end = r + 1 < starts.count ? Int(starts[r + 1]) : n
                for i in Int(starts[r])..<end { o[i] = perRun[r] }
            }
        }
        return out
    }

    /// The general path: each row's key words hashed into the table.
    func hashedGroups(_ keys: [ColumnVector], _ n: Int) -> [Int32] {
        if keys.count == 2, case .dictionary(let a, let da, let ia) = keys[0].storage,
           case .dictionary(let b, let db, let ib) = keys[1].storage,
           GroupTable.packs(da.count, db.count), usesCodes(0, ia, da), usesCodes(1, ib, db) {
            return pairGroups(a, b, nullA: GroupTable.nullCode(da), nullB: GroupTable.nullCode(db), n)
        }
        let k = keys.count
        var rowWords = [[UInt64]](repeating: [UInt64](repeating: 0, count: n), count: k)
        var nulls = [UInt64](repeating: 0, count: n)
        for j in 0..<k { columnWords(keys[j], key: j, into: &rowWords[j], nulls: &nulls, n: n) }
        return hashGroups(rowWords, nulls, keys, n)
    }

    /// The hash table's loop over rows: the table's arrays are moved into locals for the
    /// loop (so it indexes plain buffers, with no exclusivity check per access), and
    /// consecutive rows with the same key words reuse the previous row's group.
    func hashGroups(_ rowWords: [[UInt64]], _ nulls: [UInt64], _ keys: [ColumnVector], _ n: Int) -> [Int32] {
        ensureSlots()
        let k = keys.count, w = width
        var out = [Int32](repeating: 0, count: n)
        var table = slots, stored = words
        slots = []
        words = []
        var tableMask = mask
        var tuple = [UInt64](repeating: 0, count: w)
        var newRows: [Int] = []
        var groups = count
        var previous: Int32 = -1
        for i in 0..<n {
            var same = previous >= 0
            for j in 0..<k {
                let x = rowWords[j][i]
                if same && x != tuple[j] { same = false }
                tuple[j] = x
            }
            if same && nulls[i] != tuple[k] { same = false }
            tuple[k] = nulls[i]
            if same { out[i] = previous; continue }
            let (slot, found) = tuple.withUnsafeBufferPointer { GroupTable.probe($0, table, stored, width: w, mask: tableMask) }
            var g = found
            if g < 0 {
                g = Int32(groups)
                groups += 1
                stored.append(contentsOf: tuple)
                newRows.append(i)
                table[slot] = g
                if groups * 2 > table.count {
                    table = GroupTable.slots(for: stored, groups: groups, width: w, size: table.count * 2)
                    tableMask = table.count - 1
                }
            }
            out[i] = g
            previous = g
        }
        slots = table
        words = stored
        mask = tableMask
        for (j, key) in keys.enumerated() where codeDictionary[j] == nil {
            for i in newRows { storedKeyValues[j].append(key.value(i)) }
        }
        count = groups
        return out
    }

    /// Where `tuple` is in an open-addressing slot table over `stored` (`width` words a
    /// group): its group, or -1 and the empty slot where it goes.
    @inline(__always)
    static func probe(_ tuple: UnsafeBufferPointer<UInt64>, _ table: [Int32], _ stored: [UInt64], width w: Int, mask: Int) -> (slot: Int, group: Int32) {
        var slot = Int(GroupTable.hash(tuple) & UInt64(mask))
        while true {
            let candidate = table[slot]
            if candidate < 0 { return (slot, -1) }
            let base = Int(candidate) &* w
            var equal = true
            for j in 0..<w where stored[base &+ j] != tuple[j] { equal = false; break }
            if equal { return (slot, candidate) }
            slot = (slot &+ 1) & mask
        }
    }

    /// The group of `tuple`, added with `values()` as its keys if new.
    func find(_ tuple: [UInt64], values: () -> [ScalarValue]) -> Int32 {
        ensureSlots()
        let h = tuple.withUnsafeBufferPointer { GroupTable.hash($0) }
        var slot = Int(h & UInt64(mask))
        while true {
            let g = slots[slot]
            if g < 0 {
                let id = Int32(count)
                addGroup(tuple, values: values())
                slots[slot] = id
                if count * 2 > slots.count { grow() }
                return id
            }
            let base = Int(g) * width
            var same = true
            for j in 0..<width where words[base + j] != tuple[j] { same = false; break }
            if same { return g }
            slot = (slot + 1) & mask
        }
    }

    func addGroup(_ tuple: [UInt64], values: [ScalarValue]) {
        words.append(contentsOf: tuple.isEmpty ? [UInt64](repeating: 0, count: width) : tuple)
        // A key in code mode reads its values from its dictionary (`keyValue`).
        for (j, v) in values.enumerated() where codeDictionary[j] == nil { storedKeyValues[j].append(v) }
        count += 1
    }

    func grow() {
        slots = GroupTable.slots(for: words, groups: count, width: width, size: slots.count * 2)
        mask = slots.count - 1
    }

    /// An open-addressing slot table of `size` (a power of two) holding groups
    /// `0..<groups`, whose key words are `width` words each in `words`.
    static func slots(for words: [UInt64], groups: Int, width: Int, size: Int) -> [Int32] {
        var table = [Int32](repeating: -1, count: size)
        let mask = size - 1
        words.withUnsafeBufferPointer { w in
            for g in 0..<groups {
                var slot = Int(GroupTable.hash(UnsafeBufferPointer(rebasing: w[(g * width)..<(g * width + width)])) & UInt64(mask))
                while table[slot] >= 0 { slot = (slot + 1) & mask }
                table[slot] = Int32(g)
            }
        }
        return table
    }

    /// Finds or adds the group of explicit key values (for merging tables).
    package func group(of values: [ScalarValue]) -> Int32 {
        materialize()
        var tuple = [UInt64](repeating: 0, count: width)
        var nulls: UInt64 = 0
        for (j, v) in values.enumerated() {
            if v.isNull { nulls |= UInt64(1) << UInt64(j % 64) } else { tuple[j] = word(v, key: j) }
        }
        tuple[keyTypes.count] = nulls
        return find(tuple) { values }
    }

    /// Key `k`'s word for each entry of dictionary `dict` (`UInt64.max` for NULL), made
    /// once per dictionary and kept.
    func entryWords(_ k: Int, _ dict: ColumnVector, _ id: Int) -> [UInt64] {
        if let table = dictionaryWords[k][id], !table.isEmpty { return table }
        let table = (0..<dict.count).map { j in dict.isNull(j) ? UInt64.max : word(dict.value(j), key: k) }
        dictionaryWords[k][id] = table
        return table
    }

    /// Key `k`'s word for row `i` of `v`, or nil when it is NULL: the value bits of an
    /// integer-like column, a code (in code mode) or the dictionary's word for it (made
    /// once per dictionary, as `columnWords` makes them), with no value made for the row.
    /// A dense table over an integer range is made again for every chunk, so each chunk
    /// looks up each of its (date, model) pairs once: through values and interning that
    /// was a third of `GROUP BY date, model_id` (per_step 10M, 56 ms).
    func rowWord(_ v: ColumnVector, key k: Int, row i: Int) -> UInt64? {
        switch v.storage {
        case .int64(let xs) where GroupTable.usesValueBits(keyTypes[k]):
            if let valid = v.validity, !valid[i] { return nil }
            return UInt64(bitPattern: xs[i])
        case .dictionary(let codes, let dict, let id):
            let code = Int(codes[i])
            if dict.isNull(code) { return nil }
            // A key in code mode on this dictionary: the code is its word.
            if codeDictionary[k] == id { return UInt64(bitPattern: codes[i]) }
            if codeDictionary[k] == nil, dict.count <= GroupTable.denseLimit { return entryWords(k, dict, id)[code] }
            return word(dict.value(code), key: k)
        default:
            let x = v.value(i)
            return x.isNull ? nil : word(x, key: k)
        }
    }

    /// Tables of composite codes to groups, per combination of dictionaries (kept across
    /// the chunks of a part).
    var denseTables: [[Int]: [Int32]] = [:]

    /// The largest composite domain grouped through a dense table.
    static let denseLimit = 1 << 16

    /// Groups of rows whose keys are dictionary codes, small integer ranges or constants:
    /// each row's keys make one composite code, and the hash table is asked once per
    /// distinct code instead of once per row. Nil when a key does not qualify.
    func denseGroups(_ keys: [ColumnVector], _ n: Int) -> [Int32]? {
        if keys.count == 1, case .int64(let xs) = keys[0].storage, GroupTable.usesValueBits(keyTypes[0]) {
            return denseIntegerGroups(keys[0], xs, n)
        }
        var composite = [Int32](repeating: 0, count: n)
        var stride = 1
        var cacheKey: [Int] = []
        var bases: [Int64] = []
        for (k, v) in keys.enumerated() {
            var size = 1
            switch v.storage {
            case .dictionary(let codes, let dict, let id):
                size = dict.count
                cacheKey.append(id)
                bases.append(0)
                let s = Int32(stride)
                codes.withUnsafeBufferPointer { c in
                    composite.withUnsafeMutableBufferPointer { out in
                        for i in 0..<n { out[i] &+= Int32(truncatingIfNeeded: c[i]) &* s }
                    }
                }
            case .int64(let xs) where GroupTable.usesValueBits(keyTypes[k]):
                let valid = v.validity
                let (lo, hi) = GroupTable.range(xs, valid, n)
                let (span, o) = hi.subtractingReportingOverflow(lo)
                guard !o, span < Int64(GroupTable.denseLimit) else { return nil }
                size = Int(span) + 2  // the last code is NULL
                cacheKey.append(-1)
                bases.append(lo)
                let s = Int32(stride), nullCode = Int32(size - 1)
                xs.withUnsafeBufferPointer { x in
                    composite.withUnsafeMutableBufferPointer { out in
                        if let valid {
                            for i in 0..<n {
                                let c = valid[i] ? Int32(truncatingIfNeeded: x[i] &- lo) : nullCode
                                out[i] &+= c &* s
                            }
                        } else {
                            for i in 0..<n { out[i] &+= Int32(truncatingIfNeeded: x[i] &- lo) &* s }
                        }
                    }
                }
            case .constant:
                // A constant (project_id) changes from part to part: not cacheable.
                cacheKey.append(-1)
                bases.append(0)
            default:
                return nil
            }
            stride *= size
            if stride > GroupTable.denseLimit { return nil }
        }
        // Tables over dictionaries alone stay valid for the part; integer ranges change per chunk.
        // Taken out of the cache while in use, so that adding a group does not copy it.
        let cacheable = !cacheKey.contains(-1)
        var table = (cacheable ? denseTables.removeValue(forKey: cacheKey) : nil) ?? [Int32](repeating: -1, count: stride)
        // The composite codes become group numbers in place: a table hit per row, the
        // group's key words made only the first time a composite code occurs.
        var tuple = [UInt64](repeating: 0, count: width)
        table.withUnsafeMutableBufferPointer { t in
            composite.withUnsafeMutableBufferPointer { out in
                for i in 0..<n {
                    let c = Int(out[i])
                    var g = t[c]
                    if g < 0 {
                        var nulls: UInt64 = 0
                        for (k, v) in keys.enumerated() {
                            if let w = rowWord(v, key: k, row: i) {
                                tuple[k] = w
                            } else {
                                nulls |= UInt64(1) << UInt64(k % 64)
                                tuple[k] = 0
                            }
                        }
                        tuple[keys.count] = nulls
                        g = find(tuple) { keys.map { $0.value(i) } }
                        t[c] = g
                    }
                    out[i] = g
                }
            }
        }
        if cacheable { denseTables[cacheKey] = table }
        return composite
    }

    /// `denseGroups` of one integer key: each row's group read from a table over the
    /// chunk's range of values, with no array of composite codes written and read back
    /// between (a third of the grouping in a09, by hour of day, per_step 10M). Nil when
    /// the range is too wide.
    func denseIntegerGroups(_ key: ColumnVector, _ xs: [Int64], _ n: Int) -> [Int32]? {
        let valid = key.validity
        let (lo, hi) = GroupTable.range(xs, valid, n)
        let (span, o) = hi.subtractingReportingOverflow(lo)
        guard !o, span < Int64(GroupTable.denseLimit) else { return nil }
        // The last slot is NULL's.
        let nullCode = Int(span) + 1
        var table = [Int32](repeating: -1, count: nullCode + 1)
        var tuple = [UInt64](repeating: 0, count: width)
        return [Int32](unsafeUninitializedCapacity: n) { out, made in
            table.withUnsafeMutableBufferPointer { t in
                xs.withUnsafeBufferPointer { x in
                    @inline(__always) func group(_ c: Int, _ i: Int) -> Int32 {
                        var g = t[c]
                        if g < 0 {
                            let v = key.value(i)
                            tuple[0] = v.isNull ? 0 : word(v, key: 0)
                            tuple[1] = v.isNull ? 1 : 0
                            g = find(tuple) { [v] }
                            t[c] = g
                        }
                        return g
                    }
                    // Two loops, so the one without NULLs tests nothing but the table.
                    if let valid {
                        for i in 0..<n { out[i] = group(valid[i] ? Int(x[i] &- lo) : nullCode, i) }
                    } else {
                        for i in 0..<n { out[i] = group(Int(x[i] &- lo), i) }
                    }
                }
            }
            made = n
        }
    }

    /// The smallest and largest of the first `n` values with a value (0...0 when none has).
    static func range(_ xs: [Int64], _ valid: [Bool]?, _ n: Int) -> (Int64, Int64) {
        var lo = Int64.max, hi = Int64.min
        xs.withUnsafeBufferPointer { x in
            if let valid {
                for i in 0..<n where valid[i] { lo = Swift.min(lo, x[i]); hi = Swift.max(hi, x[i]) }
            } else if n > 0 {
                // In C with AVX2: Swift's loop stayed scalar (6% of hour of day, many_small 10M).
                tally_int64_range(x.baseAddress!, n, &lo, &hi)
            }
        }
        return lo > hi ? (0, 0) : (lo, hi)
    }
}
