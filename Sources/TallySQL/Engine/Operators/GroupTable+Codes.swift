/// Key words that are dictionary codes: a key of several keys whose column comes coded in
/// one dictionary of distinct values (a resident scan's global dictionary) takes each
/// row's code as its word, with no value interned. While every chunk brings that one
/// dictionary for the key, equal codes are equal values; a chunk with another dictionary
/// for it, or a lookup by value, first turns the key's words into interned ones
/// (`internKey`), and grouping goes on there. A key in code mode keeps no value per group:
/// its values are read from the largest generation of its dictionary seen when asked for
/// (`keyColumn`, `keyValues`), and made only if the key leaves code mode.
///
/// Interning a value per dictionary entry hashed every one of a global dictionary's
/// entries (455,000 run ids) per worker and again per group when merging workers:
/// `GROUP BY run_id, model_id` took 1,020 ms on per_step 10M, `project_id, run_id`
/// 760 ms (see BENCHMARKS.md, session 16).
extension GroupTable {
    /// Whether key `k`'s words for a vector coded in dictionary `id` are its codes: yes
    /// when the key is in code mode on `id`, or enters it (no group yet); a key in code
    /// mode on another dictionary leaves it.
    func usesCodes(_ k: Int, _ id: Int, _ dictionary: ColumnVector) -> Bool {
        guard !GroupTable.usesValueBits(keyTypes[k]), keyTypes.count > 1, DictionaryIDs.isDistinct(id) else {
            internKey(k)
            return false
        }
        if codeDictionary[k] == nil, count == 0 { codeDictionary[k] = id }
        guard codeDictionary[k] == id else {
            internKey(k)
            return false
        }
        // Generations of one dictionary only grow, and codes keep their values.
        if dictionary.count > codeVectors[k]?.count ?? -1 { codeVectors[k] = dictionary }
        return true
    }

    /// The code of NULL in a dictionary of distinct values (0 when it holds NULL, which is
    /// then its first entry), or -1 when it holds none.
    static func nullCode(_ dictionary: ColumnVector) -> Int64 {
        dictionary.count > 0 && dictionary.isNull(0) ? 0 : -1
    }

    /// Key `k`'s value in group `g`, read from its dictionary when the key is in code mode.
    func keyValue(_ k: Int, _ g: Int) -> ScalarValue {
        guard codeDictionary[k] != nil, let d = codeVectors[k] else { return storedKeyValues[k][g] }
        return d.value(Int(words[g * width + k]))
    }

    /// Key `k` of every group as a column coded in its dictionary, with no value made per
    /// group; nil when the key is not in code mode.
    func keyColumn(_ k: Int) -> ColumnVector? {
        guard let id = codeDictionary[k], let d = codeVectors[k], directID == nil else { return nil }
        let codes = (0..<count).map { g in Int64(bitPattern: words[g * width + k]) }
        return ColumnVector(type: d.type, storage: .dictionary(codes: codes, dictionary: d, dictionaryID: id), count: count)
    }

    /// Ends code mode for key `k`: its words become interned values, and the slots are
    /// made again for the new words.
    func internKey(_ k: Int) {
        guard codeDictionary[k] != nil else { return }
        ensureSlots()
        let values = (0..<count).map { keyValue(k, $0) }
        storedKeyValues[k] = values
        codeDictionary[k] = nil
        codeVectors[k] = nil
        for g in 0..<count where !values[g].isNull {
            words[g * width + k] = word(values[g], key: k)
        }
        slots = GroupTable.slots(for: words, groups: count, width: width, size: slots.count)
    }

    /// For merging: the group in self of each of `other`'s groups, when the two tables'
    /// words mean the same (every key in code mode on one dictionary in both, or of
    /// integer-like type); nil otherwise (merge by values then).
    func codeMapping(from other: GroupTable) -> [Int32]? {
        guard keyTypes.count > 1, directID == nil, other.directID == nil else { return nil }
        for k in keyTypes.indices where !GroupTable.usesValueBits(keyTypes[k]) {
            guard let id = codeDictionary[k], other.codeDictionary[k] == id else { return nil }
            if let theirs = other.codeVectors[k], theirs.count > codeVectors[k]?.count ?? -1 { codeVectors[k] = theirs }
        }
        if width == 3, keyTypes.allSatisfy({ !GroupTable.usesValueBits($0) }),
           GroupTable.packs(codeVectors[0]?.count ?? 0, codeVectors[1]?.count ?? 0) {
            return pairMapping(from: other)
        }
        ensureSlots()
        // Room for every group of both first, so the loop never grows the table.
        var size = slots.count
        while (count + other.count) * 2 > size { size *= 2 }
        if size > slots.count {
            slots = GroupTable.slots(for: words, groups: count, width: width, size: size)
            mask = size - 1
        }
        // The table's arrays in locals for the loop (see `hashGroups`).
        let w = width
        var table = slots, stored = words
        slots = []
        words = []
        var added: [Int] = []
        let mapping = other.words.withUnsafeBufferPointer { theirs in
            (0..<other.count).map { g -> Int32 in
                let tuple = UnsafeBufferPointer(rebasing: theirs[(g * w)..<(g * w + w)])
                let (slot, found) = GroupTable.probe(tuple, table, stored, width: w, mask: mask)
                if found >= 0 { return found }
                let mine = Int32(count + added.count)
                stored.append(contentsOf: tuple)
                table[slot] = mine
                added.append(g)
                return mine
            }
        }
        slots = table
        words = stored
        count += added.count
        // Keys in code mode keep no values (`keyValue` reads them from the dictionary).
        for k in keyTypes.indices where codeDictionary[k] == nil {
            for g in added { storedKeyValues[k].append(other.storedKeyValues[k][g]) }
        }
        return mapping
    }
}
