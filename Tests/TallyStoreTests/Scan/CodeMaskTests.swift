import Testing
import TallyFormat
@testable import TallyStore

/// A mask made from a few looked-up codes (`passingCodes`, searched by `mayPass`) decides
/// every row group as the same mask with prefix counts does.
@Suite struct CodeMaskTests {
    @Test func passingCodesDecideRowGroupsAsPrefixCountsDo() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(bound))
        }
        for _ in 0..<300 {
            let count = 1 + next(60)
            let codes = (0..<next(5)).map { _ in next(count + 2) - 1 }  // some out of range, some repeated
            let sparse = CodeMask(column: .runId, count: count, passingCodes: codes)
            var dense = CodeMask(column: .runId, mask: sparse.mask)
            dense.computePrefix()
            #expect(sparse.mask == (0..<count).map { c in codes.contains(c) ? 1 : 0 })
            for _ in 0..<20 {
                let lo = Int64(next(count + 1)), hi = Int64(next(count + 1))
                let rows = 1 + next(50), nulls = next(rows + 1)
                #expect(sparse.mayPass(nullCount: nulls, rowCount: rows, min: lo, max: hi)
                        == dense.mayPass(nullCount: nulls, rowCount: rows, min: lo, max: hi),
                        "codes \(codes) of \(count), rows \(lo)...\(hi), \(nulls) nulls of \(rows)")
            }
        }
    }
}
