@testable import TallySQL
import Testing

/// Order statistics by quickselect (`Selection.place`, under median and quantiles) against
/// a full sort: every wanted position holds the sorted value, on arrays of duplicates,
/// sorted and reversed runs, doubles with NaN (above every number), of every size.
@Suite struct SelectionTests {
    @Test func selectedPositionsHoldTheSortedValues() {
        var g = SeededGenerator(seed: 67)
        let nanLast: (Double, Double) -> Bool = { $0 < $1 || ($1.isNaN && !$0.isNaN) }
        for round in 0..<3_000 {
            let n = Int.random(in: 1...(round % 10 == 0 ? 5_000 : 60), using: &g)
            var xs: [Double]
            switch round % 4 {
            case 0: xs = (0..<n).map { _ in Double(Int.random(in: 0..<4, using: &g)) }
            case 1: xs = (0..<n).map { Double($0) }
            case 2: xs = (0..<n).map { Double(n - $0) }
            default: xs = (0..<n).map { _ in Int.random(in: 0..<8, using: &g) == 0 ? .nan : Double.random(in: -1...1, using: &g) }
            }
            let sorted = xs.sorted(by: nanLast)
            let positions = (0..<Int.random(in: 1...(round % 7 == 0 ? 12 : 3), using: &g)).map { _ in Int.random(in: 0..<n, using: &g) }
            Selection.place(&xs, positions, by: nanLast)
            for k in positions {
                let got = xs[k], want = sorted[k]
                #expect(got == want || (got.isNaN && want.isNaN), "round \(round): position \(k) of \(n)")
            }
        }
    }
}
