import Testing
@testable import TallyDemo
import Tally

@Suite struct DemoRandomTests {
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
}
