import Foundation

/// A time zone of `SET TimeZone` and `AT TIME ZONE`: the rules that turn an instant
/// (TIMESTAMP WITH TIME ZONE, microseconds since the epoch in UTC) into the wall time of
/// the zone (a TIMESTAMP) and back, as DuckDB's ICU time zones do.
///
/// The rules come from the system's time zone database through Foundation. A zone's
/// offset is constant between two transitions, so `ZoneCursor` keeps the stretch around
/// the last instant it was asked about: a vector of instants costs a database lookup per
/// transition it crosses, not per row. UTC (the default) needs no lookup at all.
package struct SessionZone: Sendable, Hashable, CustomStringConvertible {
    /// The name as `current_setting('TimeZone')` gives it back.
    package let name: String
    /// Nil for UTC and its aliases: every offset is zero.
    let zone: TimeZone?

    /// UTC, the default of every session.
    package static let utc = SessionZone(name: "UTC", zone: nil)

    private init(name: String, zone: TimeZone?) {
        self.name = name
        self.zone = zone
    }

    /// The zone named `name` (an IANA name such as `America/New_York`, or one of the
    /// database's other names: `UTC`, `GMT`, `EST`, `CET`...), matched without regard to
    /// case and named back in the database's spelling, as DuckDB does; nil when there is
    /// no such zone.
    package init?(named name: String) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        let canonical = SessionZone.spellings[lower] ?? trimmed
        if SessionZone.utcNames.contains(canonical.lowercased()) {
            self.init(name: canonical, zone: nil)
            return
        }
        guard let zone = TimeZone(identifier: canonical) else { return nil }
        self.init(name: canonical, zone: zone)
    }

    /// Names of UTC itself (no offset, no transitions: no lookups).
    private static let utcNames: Set<String> = [
        "utc", "etc/utc", "gmt", "etc/gmt", "zulu", "etc/zulu", "uct", "etc/uct", "universal", "etc/universal",
        "gmt0", "etc/gmt0", "greenwich", "etc/greenwich", "gmt+0", "gmt-0", "etc/gmt+0", "etc/gmt-0",
    ]

    /// Every name the database knows, by its lower case (the IANA list lacks the legacy
    /// names, which `TimeZone(identifier:)` still reads).
    private static let spellings: [String: String] = {
        var out: [String: String] = [:]
        let legacy = ["UTC", "Etc/UTC", "Zulu", "Etc/Zulu", "UCT", "Etc/UCT", "Universal", "Etc/Universal", "GMT0", "Etc/GMT0",
                      "Greenwich", "Etc/Greenwich", "GMT+0", "GMT-0", "Etc/GMT+0", "Etc/GMT-0", "Etc/GMT",
                      "EST", "MST", "HST", "EST5EDT", "CST6CDT", "MST7MDT", "PST8PDT", "CET", "EET", "WET", "MET"]
        for n in TimeZone.knownTimeZoneIdentifiers + legacy { out[n.lowercased()] = n }
        return out
    }()

    package var description: String { name }

    /// Whether every offset is zero.
    package var isUTC: Bool { zone == nil }

    /// A few known zone names that start like `name`, for an error's hint.
    package static func suggestions(for name: String) -> [String] {
        let prefix = name.split(separator: "/").first.map(String.init) ?? name
        let known = TimeZone.knownTimeZoneIdentifiers
        let close = known.filter { $0.lowercased().hasPrefix(prefix.lowercased()) }
        return Array((close.isEmpty ? ["UTC", "America/New_York", "Europe/Berlin", "Asia/Tokyo"] : close).prefix(5))
    }

    package static func == (a: SessionZone, b: SessionZone) -> Bool { a.name == b.name }
    package func hash(into h: inout Hasher) { h.combine(name) }

    /// A cursor over this zone's offsets (one per kernel call or per thread).
    func cursor() -> ZoneCursor { ZoneCursor(zone: zone) }

    /// The offset as DuckDB prints it after a TIMESTAMP WITH TIME ZONE: `+00`, `-04`,
    /// `+05:45`.
    static func offsetText(seconds: Int64) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let m = abs(seconds) / 60
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var text = sign + two(m / 60)
        if m % 60 != 0 { text += ":" + two(m % 60) }
        let s = abs(seconds) % 60
        if s != 0 { text += ":" + two(s) }
        return text
    }

    /// An instant as DuckDB casts a TIMESTAMP WITH TIME ZONE to text in this zone:
    /// `2026-06-01 17:45:00.25+05:45` (microseconds, trailing zeros dropped).
    func text(_ instant: Int64) -> String {
        let (wall, offset) = wallTime(instant)
        return TemporalText.timestampText(wall) + SessionZone.offsetText(seconds: offset)
    }

    /// An instant as a result cell: to the millisecond, as the result layer prints a
    /// TIMESTAMP (`2026-06-01 17:45:00.250+05:45`).
    func resultText(_ instant: Int64) -> String {
        let (wall, offset) = wallTime(instant)
        return SQLValue.timestampText(TemporalText.floorDiv(wall, 1000)) + SessionZone.offsetText(seconds: offset)
    }

    /// The wall time (microseconds) and offset (seconds) of one instant.
    private func wallTime(_ instant: Int64) -> (Int64, Int64) {
        var c = cursor()
        let offset = c.offsetSeconds(instant)
        return (instant &+ offset &* 1_000_000, offset)
    }
}

/// The offsets of one zone, with the stretch between two transitions around the last
/// instant asked about remembered.
struct ZoneCursor {
    let zone: TimeZone?
    /// Instants in `start..<end` (microseconds) have `offset` (seconds).
    private var start = Int64.max, end = Int64.min, offset: Int64 = 0

    init(zone: TimeZone?) { self.zone = zone }

    /// Seconds east of UTC at `instant` (microseconds since the epoch, UTC).
    mutating func offsetSeconds(_ instant: Int64) -> Int64 {
        guard let zone else { return 0 }
        if instant >= start && instant < end { return offset }
        let seconds = Double(TemporalText.floorDiv(instant, 1_000_000))
        let date = Date(timeIntervalSince1970: seconds)
        let found = Int64(zone.secondsFromGMT(for: date))
        let next = zone.nextDaylightSavingTimeTransition(after: date).map { Int64($0.timeIntervalSince1970) * 1_000_000 } ?? Int64.max
        if found == offset && next == end && instant < start {
            // The same stretch, reached from below: widen it.
            start = TemporalText.floorDiv(instant, 1_000_000) * 1_000_000
        } else {
            start = TemporalText.floorDiv(instant, 1_000_000) * 1_000_000
            end = next
            offset = found
        }
        return found
    }

    /// The zone's wall time at `instant`, as a TIMESTAMP.
    mutating func local(_ instant: Int64) -> Int64 {
        instant &+ offsetSeconds(instant) &* 1_000_000
    }

    /// The instant at which the zone's clocks show `local`, as ICU (and so DuckDB) reads
    /// it: a wall time the zone skips (clocks set forward) is read with the offset before
    /// the change; one it shows twice (clocks set back) is the later of the two.
    mutating func instant(_ local: Int64) -> Int64 {
        guard zone != nil else { return local }
        let day: Int64 = 86_400_000_000
        let before = offsetSeconds(local &- day) &* 1_000_000
        let after = offsetSeconds(local &+ day) &* 1_000_000
        let early = local &- before, late = local &- after
        let earlyValid = offsetSeconds(early) &* 1_000_000 == before
        let lateValid = offsetSeconds(late) &* 1_000_000 == after
        switch (earlyValid, lateValid) {
        case (true, true): return max(early, late)
        case (false, true): return late
        case (true, false): return early
        case (false, false): return early
        }
    }
}
