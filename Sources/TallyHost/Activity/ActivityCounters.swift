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
    public mutating func apply(_ kind: ActivityKind) {
        switch kind {
        case .sandboxCreated: sandboxesCreated &+= 1
        case .sandboxTerminated: sandboxesTerminated &+= 1
        case .sessionStarted: sessionsStarted &+= 1
        case .sessionEnded: sessionsEnded &+= 1
        case .runCreated: runsCreated &+= 1
        case .runCompleted: runsCompleted &+= 1
        case .runFailed: runsFailed &+= 1
        case .iterations(let n): iterations &+= n
        case .workflowCreated: workflowsCreated &+= 1
        case .memberAdded: membersAdded &+= 1
        case .memberRemoved: membersRemoved &+= 1
        case .invitationSent: invitationsSent &+= 1
        case .invitationResolved: invitationsResolved &+= 1
        }
    }
}
