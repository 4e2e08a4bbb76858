import Testing
@testable import TallyDemo
import Tally

@Suite struct DemoIdentifiersTests {
    @Test func identifiersAreWellFormed() {
        var rng = DemoRandom(seed: 5)
        for _ in 0..<1000 {
            let uuid = DemoIdentifiers.uuid(&rng)
            let bytes = Array(uuid.utf8)
            #expect(bytes.count == 36)
            #expect(bytes[14] == UInt8(ascii: "4"))
            #expect([UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b")].contains(bytes[19]))
            let sandbox = DemoIdentifiers.base36(&rng, prefix: "", count: 20)
            #expect(sandbox.utf8.count == 20)
        }
    }
}
