import Foundation
@testable import TallySQL
import Testing
import TallyTestSupport

/// The zone rules behind TIMESTAMP WITH TIME ZONE: `ZoneCursor` against Foundation's time
/// zone database (which it caches stretch by stretch), ICU's reading of skipped and
/// repeated wall times, names and offsets as DuckDB prints them, and the binder's errors.
@Suite struct SessionZoneTests {
    static let zones = ["America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kathmandu", "America/St_Johns",
                        "Pacific/Chatham", "Europe/London", "Asia/Tokyo", "America/Sao_Paulo", "Africa/Casablanca"]

    /// Every instant's wall time is the instant plus Foundation's offset there, whether the
    /// cursor walks forward, backward or jumps; reading the wall time back gives an
    /// instant with the same wall time (the same instant unless the wall time is shown
    /// twice).
    @Test func wallTimesMatchTheDatabase() {
        var g = SeededGenerator(seed: 31)
        for name in Self.zones {
            let zone = SessionZone(named: name)!
            let foundation = TimeZone(identifier: name)!
            var cursor = zone.cursor()
            var instants: [Int64] = (0..<400).map { _ in Int64.random(in: 0...2_200_000_000, using: &g) * 1_000_000 }
            instants += (0..<200).map { k in Int64(1_700_000_000 + k * 7_200) * 1_000_000 }  // two-hour steps over a few weeks
            instants += instants.reversed()
            for t in instants {
                let offset = Int64(foundation.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t / 1_000_000))))
                let wall = cursor.local(t)
                #expect(wall == t + offset * 1_000_000, "\(name) at \(t)")
                let back = cursor.instant(wall)
                #expect(cursor.local(back) == wall, "\(name): the wall time of \(t) read back")
                if back != t {
                    // Only a repeated wall time may come back as another instant: the later one.
                    #expect(back > t, "\(name) at \(t)")
                }
            }
        }
    }

    /// ICU's reading, which DuckDB's answers show: a skipped wall time takes the offset
    /// before the change, a repeated one is the later instant.
    @Test func skippedAndRepeatedWallTimes() {
        func instant(_ zone: String, _ wall: String) -> String {
            var c = SessionZone(named: zone)!.cursor()
            return TemporalText.timestampText(c.instant(TemporalText.parseTimestamp(wall)!))
        }
        #expect(instant("America/New_York", "2025-03-09 02:30:00") == "2025-03-09 07:30:00")
        #expect(instant("America/New_York", "2025-11-02 01:30:00") == "2025-11-02 06:30:00")
        #expect(instant("Australia/Sydney", "2025-10-05 02:15:00") == "2025-10-04 16:15:00")
        #expect(instant("Australia/Sydney", "2025-04-06 02:30:00") == "2025-04-05 16:30:00")
        #expect(instant("Asia/Kathmandu", "2025-06-01 12:00:00") == "2025-06-01 06:15:00")
        #expect(instant("UTC", "2025-06-01 12:00:00") == "2025-06-01 12:00:00")
    }

    @Test func namesAndOffsetsAsDuckDBPrintsThem() {
        #expect(SessionZone(named: "utc")?.name == "UTC")
        #expect(SessionZone(named: "utc")?.isUTC == true)
        #expect(SessionZone(named: "Etc/UTC")?.name == "Etc/UTC")
        #expect(SessionZone(named: "america/new_york")?.name == "America/New_York")
        #expect(SessionZone(named: "EST")?.name == "EST")
        #expect(SessionZone(named: "Bogus/Zone") == nil)
        #expect(SessionZone.offsetText(seconds: 0) == "+00")
        #expect(SessionZone.offsetText(seconds: -4 * 3600) == "-04")
        #expect(SessionZone.offsetText(seconds: 5 * 3600 + 45 * 60) == "+05:45")
        #expect(SessionZone.offsetText(seconds: -(3 * 3600 + 30 * 60)) == "-03:30")
        let kathmandu = SessionZone(named: "Asia/Kathmandu")!
        #expect(kathmandu.text(TemporalText.parseTimestamp("2026-06-01 12:00:00.25")!) == "2026-06-01 17:45:00.25+05:45")
        #expect(kathmandu.resultText(TemporalText.parseTimestamp("2026-06-01 12:00:00.25")!) == "2026-06-01 17:45:00.250+05:45")
    }

    /// What the binder refuses, in the caller's terms.
    @Test func errorsNameTheZoneAndTheWay() {
        func message(_ sql: String, _ zone: SessionZone = .utc) -> String {
            do {
                _ = try SQLQuery.prepare(sql, timeZone: zone)
                return ""
            } catch {
                return error.message + " | " + (error.hint ?? "")
            }
        }
        #expect(message("SELECT ts AT TIME ZONE 'Mars/Olympus' FROM usage").contains("unknown time zone 'Mars/Olympus'"))
        #expect(message("SET TimeZone = 'Nowhere'").contains("unknown time zone 'Nowhere'"))
        #expect(message("SELECT ts AT TIME ZONE user_id FROM usage").contains("constant zone name"))
        #expect(message("SELECT quantity AT TIME ZONE 'UTC' FROM usage").contains("TIMESTAMP or a TIMESTAMP WITH TIME ZONE"))
        #expect(message("SELECT strftime(ts AT TIME ZONE 'UTC', '%H %z') FROM usage").contains("%z"))
        #expect(message("SELECT current_setting('memory_limit')").contains("TimeZone"))
        #expect(message("SELECT ts AT TIME ZONE 'UTC' FROM usage") == "")
    }
}
