import TallyExecution
import TallyTestSupport
import Testing
@testable import TallySQL

/// The block sort and pairwise merges behind ORDER BY and window ordering give exactly
/// what `sort(by:)` gives for sizes around and past several blocks, and a cancellation
/// stops them (between blocks and inside a merge).
@Suite struct InterruptibleSortTests {
    @Test(arguments: [0, 1, 1000, InterruptibleSort.blockSize, InterruptibleSort.blockSize + 1, 3 * InterruptibleSort.blockSize + 777])
    func sortsAsTheStandardSort(_ n: Int) throws {
        var g = SeededGenerator(seed: UInt64(n) + 1)
        let keys = (0..<n).map { _ in Int.random(in: 0..<1000, using: &g) }
        let less: (Int, Int) -> Bool = { a, b in keys[a] != keys[b] ? keys[a] < keys[b] : a < b }
        var order = Array(0..<n)
        try InterruptibleSort.sort(&order, by: less, isCancelled: { false })
        #expect(order == Array(0..<n).sorted(by: less))
    }

    @Test func aCancellationStopsTheSortBetweenBlocksAndInMerges() {
        let n = 3 * InterruptibleSort.blockSize
        var checks = 0
        // Counted once uncancelled, then cancelled at the first and at the last check.
        var order = Array((0..<n).reversed())
        try? InterruptibleSort.sort(&order, by: { $0 < $1 }, isCancelled: { checks += 1; return false })
        #expect(checks > 3, "blocks and merges must check")
        for from in [1, checks] {
            var calls = 0
            var order = Array((0..<n).reversed())
            #expect(throws: ExecutionError.cancelled) {
                try InterruptibleSort.sort(&order, by: { $0 < $1 }, isCancelled: { calls += 1; return calls >= from })
            }
        }
    }
}
