import Foundation

/// The plan every project of this server is on: a monthly token allowance that resets on
/// an anchor day, and a cap on concurrent sessions.
public struct PlanSettings: Sendable, Hashable {
    /// Tokens allowed per billing period; nil = unlimited.
    public var monthlyTokenAllowance: Double?
    /// The day of month (1...31, clamped to short months) a billing period starts on.
    public var anchorDay: Int
    /// Concurrent sessions allowed; nil = unlimited.
    public var sessionCap: Int64?
    /// The zone of the anchor day's midnight.
    public var timeZone: TimeZone

    /// Creates plan settings (defaults: unlimited tokens and sessions, periods from the 1st, UTC).
    public init(monthlyTokenAllowance: Double? = nil, anchorDay: Int = 1, sessionCap: Int64? = nil,
                timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.monthlyTokenAllowance = monthlyTokenAllowance
        self.anchorDay = anchorDay
        self.sessionCap = sessionCap
        self.timeZone = timeZone
    }
}
