import Foundation
import Testing
@testable import Tally

@Suite struct DemoMathTests {
    @Test func expAndLogAgreeWithTheSystemLibrary() {
        var x = -30.0
        while x <= 30 {
            let relative = abs(DemoMath.exp(x) - Foundation.exp(x)) / Foundation.exp(x)
            #expect(relative < 1e-12, "exp(\(x))")
            x += 0.0137
        }
        for v in [1e-9, 0.001, 0.5, 0.9999, 1, 1.5, 2, 3.14159, 1000, 123_456.789, 1e12] {
            #expect(abs(DemoMath.log(v) - Foundation.log(v)) < 1e-12 * Swift.max(1, abs(Foundation.log(v))), "log(\(v))")
        }
    }

    @Test func randomVariatesHaveTheIntendedShape() {
        var rng = DemoRandom(seed: 1)
        var sum = 0.0, sumSquares = 0.0, below = 0
        let n = 200_000
        for _ in 0..<n {
            let z = rng.normal()
            sum += z
            sumSquares += z * z
            if rng.logNormal(median: 100, sigma: 1) < 100 { below += 1 }
            let k = rng.below(7)
            #expect(k >= 0 && k < 7)
        }
        #expect(abs(sum / Double(n)) < 0.01)
        #expect(abs(sumSquares / Double(n) - 1) < 0.02)
        #expect(abs(Double(below) / Double(n) - 0.5) < 0.01)
        var a = DemoRandom(seed: 77), b = DemoRandom(seed: 77), c = DemoRandom(seed: 78)
        #expect((0..<10).map { _ in a.next() } == (0..<10).map { _ in b.next() })
        #expect(a.next() != c.next())
    }

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
