import Foundation

extension Database {
    /// How a database is opened: one value holding every setting of the folder's owner.
    ///
    /// ```swift
    /// var configuration = Database.Configuration()
    /// configuration.compression = .zstd
    /// configuration.timeZone = TimeZone(identifier: "Europe/Berlin")!
    /// let db = try Database(path: "usage-store", configuration: configuration)
    /// ```
    public struct Configuration: Sendable {
        /// Open the records and the activity log for reading only: no writer lock is
        /// taken, and appends, imports and activity events throw. The rate card and the
        /// API keys may still be changed (each change locks its own byte of `LOCK`).
        public var readOnly = false
        /// Create the folder and an empty store when there is none.
        public var createIfMissing = true
        /// How new parts are compressed.
        public var compression: Compression = .lz4
        /// The Zstandard level of parts written by appends and imports (with `.zstd`).
        public var zstdLevel: Int32 = 3
        /// The Zstandard level of parts written by compaction (with `.zstd`).
        public var compactedZstdLevel: Int32 = 9
        /// Bytes of decoded rollups kept in memory between queries.
        public var cacheBytes = 128 << 20
        /// Rows buffered in memory before an append flushes them on its own.
        public var maxBufferedRows = 1_000_000
        /// Small parts of one partition merged once there are this many (0 = never).
        public var compactionThreshold = 8
        /// Threads a query may use.
        public var queryThreads = 2
        /// The zone that day windows of analytics questions are read in when a call names
        /// none (UTC unless set).
        public var timeZone = TimeZone(identifier: "UTC")!
        /// How records appended without a cost are priced.
        public var pricing: Pricing = .rateCard
        /// The system-call seam every file of the database goes through (tests inject
        /// faults here).
        package var fileSystem = FileSystem()

        /// The defaults: LZ4, created if missing, priced from the store's rate card.
        public init() {}
    }

    /// The compression of a database's part files.
    public enum Compression: String, Sendable, CaseIterable {
        /// LZ4: the fastest to write and read (the default).
        case lz4
        /// Zstandard: smaller files, slower writes.
        case zstd
    }

    /// How records without a cost get one.
    public enum Pricing: Sendable {
        /// From the database's own rate card (`rates.json`, the reference card until one
        /// is saved), re-read when another process changes it.
        case rateCard
        /// Not at all: records without a cost are stored unpriced (cost 0).
        case none
    }
}

extension Database.Configuration {
    /// The store options these settings amount to.
    var storeOptions: StoreOptions {
        var o = StoreOptions()
        o.readOnly = readOnly
        o.createIfMissing = createIfMissing
        o.codec = compression == .zstd ? .zstd : .lz4
        o.freshZstdLevel = zstdLevel
        o.mergedZstdLevel = compactedZstdLevel
        o.rollupCacheBytes = cacheBytes
        o.maxBufferedRows = maxBufferedRows
        o.compactionThreshold = compactionThreshold
        o.fileSystem = fileSystem
        return o
    }

    /// The query engine settings.
    var executionOptions: ExecutionOptions {
        ExecutionOptions(parallelism: Swift.max(1, queryThreads))
    }
}
