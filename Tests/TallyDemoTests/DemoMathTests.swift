import Foundation
import Testing
@testable import TallyDemo
import Tally

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
}
