import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// What a ``StreamParser`` found in one stream.
package struct StreamParseResult: Sendable {
    /// The format that was parsed.
    package var format: StreamFormat
    /// One record per (deduplicated usage event, token class) with a reported quantity > 0.
    /// `costNanos` is `nil`: the importer prices records from the rate card.
    package var records: [UsageRecord]
    /// The sum of the costs the runtime itself reported (Claude's `total_cost_usd`,
    /// OpenCode's step `cost`, Pi's `cost.total`), in nano-USD, converted exactly from the
    /// decimal text; `nil` when the stream reports no cost.
    package var reportedCostNanos: Int128?
    /// Lines or fields that could not be used, in line order.
    package var problems: [StreamProblem]
    /// Physical lines in the input (a last line without a newline counts).
    package var linesRead: Int
    /// Usage events (API calls or steps) left after deduplication.
    package var usageEvents: Int
    /// Repeated entries that deduplication dropped.
    package var duplicatesDropped: Int
    /// The runtime's session or thread id, if the stream names one.
    package var sessionId: String?
    /// The first line that belongs to another format (another runtime's stream, or usage
    /// records): its usage is not in `records`, so an import must not go ahead.
    package var formatChange: StreamFormatChange?

    /// Creates a result.
    package init(
        format: StreamFormat, records: [UsageRecord] = [], reportedCostNanos: Int128? = nil,
        problems: [StreamProblem] = [], linesRead: Int = 0, usageEvents: Int = 0,
        duplicatesDropped: Int = 0, sessionId: String? = nil,
        formatChange: StreamFormatChange? = nil
    ) {
        self.format = format
        self.records = records
        self.reportedCostNanos = reportedCostNanos
        self.problems = problems
        self.linesRead = linesRead
        self.usageEvents = usageEvents
        self.duplicatesDropped = duplicatesDropped
        self.sessionId = sessionId
        self.formatChange = formatChange
    }

    /// Whether any problem has severity `.error`.
    package var hasErrors: Bool { problems.contains { $0.severity == .error } }
}
