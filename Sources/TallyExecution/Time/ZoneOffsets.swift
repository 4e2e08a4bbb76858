import Foundation
import TallySystem
import TallyFormat
import TallyStore

/// UTC offsets of a time zone with a per-worker cache, and local calendar ordinals.
///
/// Offsets are cached per 15-minute slot of UTC time (a direct-mapped table), so a scan
/// calls Foundation about once per slot it meets rather than once per row; 15 minutes
/// rather than an hour because a few zones (Lord Howe) change offset at half hours.
struct ZoneOffsets {
    static let slotMs: Int64 = 900_000
    static let hourMs: Int64 = 3_600_000
    let zone: TimeZone
    private var tags: [Int64]
    private var offsets: [Int64]
    private let fixed: Int64?

    init(_ zone: TimeZone) {
        self.zone = zone
        tags = [Int64](repeating: .min, count: 4096)
        offsets = [Int64](repeating: 0, count: 4096)
        fixed = zone.identifier == "UTC" || zone.identifier == "GMT" ? 0 : nil
    }

    /// The offset in ms at instant `ts`.
    @inline(__always)
    mutating func offset(_ ts: Int64) -> Int64 {
        if let fixed { return fixed }
        let slot = ZoneOffsets.floorDiv(ts, ZoneOffsets.slotMs)
        let i = Int(slot & 4095)
        if tags[i] == slot { return offsets[i] }
        let o = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(slot * ZoneOffsets.slotMs) / 1000))) * 1000
        tags[i] = slot
        offsets[i] = o
        return o
    }

    /// Whether every offset the zone uses in [from, to] is a whole number of hours and
    /// changes only at whole UTC hours, so UTC-hour rollups map onto local buckets.
    func isWholeHour(from: Int64, to: Int64) -> Bool {
        if fixed != nil { return true }
        var t = Date(timeIntervalSince1970: Double(from) / 1000)
        let end = Date(timeIntervalSince1970: Double(to) / 1000)
        if zone.secondsFromGMT(for: t) % 3600 != 0 { return false }
        while let next = zone.nextDaylightSavingTimeTransition(after: t), next <= end {
            let ms = Int64((next.timeIntervalSince1970 * 1000).rounded())
            if ms % ZoneOffsets.hourMs != 0 || zone.secondsFromGMT(for: next) % 3600 != 0 { return false }
            t = next
        }
        return true
    }

    /// Whether the zone is UTC throughout [from, to], so UTC-day rollups map onto local
    /// days, weeks and months.
    func isUTC(from: Int64, to: Int64) -> Bool {
        if fixed != nil { return true }
        var t = Date(timeIntervalSince1970: Double(from) / 1000)
        let end = Date(timeIntervalSince1970: Double(to) / 1000)
        if zone.secondsFromGMT(for: t) != 0 { return false }
        while let next = zone.nextDaylightSavingTimeTransition(after: t), next <= end {
            if zone.secondsFromGMT(for: next) != 0 { return false }
            t = next
        }
        return true
    }

    @inline(__always)
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        // Quotient then correction: `a - b + 1` would overflow near Int64.min.
        let q = a / b
        return (a % b != 0 && a < 0) ? q - 1 : q
    }

    /// The bucket ordinal of a local wall-clock instant: hours, days, Monday-weeks or
    /// months since the epoch.
    @inline(__always)
    static func ordinal(localMs: Int64, bucket: TimeBucket) -> Int64 {
        switch bucket {
        case .hour: return floorDiv(localMs, hourMs)
        case .day: return floorDiv(localMs, CivilDate.millisecondsPerDay)
        case .week: return floorDiv(floorDiv(localMs, CivilDate.millisecondsPerDay) + 3, 7)
        case .month:
            return Int64(CivilDate.monthKey(forDayNumber: Int32(truncatingIfNeeded: floorDiv(localMs, CivilDate.millisecondsPerDay))))
        }
    }

    /// The key value of a bucket ordinal.
    static func keyValue(ordinal: Int64, bucket: TimeBucket) -> KeyValue {
        switch bucket {
        case .hour: return .localTime(ordinal * hourMs)
        case .day: return .date(Int32(truncatingIfNeeded: ordinal))
        case .week: return .date(Int32(truncatingIfNeeded: ordinal * 7 - 3))
        case .month:
            let y = Int(ordinal) / 12, m = Int(ordinal) % 12 + 1
            return .date(CivilDate.dayNumber(year: y, month: m, day: 1))
        }
    }
}
