import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyIngest
/// The demo generator's pseudo-random source: xoshiro256** seeded through SplitMix64.
///
/// The generator owns its PRNG (rather than using the standard library's random APIs)
/// so that one seed yields the same records on every machine and Swift version: the
/// state update is integer-only, and every derived distribution below uses only IEEE
/// basic operations (see `DemoMath`), which are correctly rounded everywhere.
struct DemoRandom: Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Expands a 64-bit seed into the 256-bit state, as the xoshiro authors recommend
    /// (an all-zero state would be a fixed point; SplitMix64 never yields four zeros).
    init(seed: UInt64) {
        var sm = seed
        func splitMix() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

    /// The next 64 random bits.
    @inline(__always)
    mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inline(__always)
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A uniform integer in 0..<n (n > 0), by multiply-high; the bias (< n / 2^64) is irrelevant here.
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// A uniform integer in `range`.
    @inline(__always)
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// `true` with probability `p`.
    @inline(__always)
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A uniform double in [a, b).
    @inline(__always)
    mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * unit() }

    /// An approximately standard normal variate (mean 0, variance 1).
    ///
    /// Irwin-Hall with four uniforms: cheap, needs no transcendental function, and its
    /// tails stop at about 3.5 sigma, which keeps log-normal token counts plausible.
    @inline(__always)
    mutating func normal() -> Double {
        let a = next(), b = next()
        let scale = 0x1p-32
        let sum = Double(a & 0xFFFF_FFFF) * scale + Double(a >> 32) * scale
            + Double(b & 0xFFFF_FFFF) * scale + Double(b >> 32) * scale
        return (sum - 2) * 1.7320508075688772
    }

    /// A log-normal variate with the given median and shape (sigma of the underlying normal).
    @inline(__always)
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * DemoMath.exp(sigma * normal())
    }

    /// An exponential variate with mean 1.
    @inline(__always)
    mutating func exponential() -> Double { -DemoMath.log(1 - unit()) }

    /// An index drawn from cumulative weights (`cumulative` nondecreasing, last element > 0).
    @inline(__always)
    mutating func pick(cumulative: [Double], count: Int? = nil) -> Int {
        let n = count ?? cumulative.count
        let x = unit() * cumulative[n - 1]
        var lo = 0, hi = n - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if cumulative[mid] > x { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
