import TallyTestSupport
import Testing
@testable import TallyIngest
import Tally

@Suite struct RFC3339TimestampTests {
    @Test func parsesRuntimeTimestamps() {
        #expect(RFC3339Timestamp.milliseconds("1970-01-01T00:00:00Z") == 0)
        #expect(RFC3339Timestamp.milliseconds("2026-03-04T09:14:11.604Z") == 1_772_615_651_604)
        #expect(RFC3339Timestamp.milliseconds("2026-03-04T18:14:11.604+09:00") == 1_772_615_651_604)
        #expect(RFC3339Timestamp.milliseconds("2026-03-04T01:14:11.604-08:00") == 1_772_615_651_604)
        #expect(RFC3339Timestamp.milliseconds("2026-03-04 09:14:11.6049999z") == 1_772_615_651_604)
        #expect(RFC3339Timestamp.milliseconds("2026-03-04T09:14:11.6Z") == 1_772_615_651_600)
        #expect(RFC3339Timestamp.milliseconds("1969-12-31T23:59:59.999Z") == -1)
    }

    @Test func rejectsInvalidTimestamps() {
        for text in ["2026-02-30T00:00:00Z", "2026-03-04T24:00:00Z", "2026-03-04T09:14:11", "2026-03-04T09:14:11.Z",
                     "2026-03-04T09:14:11Zjunk", "2026-03-04", "", "2026-03-04T09:14:11+0900", "２０２６-03-04T09:14:11Z"] {
            #expect(RFC3339Timestamp.milliseconds(text) == nil, "\(text)")
        }
    }

    /// Property: a timestamp formatted from random milliseconds, in a random offset, parses back.
    @Test func roundTripsRandomInstants() {
        var rng = StreamRobustnessTests.SplitMix64(state: 7)
        func pad(_ v: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(v).count)) + String(v) }
        for _ in 0..<2000 {
            let ms = Int64.random(in: 0...4_102_444_800_000, using: &rng)
            let offset = Int.random(in: -14 * 60...14 * 60, using: &rng)
            let local = ms + Int64(offset) * 60_000
            let day = CivilDate.dayNumber(forMilliseconds: local)
            let inDay = Int(local - Int64(day) * 86_400_000)
            let sign = offset < 0 ? "-" : "+"
            let text = CivilDate.isoString(forDayNumber: day) + "T" + pad(inDay / 3_600_000, 2) + ":"
                + pad(inDay / 60_000 % 60, 2) + ":" + pad(inDay / 1000 % 60, 2) + "." + pad(inDay % 1000, 3)
                + sign + pad(abs(offset) / 60, 2) + ":" + pad(abs(offset) % 60, 2)
            #expect(RFC3339Timestamp.milliseconds(text) == ms, "\(text)")
        }
    }
}
