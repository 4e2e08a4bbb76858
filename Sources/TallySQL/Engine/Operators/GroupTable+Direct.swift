import TallyFormat

/// Grouping by one column coded in a dictionary of distinct values (a global or part
/// dictionary): each code is its own group, numbered the first time it occurs, with no
/// hashing of values at all. While every chunk comes with the same dictionary, the hash
/// table stays empty; a chunk with another dictionary (or a lookup by value) first
/// enters the groups into the hash table (`materialize`), and grouping goes on there.
///
/// Measured on `Tools/shapes.py per_step` at 10M rows (`GROUP BY sandbox_id`, about
/// 300,000 sandboxes), where hashing each new sandbox's string twice (once per worker,
/// again when merging) was most of the query: see BENCHMARKS.md.
extension GroupTable {
    /// Groups of `codes` of the direct dictionary.
    func directGroups(_ codes: [Int64], _ dict: ColumnVector, _ id: Int, _ n: Int) -> [Int32] {
        if directTable.count < dict.count {
            directTable += [Int32](repeating: -1, count: dict.count - directTable.count)
        }
        if dict.count >= directDictionary?.count ?? 0 { directDictionary = dict }
        var out = [Int32](repeating: 0, count: n)
        // Local copies, so the loop indexes plain arrays, not a class's properties.
        var table = directTable
        directTable = []
        var added: [Int64] = []
        codes.withUnsafeBufferPointer { c in
            out.withUnsafeMutableBufferPointer { o in
                table.withUnsafeMutableBufferPointer { t in
                    var next = Int32(count)
                    for i in 0..<n {
                        let code = Int(c[i])
                        var g = t[code]
                        if g < 0 {
                            g = next
                            next += 1
                            t[code] = g
                            added.append(Int64(code))
                        }
                        o[i] = g
                    }
                }
            }
        }
        directTable = table
        guard !added.isEmpty else { return out }
        // Appended through a local array: each append to a class's property paid a dynamic
        // exclusivity check (a tenth of a GROUP BY run_id over 200,000 runs). The groups'
        // values and hash words are made only if the table leaves direct mode.
        var codes = directCodes
        directCodes = []
        codes.append(contentsOf: added)
        directCodes = codes
        count += added.count
        return out
    }

    /// Enters the groups numbered by code into the hash table, ending direct mode.
    func materialize() {
        guard directID != nil else { return }
        let values = keyValues[0]
        directID = nil
        directTable = []
        directCodes = []
        directDictionary = nil
        storedKeyValues[0] = values
        words = [UInt64](repeating: 0, count: count * width)
        for g in 0..<count {
            let v = values[g]
            words[g * width] = v.isNull ? 0 : word(v, key: 0)
            words[g * width + 1] = v.isNull ? 1 : 0
        }
        var size = slots.count
        while count * 2 > size { size *= 2 }
        slots = GroupTable.slots(for: words, groups: count, width: width, size: size)
        mask = size - 1
    }

    /// For merging: the group in self of each of `other`'s groups when both number groups
    /// by the codes of one dictionary (nil otherwise; merge by values then).
    func directMapping(from other: GroupTable) -> [Int32]? {
        guard let id = directID, other.directID == id else { return nil }
        if let theirs = other.directDictionary, theirs.count > directDictionary?.count ?? 0 { directDictionary = theirs }
        var mapping = [Int32](repeating: 0, count: other.count)
        // Local arrays, assigned back once (see `directGroups`).
        var table = directTable, codes = directCodes, added = 0
        directTable = []
        directCodes = []
        let theirCodes = other.directCodes
        for g in 0..<other.count {
            let code = Int(theirCodes[g])
            if table.count <= code { table += [Int32](repeating: -1, count: code + 1 - table.count) }
            var mine = table[code]
            if mine < 0 {
                mine = Int32(count + added)
                table[code] = mine
                codes.append(Int64(code))
                added += 1
            }
            mapping[g] = mine
        }
        directTable = table
        directCodes = codes
        count += added
        return mapping
    }
}
