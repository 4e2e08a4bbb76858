/// A kernel for a test of one text argument (LIKE with a constant pattern): a loop over
/// the strings giving BOOLEANs, with no value boxed per row. A dictionary-coded argument
/// is tested once per entry, and the answers, a BOOLEAN dictionary over the same codes,
/// are kept per source dictionary for the statement, so a global dictionary's entries
/// are tested once, not once per chunk.
///
/// Measured on many_small 10M (`user_id LIKE 'user-1%'`, its parts' dictionaries tested
/// one by one): see BENCHMARKS.md, session 17.
enum StringPredicateKernel {
    /// The kernel of `test` over one argument; NULL gives NULL.
    static func make(_ test: @escaping @Sendable (String) -> Bool) -> ScalarKernel {
        let cache = DerivedDictionaries()
        return { (args: [ColumnVector], count: Int) throws(SQLError) -> ColumnVector in
            let x = args[0]
            switch x.storage {
            case .string(let values):
                return ColumnVector(type: .boolean, storage: .bool(answers(values, count, test)), validity: x.validity, count: count)
            case .dictionary(let codes, let dictionary, let id):
                guard case .string(let values) = dictionary.storage else { break }
                let key = DerivedDictionaries.Key(source: id, constants: [])
                if let (derived, derivedID) = cache.lookup(key) {
                    return ColumnVector(type: .boolean, storage: .dictionary(codes: codes, dictionary: derived, dictionaryID: derivedID), count: count)
                }
                let derived = ColumnVector(type: .boolean, storage: .bool(answers(values, dictionary.count, test)),
                                           validity: dictionary.validity, count: dictionary.count)
                // Two entries may both be TRUE: a dictionary that repeats values (odd id).
                let derivedID = DictionaryIDs.fresh()
                cache.store(key, derived, derivedID)
                return ColumnVector(type: .boolean, storage: .dictionary(codes: codes, dictionary: derived, dictionaryID: derivedID), count: count)
            default:
                break
            }
            return try RowKernel.apply(args, count: count, type: .boolean, strict: true) { v in
                guard case .string(let s) = v[0] else { return .null }
                return .bool(test(s))
            }
        }
    }

    /// `test` of the first `n` strings (a NULL row's string is tested too; its validity
    /// hides the answer).
    static func answers(_ values: [String], _ n: Int, _ test: (String) -> Bool) -> [Bool] {
        [Bool](unsafeUninitializedCapacity: n) { out, made in
            for i in 0..<n { out[i] = test(values[i]) }
            made = n
        }
    }
}
