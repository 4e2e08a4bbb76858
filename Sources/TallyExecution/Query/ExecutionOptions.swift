import TallySystem
import TallyFormat
import TallyStore
/// How the engine may run a query. The answer never depends on these.
package struct ExecutionOptions: Sendable, Hashable {
    /// Worker threads for large scans (1 = serial). Each has its own column batch and
    /// partial aggregation state; they are merged at the end.
    package var parallelism: Int
    /// Scans of fewer rows (by the manifest) than this stay serial.
    package var parallelRowThreshold: Int
    /// Whether parts may be answered from their hourly rollups when the question allows.
    package var useRollups: Bool

    /// Creates options (defaults: 2 workers above 200 000 rows, rollups on).
    package init(parallelism: Int = 2, parallelRowThreshold: Int = 200_000, useRollups: Bool = true) {
        self.parallelism = parallelism
        self.parallelRowThreshold = parallelRowThreshold
        self.useRollups = useRollups
    }
}
