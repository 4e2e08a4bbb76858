/// What `Database.ingest(_:idempotencyKey:)` did with a batch of records.
public struct IngestResult: Sendable, Hashable {
    /// Rows stored (topped-up rows included).
    public var rowsStored = 0
    /// Rows left out because a row of the same project, capture source, request id and
    /// unit was already stored on their day.
    public var rowsAlreadyStored = 0
    /// Rows of a request stored before with a smaller quantity: stored with only the growth.
    public var rowsToppedUp = 0
    /// True when a batch with the same idempotency key was committed before: nothing of
    /// this one was stored.
    public var duplicateBatch = false

    /// A result with nothing stored.
    public init() {}
}
