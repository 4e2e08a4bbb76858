import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// What one file's import did: the figures `tally import` prints at the end.
public struct ImportSummary: Sendable {
    /// The file (or `<stdin>`).
    public var file: String
    /// The format used (detected or forced).
    public var format: ImportFormat
    /// Rows stored.
    public var rowsImported = 0
    /// Bad lines skipped (with `skipBadLines`).
    public var rowsSkipped = 0
    /// Rows left out because a row of the same project, capture source, request id and
    /// unit was already stored on their day (a stream imported again once it grew, a file
    /// imported again once fixed). Rows without a request id are never left out.
    public var rowsAlreadyStored = 0
    /// Rows of a request id already stored with a smaller quantity (a runtime's streaming
    /// placeholder, imported while the file grew): stored with only the growth, so the
    /// request's rows add up to its final count. Counted in `rowsImported` too.
    public var rowsToppedUp = 0
    /// The first skipped lines' errors.
    public var skippedErrors: [String] = []
    /// Rows stored with no rate (cost 0), per "service / unit / model".
    public var unpriced: [String: Int] = [:]
    /// True when a batch with the same identity was already imported: nothing was stored.
    public var duplicate = false
    /// The batch identity recorded with the rows.
    public var identity: String?
    /// Bytes read.
    public var bytes: Int64 = 0
    /// Wall-clock seconds.
    public var seconds: Double = 0
    /// Total cost of the stored rows, nano-USD. Int128, as the SQL layer's sums: each row's
    /// cost fits an Int64, but a file's total need not (two rows of 5 billion USD pass
    /// Int64.max nano-USD), and a summary must never print a wrapped total.
    public var costNanos: Int128 = 0
    /// The part of `costNanos` the input carried itself (`cost_usd`); the rest was priced
    /// from the store's rate card.
    public var givenCostNanos: Int128 = 0
    /// For runtime streams: the cost the runtime itself reported, to reconcile with `costNanos`.
    public var reportedCostNanos: Int128?
    /// Warnings (for example a truncated last line of a stream).
    public var warnings: [String] = []

    /// Rows stored with no rate.
    public var unpricedRows: Int { unpriced.values.reduce(0, +) }
}
