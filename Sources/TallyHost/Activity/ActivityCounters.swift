import TallySystem
import TallyFormat
/// A project's activity totals since its first event, maintained as events are appended.
public struct ActivityCounters: Sendable, Hashable, Codable {
    /// Sandboxes ever created.
    public var sandboxesCreated: Int64 = 0
    /// Sandboxes ever terminated.
    public var sandboxesTerminated: Int64 = 0
    /// Sessions ever started.
    public var sessionsStarted: Int64 = 0
    /// Sessions ever ended.
    public var sessionsEnded: Int64 = 0
    /// Runs ever created.
    public var runsCreated: Int64 = 0
    /// Runs that completed.
    public var runsCompleted: Int64 = 0
    /// Runs that failed.
    public var runsFailed: Int64 = 0
    /// Iterations of all runs.
    public var iterations: Int64 = 0
    /// Workflows ever created.
    public var workflowsCreated: Int64 = 0
    /// Members ever added.
    public var membersAdded: Int64 = 0
    /// Members ever removed.
    public var membersRemoved: Int64 = 0
    /// Invitations ever sent.
    public var invitationsSent: Int64 = 0
    /// Invitations accepted, declined or withdrawn.
    public var invitationsResolved: Int64 = 0

    /// All zero.
    public init() {}

    /// Sandboxes running now: created minus terminated (never below zero, since a
    /// termination may be reported for a sandbox created before counting began).
    public var activeSandboxes: Int64 { Swift.max(0, sandboxesCreated - sandboxesTerminated) }
    /// Sessions holding a slot now: started minus ended (never below zero).
    public var activeSessions: Int64 { Swift.max(0, sessionsStarted - sessionsEnded) }
    /// Members now: added minus removed (never below zero).
    public var members: Int64 { Swift.max(0, membersAdded - membersRemoved) }
    /// Invitations still open: sent minus resolved (never below zero).
    public var pendingInvitations: Int64 { Swift.max(0, invitationsSent - invitationsResolved) }

    /// Counts one event of `kind`.
    /// - Throws: `ActivityError.counterOverflow` (without project and position, which the
    ///   counters do not know) when the counter would pass `Int64.max`; nothing is counted
    ///   then. A counter is never wrapped to a negative number.
    public mutating func apply(_ kind: ActivityKind) throws(ActivityError) {
        switch kind {
        case .sandboxCreated: try Self.add(1, to: &sandboxesCreated, "sandboxesCreated")
        case .sandboxTerminated: try Self.add(1, to: &sandboxesTerminated, "sandboxesTerminated")
        case .sessionStarted: try Self.add(1, to: &sessionsStarted, "sessionsStarted")
        case .sessionEnded: try Self.add(1, to: &sessionsEnded, "sessionsEnded")
        case .runCreated: try Self.add(1, to: &runsCreated, "runsCreated")
        case .runCompleted: try Self.add(1, to: &runsCompleted, "runsCompleted")
        case .runFailed: try Self.add(1, to: &runsFailed, "runsFailed")
        case .iterations(let n): try Self.add(n, to: &iterations, "iterations")
        case .workflowCreated: try Self.add(1, to: &workflowsCreated, "workflowsCreated")
        case .memberAdded: try Self.add(1, to: &membersAdded, "membersAdded")
        case .memberRemoved: try Self.add(1, to: &membersRemoved, "membersRemoved")
        case .invitationSent: try Self.add(1, to: &invitationsSent, "invitationsSent")
        case .invitationResolved: try Self.add(1, to: &invitationsResolved, "invitationsResolved")
        }
    }

    /// `total += amount`, refused rather than wrapped: the one addition of every activity
    /// counter (lifetime and daily). `counter` names it in the error.
    package static func add(_ amount: Int64, to total: inout Int64, _ counter: String) throws(ActivityError) {
        let (sum, overflow) = total.addingReportingOverflow(amount)
        guard !overflow else { throw ActivityError.counterOverflow(counter: counter, total: total, adding: amount, project: nil, index: nil) }
        total = sum
    }
}
