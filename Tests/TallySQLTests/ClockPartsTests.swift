import CTallyKernels
import Testing
import TallyTestSupport

/// `tally_clock_parts` (AVX-512 through doubles where the CPU has it) against Int64 floor
/// division: values at every multiple of the divisor and one either side (where a double
/// quotient rounds the wrong way), near 2^52 where the vector path hands over, before 1970,
/// and at the ends of Int64; divisors of the hour, minute, second and millisecond.
@Suite struct ClockPartsTests {
    static func reference(_ x: Int64, _ d: Int64, _ m: Int64) -> Int64 {
        var q = x / d
        if x % d != 0 && x < 0 { q -= 1 }
        let r = q % m
        return r < 0 ? r + m : r
    }

    @Test func partsMatchFloorDivision() {
        var g = SeededGenerator(seed: 41)
        for (d, m) in [(Int64(3_600_000_000), Int64(24)), (60_000_000, 60), (1_000_000, 60), (1_000, 1_000), (7, 3)] {
            var x: [Int64] = [0, 1, -1, .min, .max, .min + 1, .max - 1, 1 << 52, (1 << 52) - 1, (1 << 52) + 1, -(1 << 52)]
            for _ in 0..<2_000 {
                let base = Int64.random(in: 0...((1 << 52) / d), using: &g) * d
                x += [base, base - 1, base + 1, base + d - 1, Int64.random(in: -(1 << 53)...(1 << 53), using: &g)]
            }
            for n in [x.count, 7, 8, 9, 17] {
                var out = [Int64](repeating: -7, count: n)
                var portable = [Int64](repeating: -7, count: n)
                x.withUnsafeBufferPointer { v in
                    out.withUnsafeMutableBufferPointer { tally_clock_parts(v.baseAddress!, n, d, m, $0.baseAddress!) }
                    portable.withUnsafeMutableBufferPointer { tally_clock_parts_portable(v.baseAddress!, n, d, m, $0.baseAddress!) }
                }
                let want = x.prefix(n).map { Self.reference($0, d, m) }
                #expect(out == want, "divisor \(d), \(n) values")
                #expect(portable == want, "portable, divisor \(d), \(n) values")
            }
        }
    }
}
