import TallySystem
import TallyFormat
/// A project's activity on one calendar day.
public struct ActivityDay: Sendable, Hashable {
    /// The day (days since 1970-01-01, see `CivilDate`).
    public var day: Int32
    /// Sandboxes created that day.
    public var sandboxesCreated: Int64 = 0
    /// Runs created that day.
    public var runsCreated: Int64 = 0
    /// Runs that completed that day.
    public var runsCompleted: Int64 = 0
    /// Runs that failed that day.
    public var runsFailed: Int64 = 0
    /// Iterations reported that day.
    public var iterations: Int64 = 0
    /// Workflows created that day.
    public var workflowsCreated: Int64 = 0

    /// A day with nothing counted yet.
    public init(day: Int32) { self.day = day }

    /// Counts one event of `kind` (kinds that have no daily figure are ignored).
    public mutating func apply(_ kind: ActivityKind) {
        switch kind {
        case .sandboxCreated: sandboxesCreated &+= 1
        case .runCreated: runsCreated &+= 1
        case .runCompleted: runsCompleted &+= 1
        case .runFailed: runsFailed &+= 1
        case .iterations(let n): iterations &+= n
        case .workflowCreated: workflowsCreated &+= 1
        default: break
        }
    }
}
