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
    /// - Throws: `ActivityError.counterOverflow` when a figure would pass `Int64.max`
    ///   (nothing is counted then; a day's figure is never wrapped to a negative number).
    public mutating func apply(_ kind: ActivityKind) throws(ActivityError) {
        switch kind {
        case .sandboxCreated: try ActivityCounters.add(1, to: &sandboxesCreated, "sandboxesCreated")
        case .runCreated: try ActivityCounters.add(1, to: &runsCreated, "runsCreated")
        case .runCompleted: try ActivityCounters.add(1, to: &runsCompleted, "runsCompleted")
        case .runFailed: try ActivityCounters.add(1, to: &runsFailed, "runsFailed")
        case .iterations(let n): try ActivityCounters.add(n, to: &iterations, "iterations")
        case .workflowCreated: try ActivityCounters.add(1, to: &workflowsCreated, "workflowsCreated")
        default: break
        }
    }
}
