import Testing
import TallyTestSupport
@testable import TallySQL

/// The sort's typed key columns against the plain comparison of values: random chunks of
/// every storage (integers, wide integers, doubles with NaN, text in plain and dictionary
/// form, NULLs, constants mixed in), random directions, NULL placements and limits; the
/// rows `Sorter.sort` returns must be exactly those a stable sort by `SortComparator` gives.
@Suite struct SortKeyColumnTests {
    static let words = ["", "a", "ab", "b", "B", "é", "z", "Anthropic", "anthropic", "ü", "run-10", "run-9"]

    /// One dictionary every chunk of a round may code into (by one id), as a group-by's
    /// key column or the resident scan's global dictionary does, in growing generations.
    static let shared = ColumnVector(type: .varchar, storage: .string(Array(words.reversed())), count: words.count)

    static func vector(_ kind: Int, _ n: Int, _ g: inout SeededGenerator, sharedID: Int = DictionaryIDs.fresh()) -> ColumnVector {
        let nullable = Bool.random(using: &g)
        let validity: [Bool]? = nullable ? (0..<n).map { _ in Int.random(in: 0..<4, using: &g) > 0 } : nil
        switch kind {
        case 0:
            return ColumnVector(type: .bigint, storage: .int64((0..<n).map { _ in Int64.random(in: -3...3, using: &g) }), validity: validity, count: n)
        case 1:
            return ColumnVector(type: .decimal(width: 38, scale: 9),
                                storage: .int128((0..<n).map { _ in Int128(Int.random(in: -3...3, using: &g)) << 70 }), validity: validity, count: n)
        case 2:
            let pool: [Double] = [-.infinity, -1.5, 0, -0.0, 2, .nan, .infinity]
            return ColumnVector(type: .double, storage: .double((0..<n).map { _ in pool.randomElement(using: &g)! }), validity: validity, count: n)
        case 3:
            return ColumnVector(type: .varchar, storage: .string((0..<n).map { _ in words.randomElement(using: &g)! }), validity: validity, count: n)
        default:
            if Bool.random(using: &g) {
                // A generation (a prefix) of the round's shared dictionary.
                let size = Int.random(in: 1...words.count, using: &g)
                guard case .string(let all) = shared.storage else { fatalError() }
                // Entry 0 NULL, as the resident scan's global dictionaries have it.
                let dict = ColumnVector(type: .varchar, storage: .string(Array(all.prefix(size))),
                                        validity: (0..<size).map { $0 != 0 }, count: size)
                let codes = (0..<n).map { _ in Int64.random(in: 0..<Int64(size), using: &g) }
                return ColumnVector(type: .varchar, storage: .dictionary(codes: codes, dictionary: dict, dictionaryID: sharedID),
                                    validity: Bool.random(using: &g) ? nil : validity, count: n)
            }
            // Text on a dictionary of its own: small (ranked per entry) or larger than the rows.
            let size = Bool.random(using: &g) ? 3 : words.count
            let dict = ColumnVector(type: .varchar, storage: .string(Array(words.shuffled(using: &g).prefix(size))), count: size)
            let codes = (0..<n).map { _ in Int64.random(in: 0..<Int64(size), using: &g) }
            return ColumnVector(type: .varchar, storage: .dictionary(codes: codes, dictionary: dict, dictionaryID: DictionaryIDs.fresh()), validity: validity, count: n)
        }
    }

    @Test func typedKeysSortAsTheValuesDo() throws {
        var g = SeededGenerator(seed: 11)
        for round in 0..<300 {
            let kinds = (0..<Int.random(in: 1...3, using: &g)).map { _ in Int.random(in: 0...4, using: &g) }
            let sizes = (0..<Int.random(in: 1...3, using: &g)).map { _ in Int.random(in: 0...40, using: &g) }
            let sharedID = DictionaryIDs.fresh()
            var chunks: [DataChunk] = []
            for (c, n) in sizes.enumerated() {
                var columns = kinds.map { k -> ColumnVector in
                    // Sometimes a chunk's key is a NULL constant (mixed storages across chunks).
                    if c > 0 && Int.random(in: 0..<8, using: &g) == 0 {
                        let t: LogicalType = k == 0 ? .bigint : k == 1 ? .decimal(width: 38, scale: 9) : k == 2 ? .double : .varchar
                        return .constant(.null, type: t, count: n)
                    }
                    return Self.vector(k, n, &g, sharedID: sharedID)
                }
                columns.append(ColumnVector(type: .bigint, storage: .int64((0..<n).map { Int64(c * 1000 + $0) }), count: n))
                chunks.append(DataChunk(columns: columns, count: n))
            }
            let keys = kinds.indices.map { j in
                BoundSortKey(expression: .column(j, chunks[0].columns[j].type, name: "k\(j)"),
                             descending: Bool.random(using: &g), nullsFirst: Bool.random(using: &g))
            }
            let limit: Int? = Bool.random(using: &g) ? Int.random(in: 0...10, using: &g) : nil
            let sorted = try Sorter.sort(chunks, keys: keys, limit: limit)
            var got: [Int64] = []
            for c in sorted { for i in 0..<c.count { if case .int(let v) = c.columns[kinds.count].value(i) { got.append(Int64(v)) } } }

            // The reference: every row's values, a stable sort by SortComparator.
            var rows: [(id: Int64, values: [ScalarValue])] = []
            for chunk in chunks {
                for i in 0..<chunk.count {
                    guard case .int(let id) = chunk.columns[kinds.count].value(i) else { continue }
                    rows.append((Int64(id), kinds.indices.map { chunk.columns[$0].value(i) }))
                }
            }
            let order = rows.indices.sorted { a, b in
                for (k, key) in keys.enumerated() {
                    let c = SortComparator.compare(rows[a].values[k], rows[b].values[k], key)
                    if c != 0 { return c < 0 }
                }
                return a < b
            }
            let expected = order.prefix(limit ?? order.count).map { rows[$0].id }
            #expect(got == expected, "round \(round): kinds \(kinds), sizes \(sizes), limit \(String(describing: limit))")
        }
    }
}

/// ORDER BY ... LIMIT over a pipeline: chunks fed to two sinks (two workers) and one
/// absorbed into the other keep exactly the rows the whole sort's first N are.
@Suite struct TopNSinkTests {
    @Test func twoWorkersKeepTheFirstRowsOfTheWholeSort() throws {
        var g = SeededGenerator(seed: 23)
        for round in 0..<200 {
            let kinds = (0..<Int.random(in: 1...2, using: &g)).map { _ in Int.random(in: 0...4, using: &g) }
            var chunks: [DataChunk] = []
            var id: Int64 = 0
            for _ in 0..<Int.random(in: 0...6, using: &g) {
                let n = Int.random(in: 0...30, using: &g)
                var columns = kinds.map { SortKeyColumnTests.vector($0, n, &g) }
                columns.append(ColumnVector(type: .bigint, storage: .int64((0..<n).map { _ in defer { id += 1 }; return id }), count: n))
                chunks.append(DataChunk(columns: columns, count: n))
            }
            // A total order: the keys, then the row id.
            var keys = kinds.indices.map { j in
                BoundSortKey(expression: .column(j, chunks.first?.columns[j].type ?? .bigint, name: "k\(j)"),
                             descending: Bool.random(using: &g), nullsFirst: Bool.random(using: &g))
            }
            keys.append(BoundSortKey(expression: .column(kinds.count, .bigint, name: "id"), descending: false, nullsFirst: false))
            let limit = Int.random(in: 0...12, using: &g)
            let a = TopNSink(keys: keys, limit: limit), b = TopNSink(keys: keys, limit: limit)
            for (i, c) in chunks.enumerated() { _ = try (i % 2 == 0 ? a : b).consume(c) }
            try a.absorb(b)
            func ids(_ out: [DataChunk]) -> [Int64] {
                var r: [Int64] = []
                for c in out { for i in 0..<c.count { if case .int(let v) = c.columns[kinds.count].value(i) { r.append(Int64(v)) } } }
                return r
            }
            let expected = chunks.isEmpty ? [] : ids(try Sorter.sort(chunks, keys: keys, limit: limit))
            #expect(ids(try a.finish()) == expected, "round \(round)")
        }
    }
}
