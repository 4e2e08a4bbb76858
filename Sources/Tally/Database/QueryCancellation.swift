import Synchronization

/// Lets a host stop a running `Database.query` from another thread (a request that timed
/// out, a client that went away): call `cancel()`, and the query throws
/// `ExecutionError.cancelled` at its operators' next check, within moments even mid-sort
/// or mid-join, with its temporary spill files removed.
///
/// ```swift
/// let cancellation = QueryCancellation()
/// DispatchQueue.global().asyncAfter(deadline: .now() + 30) { cancellation.cancel() }
/// let result = try db.query(sql, cancellation: cancellation)
/// ```
public final class QueryCancellation: Sendable {
    private let cancelled = Atomic<Bool>(false)

    /// A cancellation not yet requested.
    public init() {}

    /// Asks the query to stop.
    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    /// Whether `cancel()` was called.
    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }
}
