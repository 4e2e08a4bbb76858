import CTallyKernels
import Testing
import TallyTestSupport

/// The numeric kernels of `tally_numeric.h` (AVX-512 where the CPU has it) against Swift's
/// own arithmetic: division and remainder by constants of every sign and size (dividends
/// at multiples of the divisor and one either side, where a double quotient is off by one,
/// and past 2^52 where the vector path hands over), and DOUBLE to integer casts (ties,
/// NaN, infinities, the ends of the range, NULL rows ignored).
@Suite struct NumericKernelsTests {
    @Test func divisionAndRemainderMatchSwift() {
        var g = SeededGenerator(seed: 51)
        let divisors: [Int64] = [1, -2, 2, 3, 7, -7, 10, 1000, -1000, 3_600_000_000, (1 << 52) - 1, -(1 << 52) + 1,
                                 1 << 52, .max, .min + 1, 86_400_000_000]
        for d in divisors {
            var x: [Int64] = [0, 1, -1, .max, .min + 1, 1 << 52, -(1 << 52), (1 << 52) - 1, -(1 << 52) + 1]
            for _ in 0..<1_500 {
                let k = Int64.random(in: -(1 << 40)...(1 << 40), using: &g)
                let (base, overflow) = k.multipliedReportingOverflow(by: d)
                if !overflow { x += [base, base &- 1, base &+ 1] }
                x.append(Int64.random(in: -(1 << 53)...(1 << 53), using: &g))
            }
            for isMod in [false, true] {
                for n in [x.count, 8, 9, 3] {
                    var out = [Int64](repeating: 0, count: n)
                    x.withUnsafeBufferPointer { v in
                        out.withUnsafeMutableBufferPointer { tally_div_mod_int64(v.baseAddress!, n, d, isMod ? 1 : 0, $0.baseAddress!) }
                    }
                    let want = x.prefix(n).map { isMod ? $0 % d : $0 / d }
                    #expect(out == want, "divisor \(d), \(isMod ? "%" : "/"), \(n) values")
                }
            }
        }
    }

    @Test func castsRoundHalfToEvenAndReportRowsOutOfRange() {
        var g = SeededGenerator(seed: 52)
        let pool: [Double] = [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0, -0.0, .nan, .infinity, -.infinity, 9.223372036854775807e18,
                              -9.223372036854775808e18, 4_503_599_627_370_497, 2_147_483_647.5, -2_147_483_648.5, 1e300]
        for (low, high) in [(Int64.min, Int64.max), (Int64(Int32.min), Int64(Int32.max)), (-128, 127)] {
            for _ in 0..<300 {
                let n = Int.random(in: 0...40, using: &g)
                let x = (0..<n).map { _ in Bool.random(using: &g) ? pool.randomElement(using: &g)! : Double.random(in: -300...300, using: &g) }
                let valid: [UInt8]? = Bool.random(using: &g) ? (0..<n).map { _ in UInt8.random(in: 0...1, using: &g) } : nil
                var out = [Int64](repeating: 0, count: n)
                var portable = [Int64](repeating: 0, count: n)
                let (bad, portableBad) = x.withUnsafeBufferPointer { v in
                    out.withUnsafeMutableBufferPointer { o in
                        portable.withUnsafeMutableBufferPointer { p in
                            if let valid {
                                return valid.withUnsafeBufferPointer { m in
                                    (tally_double_to_int64(v.baseAddress, n, low, high, m.baseAddress, o.baseAddress),
                                     tally_double_to_int64_portable(v.baseAddress, n, low, high, m.baseAddress, p.baseAddress))
                                }
                            }
                            return (tally_double_to_int64(v.baseAddress, n, low, high, nil, o.baseAddress),
                                    tally_double_to_int64_portable(v.baseAddress, n, low, high, nil, p.baseAddress))
                        }
                    }
                }
                var wantBad = false
                for i in 0..<n {
                    let r = x[i].rounded(.toNearestOrEven)
                    let fits = r >= -9.223372036854775808e18 && r < 9.223372036854775808e18 && Int64(r) >= low && Int64(r) <= high
                    if fits {
                        #expect(out[i] == Int64(r) && portable[i] == Int64(r), "\(x[i]) to [\(low), \(high)]")
                    } else if valid?[i] ?? 1 == 1 {
                        wantBad = true
                    }
                }
                #expect((bad != 0) == wantBad && (portableBad != 0) == wantBad, "\(x), valid \(String(describing: valid)), [\(low), \(high)]")
            }
        }
    }
}
