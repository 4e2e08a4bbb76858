import Testing
import TallyTestSupport
@testable import TallySQL

/// The group-by's hash table (`GroupTable`) against a plain dictionary of key tuples: random
/// chunks, one after another into one table, whose keys take every path it has: integers
/// of a small span (dense), in runs (run groups), spread wide (hashed), with NULLs; text in
/// dictionaries of distinct values (direct mode) that change from chunk to chunk (leaving
/// direct mode); several keys. Every row's group must be the one of its key values, new
/// values must get new groups, and each group's key values must be its rows'.
@Suite struct GroupTableTests {
    static func intKey(_ n: Int, _ g: inout SeededGenerator) -> ColumnVector {
        let span: Int64 = [3, 1_000, 1 << 40].randomElement(using: &g)!
        let runLength = [1, 8, 200].randomElement(using: &g)!
        var values: [Int64] = []
        while values.count < n {
            let v = Int64.random(in: 0..<span, using: &g) * ([1, 1_000_000].randomElement(using: &g)!)
            values += repeatElement(v, count: min(n - values.count, Int.random(in: 1...runLength, using: &g)))
        }
        let validity: [Bool]? = Int.random(in: 0..<3, using: &g) == 0 ? (0..<n).map { _ in Int.random(in: 0..<5, using: &g) > 0 } : nil
        return ColumnVector(type: .bigint, storage: .int64(values), validity: validity, count: n)
    }

    static func textKey(_ n: Int, dictionary: ColumnVector, id: Int, _ g: inout SeededGenerator) -> ColumnVector {
        let codes = (0..<n).map { _ in Int64.random(in: 0..<Int64(dictionary.count), using: &g) }
        return ColumnVector(type: .varchar, storage: .dictionary(codes: codes, dictionary: dictionary, dictionaryID: id), count: n)
    }

    @Test func rowsGetTheGroupOfTheirKeys() {
        var g = SeededGenerator(seed: 23)
        var coded = 0
        for round in 0..<160 {
            // Every fourth round two text keys of 400 values: their codes span more than the
            // dense tables take, so while their chunks share one dictionary they go through
            // the pair index (`pairGroups`).
            let pairs = round % 4 == 0
            let words = (0..<(pairs ? 400 : [50, 400].randomElement(using: &g)!)).map { "w\($0)" }
            let kinds = pairs ? [false, false] : (0..<Int.random(in: 1...3, using: &g)).map { _ in Bool.random(using: &g) }
            let table = GroupTable(keyTypes: kinds.map { $0 ? .bigint : .varchar })
            var reference: [[ScalarValue]: Int32] = [:]
            // A dictionary of distinct values per chunk or shared by every chunk.
            let sharedID = DictionaryIDs.freshDistinct()
            let shared = ColumnVector(type: .varchar, storage: .string(words), count: words.count)
            // Of the chunks, none, some or all bring a dictionary of their own (a key whose
            // words were the shared dictionary's codes then interns them).
            let changing = [0.0, 0.3, 1.0].randomElement(using: &g)! * (pairs && round % 8 == 0 ? 0 : 1)
            for _ in 0..<Int.random(in: 1...5, using: &g) {
                let own = Double.random(in: 0..<1, using: &g) < changing
                let n = Int.random(in: 1...2_000, using: &g)
                let keys = kinds.map { isInt -> ColumnVector in
                    if isInt { return Self.intKey(n, &g) }
                    if own {
                        let pool = Array(words.shuffled(using: &g).prefix(Int.random(in: 1...words.count, using: &g)))
                        let dict = ColumnVector(type: .varchar, storage: .string(pool), count: pool.count)
                        return Self.textKey(n, dictionary: dict, id: DictionaryIDs.freshDistinct(), &g)
                    }
                    return Self.textKey(n, dictionary: shared, id: sharedID, &g)
                }
                let groups = table.groups(keys, n)
                for i in 0..<n {
                    let tuple = keys.map { $0.value(i) }
                    if let known = reference[tuple] {
                        #expect(groups[i] == known, "round \(round): row \(i) of \(tuple) in group \(groups[i]), its key's group is \(known)")
                    } else {
                        #expect(Int(groups[i]) == reference.count, "round \(round): a new key \(tuple) took group \(groups[i]), not the next one")
                        reference[tuple] = groups[i]
                    }
                }
                #expect(table.count == reference.count)
            }
            let values = table.keyValues
            for (tuple, group) in reference {
                #expect(values.map { $0[Int(group)] } == tuple, "round \(round): group \(group)'s key values")
            }
            // A key in code mode gives its column by code, with the same values.
            for k in kinds.indices {
                guard let column = table.keyColumn(k) else { continue }
                coded += 1
                let wrong = (0..<table.count).filter { column.value($0) != values[k][$0] }
                #expect(wrong.isEmpty, "round \(round): key \(k)'s column by code differs in \(wrong.count) groups, first \(wrong.first ?? 0)")
            }
        }
        #expect(coded > 10, "keys still in code mode at the end: \(coded)")
    }

    /// Two workers' tables merged: groups map by code words when both keys' words are one
    /// dictionary's codes (`codeMapping`), by values otherwise; either way each of the
    /// other's groups must land on the group of its key values.
    @Test func mergedTablesMapGroupsByKeyValues() {
        var g = SeededGenerator(seed: 29)
        var viaCodes = 0
        for round in 0..<80 {
            // A NULL at code 0, as a global dictionary has.
            let words: [String?] = [nil] + (0..<40).map { "w\($0)" }
            let shared = ColumnVector.build(type: .varchar, count: words.count) { words[$0].map(ScalarValue.string) ?? .null }
            let sharedID = DictionaryIDs.freshDistinct()
            // The second key an integer, or text in a dictionary of 2,000 values (two text keys
            // merge through the pair index, `pairMapping`).
            let textPair = round % 2 == 1
            let others: [String?] = [nil] + (0..<2_000).map { "v\($0)" }
            let second = ColumnVector.build(type: .varchar, count: others.count) { others[$0].map(ScalarValue.string) ?? .null }
            let secondID = DictionaryIDs.freshDistinct()
            let types: [LogicalType] = [.varchar, textPair ? .varchar : .bigint]
            let tables = [GroupTable(keyTypes: types), GroupTable(keyTypes: types)]
            for (w, table) in tables.enumerated() {
                for _ in 0..<Int.random(in: 1...3, using: &g) {
                    let n = Int.random(in: 1...500, using: &g)
                    let ownDictionary = w == 1 && round % 4 == 0
                    // Its own dictionary holds the values in another order: equal codes are
                    // other values.
                    let reordered = [nil] + words.dropFirst().shuffled(using: &g)
                    let text = ownDictionary
                        ? Self.textKey(n, dictionary: ColumnVector.build(type: .varchar, count: reordered.count) { reordered[$0].map(ScalarValue.string) ?? .null },
                                       id: DictionaryIDs.freshDistinct(), &g)
                        : Self.textKey(n, dictionary: shared, id: sharedID, &g)
                    let key = textPair ? Self.textKey(n, dictionary: second, id: secondID, &g) : Self.intKey(n, &g)
                    _ = table.groups([text, key], n)
                }
            }
            if tables[0].codeMapping(from: tables[1]) != nil { viaCodes += 1 }
            let theirValues = tables[1].keyValues
            let mapping = tables[0].codeMapping(from: tables[1])
                ?? (0..<tables[1].count).map { k in tables[0].group(of: theirValues.map { $0[k] }) }
            let mine = tables[0].keyValues, theirs = tables[1].keyValues
            for k in 0..<tables[1].count {
                #expect(mine.map { $0[Int(mapping[k])] } == theirs.map { $0[k] }, "round \(round): their group \(k)")
            }
        }
        #expect(viaCodes > 20, "tables merged by code words")
    }
}
