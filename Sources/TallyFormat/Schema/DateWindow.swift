import Foundation
import TallySystem

/// An inclusive range of calendar days `from...to` in a time zone.
public struct DateWindow: Sendable, Hashable {
    /// The first day (days since 1970-01-01, see `CivilDate`).
    public var from: Int32
    /// The last day, inclusive.
    public var to: Int32
    /// The zone whose calendar days these are.
    public var timeZone: TimeZone

    /// Creates a window; `to` before `from` is an empty window.
    public init(from: Int32, to: Int32, timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.from = from
        self.to = to
        self.timeZone = timeZone
    }

    /// Days in the window (0 if empty).
    public var dayCount: Int { Swift.max(0, Int(to) - Int(from) + 1) }

    /// The equal-length window that ends the day before this one starts.
    public var previous: DateWindow {
        DateWindow(from: from - Int32(dayCount), to: from - 1, timeZone: timeZone)
    }

    /// The UTC instant (ms) at which local day `day` begins in `zone` (DST-correct).
    public static func startOfDay(_ day: Int32, in zone: TimeZone) -> Int64 {
        var guess = Int64(day) * 86_400_000
        // Two rounds converge across any offset change (offsets differ by < a day).
        for _ in 0..<3 {
            let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(guess) / 1000))) * 1000
            guess = Int64(day) * 86_400_000 - offset
        }
        return guess
    }

    /// The instants of the window, ms since the epoch, inclusive; nil if empty.
    public var instants: ClosedRange<Int64>? {
        guard dayCount > 0 else { return nil }
        return DateWindow.startOfDay(from, in: timeZone)...(DateWindow.startOfDay(to + 1, in: timeZone) - 1)
    }
}
