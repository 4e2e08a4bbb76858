import TallySystem
import TallyFormat
/// Concurrent sessions of a project against its plan's cap.
public struct SessionQuota: Sendable, Hashable {
    /// The cap; nil means unlimited.
    public var limit: Int64?
    /// Sessions holding a slot now.
    public var used: Int64
    /// Slots left (never below zero); nil when unlimited.
    public var remaining: Int64?

    /// Creates a quota answer; `remaining` is derived.
    public init(limit: Int64?, used: Int64) {
        self.limit = limit
        self.used = used
        self.remaining = limit.map { Swift.max(0, $0 - used) }
    }
}
