import Testing
import TallyTestSupport
@testable import TallySQL

/// `count(DISTINCT x)` and `list(DISTINCT x)` without GROUP BY over dictionary-coded
/// chunks, as the scan gives them: the resident scan's one dictionary of distinct values
/// (one bit per code), other dictionaries (a part read from its file) arriving before,
/// between or after, NULLs, and two workers' states merged either way round; against the
/// distinct non-NULL values of the rows.
@Suite struct DistinctAggregateStateTests {
    @Test func distinctWithoutGroupByMatchesTheValuesSeen() throws {
        var g = SeededGenerator(seed: 61)
        let values = (0..<300).map { "v\($0)" }
        // NULL at code 0, as the global dictionary holds it.
        let global = ColumnVector(type: .varchar, storage: .string([""] + values), validity: [false] + values.map { _ in true }, count: values.count + 1)
        let globalID = DictionaryIDs.freshDistinct()
        var sawBits = 0
        for round in 0..<150 {
            let counting = round % 3 != 0
            let make = { () -> AggregateState in
                DistinctAggregateState(inner: { counting ? CountState(countAll: false) as AggregateState : ListState(type: .varchar) })
            }
            let workers = [make(), make()]
            var expected = Set<String>()
            for c in 0..<Int.random(in: 1...6, using: &g) {
                let n = Int.random(in: 0...400, using: &g)
                let v: ColumnVector
                if Int.random(in: 0..<4, using: &g) == 0 {
                    // A part's own dictionary, with repeats.
                    let local = (0..<20).map { _ in values.randomElement(using: &g)! }
                    let codes = (0..<n).map { _ in Int64.random(in: 0..<20, using: &g) }
                    for k in codes { expected.insert(local[Int(k)]) }
                    v = ColumnVector(type: .varchar, storage: .dictionary(codes: codes, dictionary: ColumnVector(type: .varchar, storage: .string(local), count: 20),
                                                                         dictionaryID: DictionaryIDs.fresh()), count: n)
                } else {
                    let codes = (0..<n).map { _ in Int64.random(in: 0...Int64(values.count), using: &g) }
                    for k in codes where k > 0 { expected.insert(values[Int(k) - 1]) }
                    v = ColumnVector(type: .varchar, storage: .dictionary(codes: codes, dictionary: global, dictionaryID: globalID), count: n)
                }
                try workers[c % 2].updateSingle([v], n)
            }
            if let d = workers[0] as? DistinctAggregateState, !d.singleCodes.isEmpty { sawBits += 1 }
            let (into, from) = Bool.random(using: &g) ? (workers[0], workers[1]) : (workers[1], workers[0])
            into.resize(1)
            into.merge(from, [0])
            let out = try into.finalize(1).value(0)
            if counting {
                #expect(out == .int(Int128(expected.count)), "round \(round)")
            } else if case .list(let items) = out {
                #expect(items.count == expected.count && Set(items) == Set(expected.map { ScalarValue.string($0) }), "round \(round)")
            } else {
                #expect(expected.isEmpty && out.isNull, "round \(round)")
            }
        }
        #expect(sawBits > 30, "the bits of the global dictionary were used")
    }
}
