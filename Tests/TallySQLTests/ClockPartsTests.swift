import Testing
import TallyTestSupport
@testable import TallySQL

/// `TemporalKernels.clockParts` (hour, minute and second of instants, reusing a value while
/// rows stay in one unit) against the plain `floorDiv` and `mod` per row: instants in time
/// order, shuffled, partly ordered, before and after 1970.
@Suite struct ClockPartsTests {
    @Test func everyRowGetsItsOwnHourMinuteAndSecond() {
        var g = SeededGenerator(seed: 31)
        for round in 0..<200 {
            let n = Int.random(in: 0...5_000, using: &g)
            let origin = Int64.random(in: -5_000_000_000_000_000...5_000_000_000_000_000, using: &g)
            let step = [1, 1_000_000, 60_000_000, 7_200_000_000].randomElement(using: &g)!
            var v = (0..<n).map { _ in origin &+ Int64.random(in: 0...Int64(step), using: &g) &* Int64(n) }
            switch round % 3 {
            case 0: v.sort()
            case 1: break
            default: v.sort(); if n > 10 { for _ in 0..<(n / 10) { v.swapAt(Int.random(in: 0..<n, using: &g), Int.random(in: 0..<n, using: &g)) } }
            }
            for (d, m) in [(Int64(3_600_000_000), Int64(24)), (60_000_000, 60), (1_000_000, 60)] {
                var out = [Int64](repeating: -1, count: n)
                v.withUnsafeBufferPointer { x in
                    out.withUnsafeMutableBufferPointer { TemporalKernels.clockParts(x, into: $0, n, divisor: d, modulus: m) }
                }
                let expected = v.map { TemporalKernels.wrap(TemporalText.floorDiv($0, d), m) }
                #expect(out == expected, "round \(round), divisor \(d)")
            }
        }
    }
}

/// `TemporalKernels.datePart` of calendar parts over instants (the value reused while rows
/// stay in one day) against `DatePart.extract` per row, in time order and shuffled.
@Suite struct CalendarPartsTests {
    @Test func everyRowGetsItsOwnCalendarPart() throws {
        var g = SeededGenerator(seed: 37)
        for round in 0..<120 {
            let n = Int.random(in: 1...3_000, using: &g)
            let origin = Int64.random(in: -5_000_000_000_000_000...5_000_000_000_000_000, using: &g)
            let step = [1_000_000, 3_600_000_000, 86_400_000_000, 40 * 86_400_000_000].randomElement(using: &g)!
            var v = (0..<n).map { _ in origin &+ Int64.random(in: 0...Int64(step), using: &g) &* 7 }
            if round % 2 == 0 { v.sort() }
            let input = ColumnVector(type: .timestamp, storage: .int64(v), count: n)
            for part in ["year", "month", "day", "quarter", "dayofyear", "week", "isoyear"] {
                let kernel = try #require(TemporalKernels.datePart(part, input: .timestamp))
                let out = try kernel([input], n)
                let expected = v.map { DatePart.extract(part, $0) ?? .null }
                let wrong = (0..<n).filter { out.value($0) != expected[$0] }
                #expect(wrong.isEmpty, "round \(round), \(part): \(wrong.count) rows differ, first \(wrong.first.map { v[$0] } ?? 0)")
            }
        }
    }
}
