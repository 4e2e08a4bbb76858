import TallySystem
import TallyFormat
/// What happened in a project, as the platform counts it beside usage.
///
/// Each kind has a stable snake_case `name` (the JSON and HTTP spelling) and a stable
/// one-byte `code` (the on-disk spelling in activity logs; never reuse a code).
public enum ActivityKind: Sendable, Hashable {
    /// A sandbox VM was created.
    case sandboxCreated
    /// A sandbox VM was terminated.
    case sandboxTerminated
    /// A session took a concurrent-session slot.
    case sessionStarted
    /// A session gave its slot back.
    case sessionEnded
    /// A workflow run was created.
    case runCreated
    /// A run finished successfully.
    case runCompleted
    /// A run failed.
    case runFailed
    /// A run went through this many iterations (>= 0).
    case iterations(Int64)
    /// A workflow was created.
    case workflowCreated
    /// A member joined the project.
    case memberAdded
    /// A member left the project.
    case memberRemoved
    /// An invitation was sent.
    case invitationSent
    /// An invitation was accepted, declined or withdrawn.
    case invitationResolved

    /// Every kind's name, in code order.
    public static let names = [
        "sandbox_created", "sandbox_terminated", "session_started", "session_ended", "run_created", "run_completed",
        "run_failed", "iterations", "workflow_created", "member_added", "member_removed", "invitation_sent",
        "invitation_resolved",
    ]

    /// The snake_case name, e.g. `run_created`.
    public var name: String { ActivityKind.names[Int(code) - 1] }

    /// The kind called `name`; `count` is the amount of `iterations` and ignored otherwise.
    /// Nil for an unknown name.
    public init?(name: String, count: Int64 = 1) {
        guard let i = ActivityKind.names.firstIndex(of: name) else { return nil }
        self.init(code: UInt8(i + 1), amount: count)
    }

    /// The on-disk code (1...13).
    var code: UInt8 {
        switch self {
        case .sandboxCreated: 1
        case .sandboxTerminated: 2
        case .sessionStarted: 3
        case .sessionEnded: 4
        case .runCreated: 5
        case .runCompleted: 6
        case .runFailed: 7
        case .iterations: 8
        case .workflowCreated: 9
        case .memberAdded: 10
        case .memberRemoved: 11
        case .invitationSent: 12
        case .invitationResolved: 13
        }
    }

    /// The amount stored beside the code: the iteration count, 1 for the other kinds.
    var amount: Int64 {
        if case let .iterations(n) = self { return n }
        return 1
    }

    /// The kind with on-disk `code`; nil for a code this version does not know.
    init?(code: UInt8, amount: Int64) {
        switch code {
        case 1: self = .sandboxCreated
        case 2: self = .sandboxTerminated
        case 3: self = .sessionStarted
        case 4: self = .sessionEnded
        case 5: self = .runCreated
        case 6: self = .runCompleted
        case 7: self = .runFailed
        case 8: self = .iterations(amount)
        case 9: self = .workflowCreated
        case 10: self = .memberAdded
        case 11: self = .memberRemoved
        case 12: self = .invitationSent
        case 13: self = .invitationResolved
        default: return nil
        }
    }
}
