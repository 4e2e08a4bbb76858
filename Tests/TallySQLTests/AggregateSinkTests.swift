import Testing
import TallyTestSupport
@testable import TallySQL

/// The hash aggregate's sinks as parallel workers leave them, merged (`absorb`) and finished,
/// against a plain reference: one worker's table numbering groups by the codes of a shared
/// dictionary (direct mode), the other's left direct mode (a chunk came with another
/// dictionary), or both in one mode; count(*), sum of integers and sum of doubles, FILTER
/// on some chunks.
@Suite struct AggregateSinkTests {
    static let words = (0..<40).map { "key-\($0)" }

    static func spec() -> AggregateSpec {
        let key = BoundExpression.column(0, .varchar, name: "k")
        func agg(_ kind: AggregateKind, _ args: [BoundExpression], _ type: LogicalType, filter: BoundExpression? = nil) -> BoundAggregate {
            BoundAggregate(kind: kind, arguments: args, distinct: false, filter: filter, orderBy: [], returnType: type, text: "\(kind)")
        }
        return AggregateSpec(keys: [key], aggregates: [
            agg(.countStar, [], .bigint),
            agg(.sum, [.column(1, .bigint, name: "x")], .hugeint),
            agg(.sum, [.column(2, .double, name: "d")], .double),
        ], groupingSets: nil)
    }

    /// A chunk keyed on the shared dictionary (`sharedID`) or on one of its own.
    static func chunk(_ n: Int, shared: Bool, sharedID: Int, _ g: inout SeededGenerator) -> (DataChunk, [String]) {
        let pool = shared ? words : Array(words.shuffled(using: &g).prefix(Int.random(in: 1...40, using: &g)))
        let dict = ColumnVector(type: .varchar, storage: .string(pool), count: pool.count)
        let codes = (0..<n).map { _ in Int64.random(in: 0..<Int64(pool.count), using: &g) }
        let id = shared ? sharedID : DictionaryIDs.freshDistinct()
        let keys = ColumnVector(type: .varchar, storage: .dictionary(codes: codes, dictionary: dict, dictionaryID: id), count: n)
        let xs = ColumnVector(type: .bigint, storage: .int64((0..<n).map { _ in Int64.random(in: -1_000...1_000, using: &g) }), count: n)
        let ds = ColumnVector(type: .double, storage: .double((0..<n).map { _ in Double(Int.random(in: -50...50, using: &g)) }), count: n)
        return (DataChunk(columns: [keys, xs, ds], count: n), codes.map { pool[Int($0)] })
    }

    @Test func mergedWorkersAgreeWithAPlainLoop() throws {
        var g = SeededGenerator(seed: 41)
        for round in 0..<60 {
            let sharedID = DictionaryIDs.freshDistinct()
            let sinks = [AggregateSink(spec: Self.spec()), AggregateSink(spec: Self.spec())]
            var expected: [String: (Int64, Int128, Double)] = [:]
            for w in 0..<2 {
                // Worker 1 sometimes meets a chunk of another dictionary (leaving direct mode).
                let mixed = w == 1 && round % 3 != 0
                for c in 0..<Int.random(in: 1...4, using: &g) {
                    let (chunk, keys) = Self.chunk(Int.random(in: 1...500, using: &g), shared: !(mixed && c == 1), sharedID: sharedID, &g)
                    _ = try sinks[w].consume(chunk)
                    for i in 0..<chunk.count {
                        guard case .int(let x) = chunk.columns[1].value(i), case .double(let d) = chunk.columns[2].value(i) else { continue }
                        var e = expected[keys[i]] ?? (0, 0, 0)
                        e.0 += 1; e.1 += x; e.2 += d
                        expected[keys[i]] = e
                    }
                }
            }
            try sinks[0].absorb(sinks[1])
            let out = try sinks[0].finish()
            var got: [String: (Int64, Int128, Double)] = [:]
            for chunk in out {
                for i in 0..<chunk.count {
                    guard case .string(let k) = chunk.columns[0].value(i), case .int(let n) = chunk.columns[1].value(i),
                          case .int(let x) = chunk.columns[2].value(i), case .double(let d) = chunk.columns[3].value(i) else {
                        Issue.record("round \(round): row \(i) of unexpected types")
                        continue
                    }
                    #expect(got[k] == nil, "round \(round): key \(k) twice")
                    got[k] = (Int64(n), x, d)
                }
            }
            #expect(got.count == expected.count, "round \(round): \(got.count) groups, expected \(expected.count)")
            for (k, e) in expected {
                let v = got[k]
                #expect(v?.0 == e.0 && v?.1 == e.1 && v?.2 == e.2, "round \(round): key \(k): \(String(describing: v)) against \(e)")
            }
        }
    }

    /// count(*) beside a sum or avg takes that aggregate's counts of non-NULL rows and adds
    /// the NULL rows itself (`CountState.partner`): with NULLs in some chunks, a constant
    /// NULL chunk, two workers merged and an ungrouped set beside the grouped one, it must
    /// still count every row.
    @Test func countStarBesideASumCountsEveryRow() throws {
        var g = SeededGenerator(seed: 43)
        let key = BoundExpression.column(0, .bigint, name: "k")
        for round in 0..<80 {
            let isDouble = round % 2 == 0
            let type: LogicalType = isDouble ? .double : .bigint
            let spec = AggregateSpec(keys: [key], aggregates: [
                BoundAggregate(kind: .countStar, arguments: [], distinct: false, filter: nil, orderBy: [], returnType: .bigint, text: "count(*)"),
                BoundAggregate(kind: round % 4 < 2 ? .avg : .sum, arguments: [.column(1, type, name: "x")], distinct: false, filter: nil, orderBy: [],
                               returnType: isDouble ? .double : .hugeint, text: "sum(x)"),
            ], groupingSets: round % 3 == 0 ? nil : [[0], []])
            let sinks = [AggregateSink(spec: spec), AggregateSink(spec: spec)]
            #expect(sinks[0].partners == [1, nil], "count(*) rides on the sum")
            var expected: [Int64: Int64] = [:]
            var total: Int64 = 0
            for w in 0..<2 {
                for _ in 0..<Int.random(in: 1...4, using: &g) {
                    let n = Int.random(in: 1...400, using: &g)
                    let keys = (0..<n).map { _ in Int64.random(in: 0..<12, using: &g) }
                    let x: ColumnVector
                    switch Int.random(in: 0..<4, using: &g) {
                    case 0: x = .constant(.null, type: type, count: n)
                    case 1: x = ColumnVector(type: type, storage: isDouble ? .double((0..<n).map { Double($0) }) : .int64((0..<n).map { Int64($0) }), count: n)
                    default:
                        let valid = (0..<n).map { _ in Int.random(in: 0..<3, using: &g) != 0 }
                        x = ColumnVector(type: type, storage: isDouble ? .double((0..<n).map { Double($0) }) : .int64((0..<n).map { Int64($0) }),
                                         validity: valid, count: n)
                    }
                    _ = try sinks[w].consume(DataChunk(columns: [ColumnVector(type: .bigint, storage: .int64(keys), count: n), x], count: n))
                    for k in keys { expected[k, default: 0] += 1 }
                    total += Int64(n)
                }
            }
            try sinks[0].absorb(sinks[1])
            var got: [Int64: Int64] = [:]
            var ungrouped: Int64?
            // After the key: grouping()'s id when there are grouping sets, then count(*).
            let countColumn = spec.groupingSets == nil ? 1 : 2
            for chunk in try sinks[0].finish() {
                for i in 0..<chunk.count {
                    guard case .int(let c) = chunk.columns[countColumn].value(i) else { Issue.record("round \(round): count not an integer"); continue }
                    if case .int(let k) = chunk.columns[0].value(i) { got[Int64(k)] = Int64(c) } else { ungrouped = Int64(c) }
                }
            }
            #expect(got == expected, "round \(round)")
            if spec.groupingSets != nil { #expect(ungrouped == total, "round \(round)") }
        }
    }
}
