import TallySystem
import TallyFormat
/// How a store is opened.
package struct StoreOptions: Sendable {
    /// The codec for new parts (LZ4 by default; Zstandard for cold or compact stores).
    package var codec: Codec = .lz4
    /// The Zstandard level (when `codec` is `.zstd`) of parts written from fresh rows
    /// (flushes, imports): fast, since it is paid on the write path.
    package var freshZstdLevel: Int32 = 3
    /// The Zstandard level of parts written by merges and rewrites: strong, since a merge
    /// rewrites its inputs anyway, off the write path.
    package var mergedZstdLevel: Int32 = 9
    /// Open without the write lock; every write throws `StorageError.readOnly`.
    package var readOnly = false
    /// Create the store folder if it does not exist.
    package var createIfMissing = true
    /// Buffered rows that trigger an automatic flush (bounds the writer's memory).
    package var maxBufferedRows = 1_000_000
    /// Parts in one partition that trigger a background merge after a flush (0 = never).
    package var compactionThreshold = 8
    /// Bytes of decoded rollups the store's part readers keep between queries (beyond
    /// it, a rollup is decoded again on each use): bounds a long-lived store's memory.
    package var rollupCacheBytes = 128 << 20
    /// Months of a project with fewer rows than this share parts of at most this many
    /// rows (see `PartSpans`); 0 gives every month parts of its own.
    package var sharedPartRows = PartSpans.rows
    /// Cells per row at most for a part to carry a rollup (see `RollupPolicy`). Tests set
    /// 1 (every part gets its rollups, whatever its data) to exercise the rollup paths on
    /// small stores, and 0 to store none.
    package var maximumRollupCellShare = RollupPolicy.maximumCellShare
    /// The finest time rollup a part may get (`.hourly`, then `.daily`, then `.dailyCoarse`):
    /// tests start lower to read every kind of time rollup.
    package var finestTimeRollup: RollupBatch.Kind = .hourly
    /// The system-call layer (fault injection and I/O counters in tests).
    package var fileSystem = FileSystem()
    /// Prices records that arrive without a cost. Without one they are stored unpriced.
    package var pricer: (any RecordPricer)? = nil

    /// The default options.
    package init() {}
}

/// Fills in the cost of records that arrive without one (the `Tally` module's rate
/// card implements it). Called once per appended record, from any thread.
package protocol RecordPricer: AnyObject, Sendable {
    /// Sets `record.costNanos` and `record.costSource` (`.rateCard` or `.unpriced`).
    func price(_ record: inout UsageRecord) throws
}
