@testable import TallySQL
import Testing

/// min and max per group (`MinMaxState`) against a plain fold of `ScalarValue.compare`
/// over each group's values in row order (the first of equal values kept): integers,
/// timestamps, doubles with NaN, infinities and both zeros, text coded in dictionaries
/// with NULL entries and repeated values, plain text; NULL rows, rows outside every group
/// (FILTER), the ungrouped form and two workers merged.
@Suite struct MinMaxStateTests {
    static func vector(_ type: LogicalType, _ n: Int, _ g: inout SeededGenerator) -> ColumnVector {
        let nulls = Bool.random(using: &g)
        func maybeNull(_ v: ScalarValue, _ g: inout SeededGenerator) -> ScalarValue {
            nulls && Int.random(in: 0..<4, using: &g) == 0 ? .null : v
        }
        switch type {
        case .double:
            let pool: [Double] = [0, -0.0, 1.5, -2.25, .infinity, -.infinity, .nan, 7, 1e300, -1e-300]
            let values = (0..<n).map { _ in maybeNull(.double(pool.randomElement(using: &g)!), &g) }
            return ColumnVector.build(type: type, count: n) { values[$0] }
        case .varchar:
            let words = ["", "a", "ab", "b", "B", "é", "e\u{301}", "zz", "a\u{0}"]
            if Bool.random(using: &g) {
                let values = (0..<n).map { _ in maybeNull(.string(words.randomElement(using: &g)!), &g) }
                return ColumnVector.build(type: type, count: n) { values[$0] }
            }
            // A dictionary that may repeat values and hold NULL.
            let entries = (0..<Int.random(in: 1...12, using: &g)).map { _ in Int.random(in: 0..<6, using: &g) == 0 ? ScalarValue.null : .string(words.randomElement(using: &g)!) }
            let dict = ColumnVector.build(type: .varchar, count: entries.count) { entries[$0] }
            let codes = (0..<n).map { _ in Int64.random(in: 0..<Int64(entries.count), using: &g) }
            return ColumnVector(type: type, storage: .dictionary(codes: codes, dictionary: dict, dictionaryID: DictionaryIDs.fresh()), count: n)
        case .timestamp:
            let values = (0..<n).map { _ in maybeNull(.timestamp(Int64.random(in: -5...5, using: &g) * 1_000_000_000_000), &g) }
            return ColumnVector.build(type: type, count: n) { values[$0] }
        default:
            let edges: [Int64] = [.min, .max, 0, -1, 1]
            let values = (0..<n).map { _ in maybeNull(.int(Int128(Bool.random(using: &g) ? edges.randomElement(using: &g)! : Int64.random(in: -9...9, using: &g))), &g) }
            return ColumnVector.build(type: type, count: n) { values[$0] }
        }
    }

    /// The reference: each group's best by `ScalarValue.compare`, the first kept on ties.
    static func fold(_ best: inout [ScalarValue], _ groups: [Int32], _ v: ColumnVector, max: Bool) {
        for i in 0..<v.count where groups[i] >= 0 {
            let x = v.value(i), g = Int(groups[i])
            if x.isNull { continue }
            if best[g].isNull { best[g] = x; continue }
            let c = ScalarValue.compare(x, best[g])
            if max ? c > 0 : c < 0 { best[g] = x }
        }
    }

    /// Identical values: doubles by bits (NaN equals NaN, -0.0 differs from 0.0).
    static func same(_ a: ScalarValue, _ b: ScalarValue) -> Bool {
        if case .double(let x) = a, case .double(let y) = b { return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN) }
        return a == b
    }

    @Test func bestValuesMatchAPlainFold() throws {
        var g = SeededGenerator(seed: 53)
        let types: [LogicalType] = [.bigint, .timestamp, .double, .varchar, .decimal(width: 18, scale: 9)]
        for round in 0..<600 {
            let type = types[round % types.count]
            let wantMax = round % 2 == 0
            let groupCount = Int.random(in: 1...9, using: &g)
            let workers = [MinMaxState(wantMax: wantMax, type: type), MinMaxState(wantMax: wantMax, type: type)]
            var expected = [ScalarValue](repeating: .null, count: groupCount)
            let ungrouped = Int.random(in: 0..<4, using: &g) == 0
            for w in workers {
                w.resize(ungrouped ? 1 : groupCount)
                for _ in 0..<Int.random(in: 1...3, using: &g) {
                    let n = Int.random(in: 1...60, using: &g)
                    let v = Self.vector(type, n, &g)
                    if ungrouped {
                        try w.updateSingle([v], n)
                        Self.fold(&expected, [Int32](repeating: 0, count: n), v, max: wantMax)
                    } else {
                        let groups = (0..<n).map { _ in Int32.random(in: -1..<Int32(groupCount), using: &g) }
                        try w.update(groups, [v], n)
                        Self.fold(&expected, groups, v, max: wantMax)
                    }
                }
            }
            let count = ungrouped ? 1 : groupCount
            workers[0].merge(workers[1], (0..<Int32(count)).map { $0 })
            let out = try workers[0].finalize(count)
            for k in 0..<count {
                let e = ungrouped ? expected[0] : expected[k]
                #expect(Self.same(out.value(k), e), "round \(round) (\(type), \(wantMax ? "max" : "min")) group \(k): \(out.value(k)) against \(e)")
            }
        }
    }
}
