import Testing
import TallyTestSupport
@testable import TallySQL

/// The top-N sink (`TopNSink`: each chunk cut to the rows at least as good as the best
/// `limit`-th key found so far, by quickselect and by threshold, then sorted) against a
/// full sort: random chunks of integer keys with NULLs, many ties, runs in either order,
/// two sinks merged as two workers' are, ascending and descending, limits from 1 to more
/// than the rows.
@Suite struct TopNSinkThresholdTests {
    @Test func theBestRowsAreThoseOfAFullSort() throws {
        var g = SeededGenerator(seed: 59)
        for round in 0..<150 {
            let descending = Bool.random(using: &g)
            let limit = [1, 3, 50, 400, 5_000].randomElement(using: &g)!
            let span = [3, 1_000, 1 << 40].randomElement(using: &g)!
            let keys = [BoundSortKey(expression: .column(0, .bigint, name: "k"), descending: descending, nullsFirst: false),
                        BoundSortKey(expression: .column(1, .bigint, name: "id"), descending: false, nullsFirst: false)]
            let sinks = [TopNSink(keys: keys, limit: limit), TopNSink(keys: keys, limit: limit)]
            var all: [(key: Int64?, id: Int64)] = []
            for _ in 0..<Int.random(in: 1...6, using: &g) {
                let n = Int.random(in: 0...3_000, using: &g)
                var values = (0..<n).map { _ in Int64.random(in: -Int64(span)...Int64(span), using: &g) }
                if Bool.random(using: &g) { values.sort() }
                let valid: [Bool]? = Bool.random(using: &g) ? (0..<n).map { _ in Int.random(in: 0..<5, using: &g) > 0 } : nil
                let ids = (0..<n).map { Int64(all.count + $0) }
                for i in 0..<n { all.append((valid.map { $0[i] } ?? true ? values[i] : nil, ids[i])) }
                let chunk = DataChunk(columns: [ColumnVector(type: .bigint, storage: .int64(values), validity: valid, count: n),
                                                ColumnVector(type: .bigint, storage: .int64(ids), count: n)], count: n)
                _ = try sinks[Int.random(in: 0...1, using: &g)].consume(chunk)
            }
            try sinks[0].absorb(sinks[1])
            let got = try sinks[0].finish().flatMap { c in (0..<c.count).map { c.columns[1].value($0) } }
            let expected = all.sorted { a, b in
                switch (a.key, b.key) {
                case let (x?, y?) where x != y: return descending ? x > y : x < y
                case (nil, _?): return false
                case (_?, nil): return true
                default: return a.id < b.id
                }
            }.prefix(limit).map { ScalarValue.int(Int128($0.id)) }
            #expect(got == Array(expected), "round \(round): limit \(limit), descending \(descending), \(all.count) rows")
        }
    }
}
