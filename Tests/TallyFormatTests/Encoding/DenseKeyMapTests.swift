import Testing
@testable import TallyFormat
import TallySystem
import TallyStore
import TallyTestSupport

@Suite struct DenseKeyMapTests {
    /// Ids are 0, 1, 2, ... in order of first appearance, whatever the collisions in the
    /// table and however often it grows (50,000 draws grow it past 4,096 slots).
    @Test(arguments: [1, 2] as [UInt64])
    func numbersKeysInOrderOfFirstAppearance(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        let map = DenseKeyMap()
        var reference = [UInt64: Int]()
        for _ in 0..<50_000 {
            let key = Int.random(in: 0..<3, using: &g) == 0
                ? UInt64.random(in: 0...UInt64.max, using: &g) : UInt64.random(in: 0..<3000, using: &g) << 21
            let id = map.id(for: key)
            if let known = reference[key] { #expect(id == known) } else {
                #expect(id == reference.count)
                reference[key] = id
            }
        }
        #expect(map.count == reference.count)
    }
}
