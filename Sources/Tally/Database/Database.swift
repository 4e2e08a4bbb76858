import Synchronization

/// A Tally database: one folder of usage records and everything that belongs with them
/// (the rate card, the activity log, API keys), opened by one object.
///
/// ```swift
/// import Tally
///
/// let db = try Database(path: "usage-store")
/// try db.append(UsageRecord(projectId: "acme", ts: nowMs, service: "anthropic",
///                           unit: "input_tokens", quantity: 1200, modelId: "claude-sonnet-4-6"))
/// try db.flush()                                  // durable and visible from here on
/// let summary = try db.summary(project: "acme", window: try DateWindow("2026-10-01", "2026-10-31"))
/// let rows = try db.query("SELECT model_id, sum(cost_usd) AS cost FROM usage GROUP BY 1")
/// for row in rows { print(row["model_id"], row["cost"]) }
/// ```
///
/// The database owns its folder: one process writes it at a time (a second writer gets
/// `StorageError.locked`), any number of processes may open it read-only. A `Database`
/// is thread-safe: any number of threads may append, flush, import and ask at once, and
/// every question reads one consistent snapshot. Records without a cost are priced from
/// the database's own rate card, re-read when another process changes it.
public final class Database: Sendable {
    /// The folder.
    public let path: String
    /// The settings it was opened with.
    public let configuration: Configuration

    /// The usage records.
    package let store: Store
    /// The rate card as `rates.json` has it (nil when pricing is off).
    let rates: RateCardSource?
    /// The analytics questions over `store`.
    let analytics: UsageAnalytics
    /// The activity log, opened on first use (recovering it reads every log).
    private let activityLog: Mutex<ActivityLog?>
    /// The API keys.
    let keyStore: APIKeyStore

    /// Opens the database in folder `path`, creating it if missing (unless the
    /// configuration says otherwise).
    ///
    /// - Throws: `StorageError.locked` if another process writes it,
    ///   `StorageError.notAStore` if the folder holds something else,
    ///   `StorageError.corrupt` if its manifest or rate card is damaged.
    public init(path: String, configuration: Configuration = Configuration()) throws {
        self.path = path
        self.configuration = configuration
        var options = configuration.storeOptions
        let fileSystem = options.fileSystem
        // A folder without a rate card (or not yet created) prices with the reference card.
        switch configuration.pricing {
        case .rateCard:
            let rates = try RateCardSource(storePath: path, fileSystem: fileSystem)
            options.pricer = rates.pricer
            self.rates = rates
        case .none:
            self.rates = nil
        }
        store = try Store.open(at: path, options: options)
        analytics = UsageAnalytics(store: store, options: configuration.executionOptions)
        activityLog = Mutex(nil)
        keyStore = APIKeyStore(storePath: path, fileSystem: fileSystem)
    }

    /// Makes everything appended durable, checkpoints the activity counters and releases
    /// the folder. Later calls throw `StorageError.closed`.
    public func close() throws {
        try store.close()
        try activityLog.withLock { log in
            try log?.close()
            log = nil
        }
    }

    // MARK: Writing

    /// Appends one record (priced from the rate card if it has no cost). It is durable
    /// and visible to questions after the next `flush()`.
    ///
    /// - Throws: `StorageError.invalidRecord` naming the field and value that break the
    ///   schema; nothing is stored then.
    public func append(_ record: UsageRecord) throws {
        try rates?.refreshBeforeAppend()
        try store.append(record)
    }

    /// Appends records all or nothing: if one is invalid, none is stored.
    public func append(contentsOf records: [UsageRecord]) throws {
        try rates?.refreshBeforeAppend()
        try store.append(contentsOf: records)
    }

    /// Writes every appended record to disk, durably, and makes it visible.
    public func flush() throws {
        try store.flush()
    }

    /// Merges small parts of each partition into fewer, larger ones; returns how many
    /// partitions were compacted. Questions keep answering meanwhile.
    @discardableResult
    public func compact() throws -> Int {
        try store.compact()
    }

    /// The activity log, opened (and recovered) on first use.
    func activityLogOpened() throws -> ActivityLog {
        try activityLog.withLock { log in
            if let log { return log }
            let opened = try ActivityLog.open(
                storePath: path, readOnly: configuration.readOnly, fileSystem: configuration.fileSystem)
            log = opened
            return opened
        }
    }
}
