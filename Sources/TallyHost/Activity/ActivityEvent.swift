import TallySystem
import TallyFormat
/// One activity event of a project: a sandbox created, a run failed, iterations done.
public struct ActivityEvent: Sendable, Hashable {
    /// The project (tenant) it belongs to; the first partition key, as for usage.
    public var projectId: String
    /// When it happened, ms since the epoch, UTC; its UTC month is the second partition key.
    public var ts: Int64
    /// What happened.
    public var kind: ActivityKind

    /// Creates an event.
    public init(projectId: String, ts: Int64, kind: ActivityKind) {
        self.projectId = projectId
        self.ts = ts
        self.kind = kind
    }
}
