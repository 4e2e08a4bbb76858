/// Key words that are dictionary codes: a key of several keys whose column comes coded in
/// one dictionary of distinct values (a resident scan's global dictionary) takes each
/// row's code as its word, with no value interned. While every chunk brings that one
/// dictionary for the key, equal codes are equal values; a chunk with another dictionary
/// for it, or a lookup by value, first turns the key's words into interned ones
/// (`internKey`), and grouping goes on there.
///
/// Interning a value per dictionary entry hashed every one of a global dictionary's
/// entries (455,000 run ids) per worker and again per group when merging workers:
/// `GROUP BY run_id, model_id` took 1,020 ms on per_step 10M, `project_id, run_id`
/// 760 ms (see BENCHMARKS.md, session 16).
extension GroupTable {
    /// Whether key `k`'s words for a vector coded in dictionary `id` are its codes: yes
    /// when the key is in code mode on `id`, or enters it (no group yet); a key in code
    /// mode on another dictionary leaves it.
    func usesCodes(_ k: Int, _ id: Int) -> Bool {
        guard !GroupTable.usesValueBits(keyTypes[k]), keyTypes.count > 1, DictionaryIDs.isDistinct(id) else {
            internKey(k)
            return false
        }
        if codeDictionary[k] == id { return true }
        if codeDictionary[k] == nil, count == 0 {
            codeDictionary[k] = id
            return true
        }
        internKey(k)
        return false
    }

    /// Ends code mode for key `k`: its words become interned values, and the slots are
    /// made again for the new words.
    func internKey(_ k: Int) {
        guard codeDictionary[k] != nil else { return }
        codeDictionary[k] = nil
        let values = storedKeyValues[k]
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
        }
        var tuple = [UInt64](repeating: 0, count: width)
        return (0..<other.count).map { g in
            for j in 0..<width { tuple[j] = other.words[g * width + j] }
            return find(tuple) { other.storedKeyValues.map { $0[g] } }
        }
    }
}
