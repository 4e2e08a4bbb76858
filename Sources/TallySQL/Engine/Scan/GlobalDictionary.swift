import TallyFormat
/// One text column's values across every resident segment: codes that mean the same
/// string in every segment, so chunks of many parts (each with its own dictionary) can
/// be grouped, compared and joined on codes alone.
///
/// Code 0 is NULL, as in part dictionaries. The dictionary only grows; a vector of it is
/// taken once per growth (its id names that generation, for the caches keyed by
/// dictionary id), so every chunk of one query shares one dictionary vector.
final class GlobalDictionary: @unchecked Sendable {
    private let lock = NSLockLike()
    private var values: [String] = [""]
    /// Keyed by bytes: text of other bytes is another value (`ExactText`).
    private var index: [ExactText: Int64] = [:]
    private var generation: (vector: ColumnVector, id: Int, count: Int)?
    /// Bytes held (strings and the index), for the resident budget.
    private(set) var bytes = 0

    /// Global codes of a part dictionary's entries: element `c` is the global code of
    /// part code `c` (part code 0, NULL, stays 0).
    func codes(of partValues: [String]) -> [Int64] {
        lock.locked {
            var out = [Int64](repeating: 0, count: partValues.count + 1)
            for (i, v) in partValues.enumerated() {
                if let c = index[ExactText(v)] {
                    out[i + 1] = c
                } else {
                    let c = Int64(values.count)
                    values.append(v)
                    index[ExactText(v)] = c
                    // The string twice (array and key) plus the hash entry.
                    bytes += 2 * (v.utf8.count + 16) + 16
                    out[i + 1] = c
                }
            }
            return out
        }
    }

    /// The global code of one value (interned if new).
    func code(of value: String) -> Int64 { codes(of: [value])[1] }

    /// The dictionary as a vector (entry 0 NULL) and its id, covering every code handed
    /// out so far.
    func vector() -> (ColumnVector, Int) {
        lock.locked {
            if let g = generation, g.count == values.count { return (g.vector, g.id) }
            var valid = [Bool](repeating: true, count: values.count)
            valid[0] = false
            let v = ColumnVector(type: .varchar, storage: .string(values), validity: valid, count: values.count)
            let id = DictionaryIDs.freshDistinct()
            generation = (v, id, values.count)
            return (v, id)
        }
    }
}
