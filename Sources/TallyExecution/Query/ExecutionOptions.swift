import TallySystem
import TallyFormat
import TallyStore
/// How the engine may run a query. The answer never depends on these.
public struct ExecutionOptions: Sendable, Hashable {
    /// Worker threads for large scans (1 = serial). Each has its own column batch and
    /// partial aggregation state; they are merged at the end.
    public var parallelism: Int
    /// Scans of fewer rows (by the manifest) than this stay serial.
    public var parallelRowThreshold: Int
    /// Whether parts may be answered from their hourly rollups when the question allows.
    public var useRollups: Bool

    /// Creates options (defaults: 2 workers above 200 000 rows, rollups on).
    public init(parallelism: Int = 2, parallelRowThreshold: Int = 200_000, useRollups: Bool = true) {
        self.parallelism = parallelism
        self.parallelRowThreshold = parallelRowThreshold
        self.useRollups = useRollups
    }
}
