import Foundation

extension DateWindow {
    /// The days from `from` to `to`, inclusive, written `YYYY-MM-DD`.
    ///
    /// - Throws: `DateWindowError` naming the text that is not a date, or a window that
    ///   ends before it starts.
    public init(_ from: String, _ to: String, timeZone: TimeZone = TimeZone(identifier: "UTC")!) throws(DateWindowError) {
        guard let first = CivilDate.parseISODate(from) else { throw .notADate(from) }
        guard let last = CivilDate.parseISODate(to) else { throw .notADate(to) }
        guard first <= last else { throw .endsBeforeItStarts(from: from, to: to) }
        self.init(from: first, to: last, timeZone: timeZone)
    }
}

/// Why text did not make a `DateWindow`.
public enum DateWindowError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not a date `YYYY-MM-DD`.
    case notADate(String)
    /// The last day is before the first.
    case endsBeforeItStarts(from: String, to: String)

    /// What went wrong and what to write instead.
    public var description: String {
        switch self {
        case let .notADate(text): return "'\(text)' is not a date; write YYYY-MM-DD, e.g. 2026-10-01"
        case let .endsBeforeItStarts(from, to): return "the window ends (\(to)) before it starts (\(from)); swap them"
        }
    }
}
