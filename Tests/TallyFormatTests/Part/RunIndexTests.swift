import Testing
@testable import TallyFormat
import TallyTestSupport

/// The run index section (`RunIndex`): it finds every stretch of rows of rows sorted by
/// (day, run), is left out when stretches are too short to pay, and a damaged section is
/// refused with a `FormatError` (never a crash, never ranges outside the part).
@Suite struct RunIndexTests {
    /// Rows sorted by (day, run): `stretches` stretches of 1 to `longest` rows.
    static func rows(stretches: Int, longest: Int, _ g: inout SeededGenerator) -> (days: [Int32], runs: [Int64]) {
        var days = [Int32](), runs = [Int64]()
        var day = Int32.random(in: 19_000...20_000, using: &g)
        var run: Int64 = 0
        for _ in 0..<stretches {
            if Bool.random(using: &g) { day += Int32.random(in: 1...3, using: &g); run = 0 }
            run += Int64.random(in: 1...5, using: &g)
            let n = Int.random(in: 1...longest, using: &g)
            days += repeatElement(day, count: n)
            runs += repeatElement(run, count: n)
        }
        return (days, runs)
    }

    @Test func theIndexFindsEveryStretch() throws {
        var g = SeededGenerator(seed: 6)
        for _ in 0..<200 {
            let (days, runs) = Self.rows(stretches: Int.random(in: 1...300, using: &g), longest: 40, &g)
            guard let bytes = RunIndex.encoded(days: days, runCodes: runs) else {
                continue
            }
            let index = try RunIndex.decode(bytes, runDictionarySize: Int(runs.max()!), rowCount: days.count)
            var covered = 0
            for k in index.runs.indices {
                let r = index.rowRanges[k]
                #expect(r.lowerBound == covered)
                #expect(r.allSatisfy { days[$0] == index.days[k] && runs[$0] == index.runs[k] })
                // A stretch is maximal: the row after it is another day or run.
                if r.upperBound < days.count { #expect(days[r.upperBound] != index.days[k] || runs[r.upperBound] != index.runs[k]) }
                covered = r.upperBound
            }
            #expect(covered == days.count)
        }
    }

    @Test func shortStretchesGetNoIndex() {
        var g = SeededGenerator(seed: 7)
        let (days, runs) = Self.rows(stretches: 500, longest: 2, &g)
        #expect(RunIndex.encoded(days: days, runCodes: runs) == nil)
        #expect(RunIndex.encoded(days: [], runCodes: []) == nil)
    }

    @Test func aDamagedIndexIsRefused() {
        var g = SeededGenerator(seed: 8)
        var refused = 0
        for _ in 0..<300 {
            let (days, runs) = Self.rows(stretches: Int.random(in: 1...50, using: &g), longest: 30, &g)
            guard var bytes = RunIndex.encoded(days: days, runCodes: runs) else { continue }
            if Bool.random(using: &g) {
                bytes[Int.random(in: 0..<bytes.count, using: &g)] ^= UInt8(1 << Int.random(in: 0..<8, using: &g))
            } else {
                bytes.removeLast(Int.random(in: 1...bytes.count, using: &g))
            }
            do {
                let index = try RunIndex.decode(bytes, runDictionarySize: Int(runs.max()!), rowCount: days.count)
                // A change that still decodes must still describe the part's rows.
                #expect(index.rowRanges.last?.upperBound == days.count)
                #expect(index.runs.allSatisfy { $0 >= 0 && $0 <= runs.max()! })
            } catch {
                refused += 1
            }
        }
        #expect(refused > 100)
    }
}
