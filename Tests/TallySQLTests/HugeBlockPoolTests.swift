@testable import TallySQL
import Testing

/// The pool of 2 MiB blocks behind the quantiles: blocks given back are handed out again
/// (and hold what is written to them after), and no more than the limit is kept.
@Suite struct HugeBlockPoolTests {
    @Test func givenBlocksAreReusedUpToTheLimit() {
        let pool = HugeBlockPool(retainedLimit: 2 * HugeBlockPool.blockBytes)
        let taken = (0..<3).compactMap { _ in pool.take() }
        #expect(taken.count == 3)
        for b in taken { pool.give(b) }
        // Two are kept (the limit), the third unmapped; the next two takes return the kept ones.
        #expect(pool.keptBytes == 2 * HugeBlockPool.blockBytes)
        let again = [pool.take()!, pool.take()!]
        #expect(pool.keptBytes == 0)
        #expect(Set(again.map { UInt(bitPattern: $0) }).isSubset(of: Set(taken.map { UInt(bitPattern: $0) })))
        let words = HugeBlockPool.blockBytes / 8
        for (k, b) in again.enumerated() {
            let p = b.bindMemory(to: Int64.self, capacity: words)
            for i in 0..<words { p[i] = Int64(i &* 31 &+ k) }
            #expect((0..<words).allSatisfy { p[$0] == Int64($0 &* 31 &+ k) })
        }
        // Nothing is kept now: a third take maps a block (possibly at the address of the one
        // unmapped above).
        let fresh = pool.take()!
        #expect(!again.contains(fresh))
        for b in again + [fresh] { pool.give(b) }
        #expect(pool.keptBytes == 2 * HugeBlockPool.blockBytes)
    }
}
