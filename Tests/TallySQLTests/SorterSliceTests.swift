import Testing
@testable import TallySQL

/// `LIMIT`/`OFFSET` slicing over chunks: every offset and limit (none included) keeps
/// exactly the rows a plain array slice keeps. An OFFSET without a LIMIT added the offset
/// to `Int.max` and trapped (found by `Tools/fuzz.sh sql-run`).
@Suite struct SorterSliceTests {
    static func chunks(_ sizes: [Int]) -> [DataChunk] {
        var next: Int64 = 0
        return sizes.map { n in
            let values = (0..<n).map { _ in defer { next += 1 }; return next }
            return DataChunk(columns: [ColumnVector(type: .bigint, storage: .int64(values), count: n)], count: n)
        }
    }

    @Test func slicesMatchAnArraySlice() {
        let sizes = [3, 0, 5, 1, 4]
        let all = Array(Int64(0)..<Int64(sizes.reduce(0, +)))
        for offset in 0...15 {
            for limit in [nil, 0, 1, 2, 5, 20] as [Int?] {
                let out = Sorter.slice(Self.chunks(sizes), offset: offset, limit: limit)
                var got: [Int64] = []
                for c in out { for i in 0..<c.count { if case .int(let v) = c.columns[0].value(i) { got.append(Int64(v)) } } }
                let lo = min(offset, all.count), hi = limit.map { min(all.count, lo + $0) } ?? all.count
                #expect(got == Array(all[lo..<hi]), "offset \(offset) limit \(String(describing: limit))")
            }
        }
    }
}
