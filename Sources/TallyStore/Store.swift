#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Foundation
import TallySystem
import TallyFormat

/// A Tally store: a folder of immutable columnar part files, partitioned by project and
/// UTC month, and the manifest that lists the live ones.
///
/// Layout of the folder:
/// ```
/// tally.store                       identity and format version
/// MANIFEST                          the live parts (see `Manifest`), replaced atomically
/// MANIFEST.copy                     its copy, for `repairManifest`
/// LOCK                              byte 0 held by the one writer process (`FolderLock`)
/// data/<project>/<YYYY-MM>-<id>.tly part files (see `PartFormat`)
/// quarantine/                       damaged parts moved aside by repair
/// ```
///
/// Thread-safe: any number of threads may append, flush, compact and query at once.
/// Appends are buffered in memory and become durable and visible at `flush()` (or an
/// automatic flush when `StoreOptions.maxBufferedRows` are buffered, or `close()`):
/// a record is acknowledged when the flush that wrote it returns.
package final class Store: Sendable {
    /// The store folder.
    package let path: String
    /// The options it was opened with.
    package let options: StoreOptions
    let fs: FileSystem
    /// Shared by the part readers for the rollups they keep decoded.
    let rollupBudget: MemoryBudget
    /// The store writer's byte of the folder's `LOCK` (nil when read-only or closed).
    private let writerLock: Mutex<FolderLock?>
    private let current: Mutex<Snapshot>
    /// The signature of the `MANIFEST` the current snapshot was read from (read-only
    /// stores compare it to see whether a writer committed since).
    let manifestSignature: Mutex<FileSignature?>
    private let pending = Mutex<PartitionBuffers>(PartitionBuffers())
    /// Serialises manifest commits (and the I/O of flushes) among writers.
    private let commitLock = Mutex<Void>(())
    let nextPartId: Atomic<UInt64>
    private let isClosed = Atomic<Bool>(false)
    /// Held by whoever merges or removes rows (compaction, deletion, retention), so a
    /// background merge never races a rewrite of the same parts.
    let compacting = Atomic<Bool>(false)
    /// Taken by transactions that deduplicate by request id (see `RequestGate`).
    let requestGate = RequestGate()
    /// The manifest as this process found it: files below its next part id that it did
    /// not list were left by an earlier process (a crash, a failed commit) and belong to
    /// nobody here, so `collectOrphans()` may delete them.
    let openedNextPartId: UInt64
    let openedLiveIds: Set<UInt64>

    static let identityFile = "tally.store"
    static let identity = "tally-store 1\n"

    /// Opens (or creates) the store in folder `path`.
    package static func open(at path: String, options: StoreOptions = StoreOptions()) throws -> Store {
        try Store(path: path, options: options)
    }

    private init(path: String, options: StoreOptions) throws {
        let fs = options.fileSystem
        self.fs = fs
        self.options = options
        self.path = path
        let rollupBudget = MemoryBudget(bytes: options.rollupCacheBytes)
        self.rollupBudget = rollupBudget
        let identityPath = path + "/" + Store.identityFile
        if !fs.exists(identityPath) {
            guard options.createIfMissing, !options.readOnly else {
                throw StorageError.notAStore(path: path, reason: "no \(Store.identityFile) file (create the store first, e.g. with `tally import`)")
            }
            // tally.store is written last, so a crash while creating the store leaves at
            // most these (and an empty data/): finish that creation instead of refusing.
            let leftovers: Set<String> = [
                "data", Manifest.fileName, Manifest.fileName + ".tmp", Manifest.copyFileName, Manifest.copyFileName + ".tmp",
                Store.identityFile + ".tmp",
            ]
            let entries = fs.list(path).filter { !$0.hasPrefix(".") }
            let interrupted = entries.allSatisfy { leftovers.contains($0) } && fs.list(path + "/data").isEmpty
            if fs.exists(path) && !entries.isEmpty && !interrupted {
                throw StorageError.notAStore(path: path, reason: "the folder exists and is not empty; pick an empty or new folder")
            }
            try fs.makeDirectories(path + "/data")
            try Store.writeManifest(Manifest(), path: path, fs: fs)
            try fs.writeAtomically(Array(Store.identity.utf8), to: identityPath)
        } else {
            let id = try fs.readAll(identityPath)
            guard String(decoding: id, as: UTF8.self) == Store.identity else {
                throw StorageError.notAStore(path: path, reason: "\(Store.identityFile) names another format version")
            }
        }
        let heldLock = options.readOnly ? nil : try FolderLock.acquire(.store, in: path, fileSystem: fs)
        writerLock = Mutex(heldLock)
        // On a failure below, the lock is released with `heldLock`.
        // The signature first: a commit between the two is then seen by the next check.
        manifestSignature = Mutex(try fs.signature(of: path + "/" + Manifest.fileName))
        let manifest = try Store.readManifest(path: path, fs: fs)
        if heldLock != nil { Store.healManifestCopy(path: path, fs: fs) }
        nextPartId = Atomic(manifest.nextPartId)
        openedNextPartId = manifest.nextPartId
        openedLiveIds = Set(manifest.parts.map(\.id))
        current = Mutex(Snapshot(
            manifest: manifest,
            parts: manifest.parts.map { PartHandle(entry: $0, storePath: path, fileSystem: fs, budget: rollupBudget) }))
    }

    deinit {
        releaseLock()
    }

    private func releaseLock() {
        writerLock.withLock { $0 = nil }
    }

    // MARK: Reading

    /// The current committed state. Later commits do not change it.
    package func snapshot() -> Snapshot { current.withLock { $0 } }

    /// For a read-only store: reloads the manifest, picking up what a writer process
    /// committed since. Parts already open are reused.
    package func refresh() throws {
        let signature = try fs.signature(of: path + "/" + Manifest.fileName)
        let manifest = try Store.readManifest(path: path, fs: fs)
        manifestSignature.withLock { $0 = signature }
        current.withLock { snap in
            guard manifest.generation != snap.manifest.generation else { return }
            let old = Dictionary(uniqueKeysWithValues: snap.parts.map { ($0.entry.id, $0) })
            snap = Snapshot(manifest: manifest, parts: manifest.parts.map {
                old[$0.id] ?? PartHandle(entry: $0, storePath: path, fileSystem: fs, budget: rollupBudget)
            })
        }
    }

    // MARK: Writing

    func checkWritable() throws {
        if isClosed.load(ordering: .acquiring) { throw StorageError.closed }
        if options.readOnly { throw StorageError.readOnly(path: path) }
    }

    /// Whether a record needs the pricer: it has no cost, or only an unpriced one.
    @inline(__always)
    func needsPricing(_ r: UsageRecord) -> Bool {
        r.costNanos == nil || r.costSource == .unpriced
    }

    /// Fills in the cost of a record that has none (0 and `.unpriced` without a pricer).
    func price(_ r: inout UsageRecord, index: Int?) throws {
        if let pricer = options.pricer {
            do {
                try pricer.price(&r)
            } catch {
                throw StorageError.invalidRecord(field: "cost_usd", value: String(r.quantity), reason: "cannot be priced: \(error)", index: index)
            }
        }
        if r.costNanos == nil { r.costNanos = 0; r.costSource = .unpriced }
    }

    /// Validates and prices a record: the cost is filled from the pricer when absent.
    func prepare(_ record: UsageRecord, index: Int?) throws -> UsageRecord {
        try RecordValidator.validate(record, index: index)
        guard needsPricing(record) else { return record }
        var r = record
        try price(&r, index: index)
        return r
    }

    /// Buffers one record. Throws `StorageError.invalidRecord` (storing nothing) if it
    /// breaks the schema. Durable and visible after the next flush.
    package func append(_ record: borrowing UsageRecord) throws {
        try checkWritable()
        // Read in place through a pointer: neither this call nor the closure below
        // copies the record (a copy retains and releases each of its strings).
        let full = try withUnsafePointer(to: record) { r in
            try pending.withLock { p in
                try RecordValidator.validate(r, index: nil, cache: &p.validation)
                if r.pointee.costNanos == nil || r.pointee.costSource == .unpriced {
                    var priced = r.pointee
                    try price(&priced, index: nil)
                    p.append(priced)
                } else {
                    p.append(one: r)
                }
                return p.rowCount >= options.maxBufferedRows
            }
        }
        if full { try flush() }
    }

    /// Buffers records; if any breaks the schema, none is stored and the error names it.
    package func append<C: Collection>(contentsOf records: C) throws where C.Element == UsageRecord {
        if let done = try records.withContiguousStorageIfAvailable({ try append(buffer: $0) }) { return done }
        try append(contentsOf: Array(records))
    }

    /// Buffers an array of records (all or none, like `append(contentsOf:)`).
    package func append(contentsOf records: [UsageRecord]) throws {
        try records.withUnsafeBufferPointer { try append(buffer: $0) }
    }

    private func append(buffer records: UnsafeBufferPointer<UsageRecord>) throws {
        try checkWritable()
        let full = try pending.withLock { p in
            try stage(records, into: &p)
            return p.rowCount >= options.maxBufferedRows
        }
        if full { try flush() }
    }

    /// Validates and prices every record, then buffers them all; a bad record buffers
    /// nothing. Records are read in place through the buffer, a run at a time: no
    /// per-record copy (a record holds a dozen strings, so a copy is a dozen
    /// reference-count updates). Only records that need pricing are copied.
    ///
    /// `validated` skips the schema checks for records the caller has just validated
    /// with `RecordValidator` (an importer does, to name the bad line): checking again
    /// cost about 350 instructions per record.
    func stage(_ records: UnsafeBufferPointer<UsageRecord>, into p: inout PartitionBuffers, validated: Bool = false) throws {
        guard let base = records.baseAddress else { return }
        let n = records.count
        // Priced copies in input order (an array of pairs: a dictionary of copies cost
        // several times the append itself when every record needed pricing).
        var priced: [(index: Int, record: UsageRecord)] = []
        for i in 0..<n {
            if !validated { try RecordValidator.validate(base + i, index: i, cache: &p.validation) }
            if base[i].costNanos == nil || base[i].costSource == .unpriced {
                var copy = base[i]
                try price(&copy, index: i)
                priced.append((i, copy))
            }
        }
        var i = 0
        for (index, record) in priced {
            if index > i { p.append(base + i, count: index - i) }
            p.append(record)
            i = index + 1
        }
        if i < n { p.append(base + i, count: n - i) }
    }

    /// Buffers a columnar batch whose rows the caller has validated
    /// (`RecordValidator.validate(_:bad:)`) and priced: nothing is checked again.
    func stage(validated columns: UsageColumns, into p: inout PartitionBuffers) {
        p.append(columns)
    }

    /// Rows appended but not yet flushed.
    package var bufferedRowCount: Int { pending.withLock { $0.rowCount } }

    /// Writes every buffered row as parts and publishes them in one atomic manifest
    /// commit. When it returns, those rows are durable and visible to new snapshots. If
    /// it throws, nothing was published and the rows stay buffered for a retry.
    package func flush() throws {
        try checkWritable()
        try pending.withLock { p in
            guard p.rowCount > 0 else { return }
            let entries = try writeParts(PartSpans.combine(p.buffers, limit: options.sharedPartRows))
            try commit(adding: entries, removing: [], identity: nil)
            p.removeAll()
        }
        scheduleCompactionIfNeeded()
    }

    /// Flushes and releases the write lock. Further writes throw `StorageError.closed`.
    package func close() throws {
        if !options.readOnly && !isClosed.load(ordering: .acquiring) { try flush() }
        isClosed.store(true, ordering: .releasing)
        while compacting.load(ordering: .acquiring) { usleep(1000) }
        releaseLock()
    }

    /// Starts a write transaction: its rows become visible together, at `commit`, or not
    /// at all. `identity` (a file checksum or caller key) makes a repeat detectable:
    /// returns nil if a batch with that identity was already committed.
    package func beginTransaction(identity: String? = nil) throws -> WriteTransaction? {
        try checkWritable()
        if let identity, snapshot().manifest.batchIdentities.contains(identity) { return nil }
        return WriteTransaction(store: self, identity: identity)
    }

    /// Whether a batch with this identity has been committed.
    package func hasCommittedBatch(identity: String) -> Bool {
        snapshot().manifest.batchIdentities.contains(identity)
    }

    /// Whether any committed batch identity starts with `prefix` (an importer asks
    /// before computing an identity of an older kind, which costs a read of the file).
    package func hasCommittedBatch(identityPrefix prefix: String) -> Bool {
        snapshot().manifest.batchIdentities.contains { $0.hasPrefix(prefix) }
    }

    /// Writes buffers as part files (not yet published) and returns their entries, in
    /// the order of `buffers`.
    ///
    /// With `threads` > 1 the buffers are shared out, largest first, among that many
    /// threads, each with its own writer (a transaction's final write uses two: the
    /// importer's reading thread has nothing else to do by then). Parts are independent
    /// files, so the result is the same set of files.
    ///
    /// `sync: false` leaves the files to be made durable by a later sync, before the
    /// commit that publishes them: a transaction's intermediate writes need none of their
    /// own (unpublished, a crash leaves them as orphans to delete), and a syncfs per
    /// million rows held an import on ext4 waiting for the disk.
    ///
    /// `replacing` names the parts whose rows these take over (recorded in each part's
    /// `PartLineage`, so a store can be rebuilt from its files).
    func writeParts<C: Collection>(_ buffers: C, level: Int = 0, replacing: [UInt64] = [], threads: Int = 1, sync: Bool = true) throws -> [PartEntry] where C.Element == RowBuffer {
        // Fresh rows (level 0) are compressed for speed, merged ones for size: a merge
        // rewrites its inputs anyway, so the cost of the stronger level is paid once,
        // off the write path.
        let zstdLevel = level == 0 ? options.freshZstdLevel : options.mergedZstdLevel
        let work = buffers.filter { $0.count > 0 }
        // Largest first, so that the threads finish together.
        let order = threads > 1 ? work.indices.sorted { work[$0].count > work[$1].count } : Array(work.indices)
        let results = writeConcurrently(order: order, threads: threads, zstdLevel: zstdLevel) { i, writer, _ in
            try writePart(work[i], writer: writer, level: level, replacing: replacing)
        }
        let (entries, written, failure) = Store.outcome(of: results)
        do {
            if let failure { throw failure }
            // One syncfs makes every part and every new folder entry durable before the
            // manifest that publishes them is written.
            if sync && !entries.isEmpty { try fs.syncFileSystem(containing: path) }
        } catch {
            for f in written { try? fs.unlink(f) }
            throw error
        }
        return entries
    }

    /// Runs `write(i, writer, scratch)` for every index in `order` on up to `threads`
    /// threads, each with its own part writer and scan batch; a thread takes the next
    /// index in `order` when it is free, and stops at its first error. Returns each
    /// index's result (nil: not attempted).
    private func writeConcurrently(
        order: [Int], threads: Int, zstdLevel: Int32,
        _ write: @Sendable (Int, PartWriter, ColumnBatch) throws -> (PartEntry, String)
    ) -> [Result<(PartEntry, String), any Error>?] {
        var results = [Result<(PartEntry, String), any Error>?](repeating: nil, count: order.count)
        let next = Atomic<Int>(0)
        let codec = options.codec
        results.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let slots = out
            DispatchQueue.concurrentPerform(iterations: Swift.min(Swift.max(threads, 1), Swift.max(order.count, 1))) { _ in
                var writer = PartWriter(codec: codec, compressor: BlockCompressor(zstdLevel: zstdLevel))
                writer.maximumRollupCellShare = options.maximumRollupCellShare
                let batch = ColumnBatch()
                while true {
                    // Each position is taken by exactly one thread.
                    let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard k < order.count else { break }
                    let i = order[k]
                    slots[i] = Result { try write(i, writer, batch) }
                    if case .failure = slots[i]! { break }
                }
            }
        }
        return results
    }

    /// The parts written by parallel part writes (entries and their files, in slot
    /// order) and the first error among them; a nil slot was never attempted.
    private static func outcome(
        of results: [Result<(PartEntry, String), any Error>?]
    ) -> (entries: [PartEntry], written: [String], failure: (any Error)?) {
        var entries = [PartEntry]()
        var written = [String]()
        var failure: (any Error)?
        for r in results {
            switch r {
            case .success(let (entry, file))?:
                entries.append(entry)
                written.append(file)
            case .failure(let error)?:
                if failure == nil { failure = error }
            case nil:
                break
            }
        }
        return (entries, written, failure)
    }

    /// Encodes one buffer and writes it as a part file (through a temporary name, so a
    /// crash never leaves a half-written file under a part's name). Returns its entry and
    /// path; on error nothing is left behind.
    private func writePart(_ buffer: RowBuffer, writer: PartWriter, level: Int, replacing: [UInt64]) throws -> (PartEntry, String) {
        let id = nextPartId.wrappingAdd(1, ordering: .relaxed).oldValue
        let lineage = PartLineage(id: id, level: level, replaces: replacing)
        var sections = [PartLineage.sectionKind: lineage.encoded()]
        if let rollup = RollupPolicy.timeRollup(
            for: buffer, share: options.maximumRollupCellShare, start: options.finestTimeRollup) { sections[rollup.kind] = rollup.bytes }
        let bytes = writer.encode(buffer, sections: sections)
        // The day of a timestamp never decreases with it: two day computations, not one
        // per row (a division each).
        var minTs = Int64.max, maxTs = Int64.min
        for t in buffer.ts { minTs = min(minTs, t); maxTs = max(maxTs, t) }
        let minDay = CivilDate.dayNumber(forMilliseconds: minTs)
        let maxDay = CivilDate.dayNumber(forMilliseconds: maxTs)
        let entry = PartEntry(
            id: id, projectId: buffer.projectId, monthKey: buffer.monthKey, minDay: minDay, maxDay: maxDay,
            rowCount: buffer.count, fileSize: bytes.count, level: level)
        let file = path + "/" + entry.relativePath
        try fs.makeDirectories(fs.parentDirectory(of: file))
        let tmp = file + ".tmp"
        let fd = try fs.open(tmp, flags: O_WRONLY | O_CREAT | O_TRUNC)
        do {
            try bytes.withUnsafeBytes { try fs.write(fd, path: tmp, $0) }
        } catch {
            fs.close(fd)
            try? fs.unlink(tmp)
            throw error
        }
        fs.close(fd)
        do {
            try fs.rename(tmp, file)
        } catch {
            try? fs.unlink(tmp)
            throw error
        }
        return (entry, file)
    }

    /// Publishes a new manifest: `adding` parts become live and `removing` ones not.
    /// With `unlessCommitted`, publishes nothing and returns false when a batch with
    /// `identity` is already in the manifest (checked under the commit lock, so two
    /// imports of one file cannot both land).
    @discardableResult
    func commit(adding: [PartEntry], removing: Set<UInt64>, identity: String?, unlessCommitted: Bool = false) throws -> Bool {
        try commitLock.withLock { _ in
            let old = snapshot()
            if unlessCommitted, let identity, old.manifest.batchIdentities.contains(identity) { return false }
            // A part to remove that is no longer live was replaced by a concurrent merge
            // or rewrite: committing would resurrect or duplicate its rows.
            let live = Set(old.parts.map(\.entry.id))
            if let gone = removing.first(where: { !live.contains($0) }) {
                throw StorageError.conflict(reason: "part \(gone) was replaced by a concurrent change; retry")
            }
            var manifest = old.manifest
            manifest.generation += 1
            manifest.nextPartId = max(manifest.nextPartId, nextPartId.load(ordering: .relaxed))
            manifest.parts.removeAll { removing.contains($0.id) }
            manifest.parts.append(contentsOf: adding)
            if let identity { manifest.batchIdentities.insert(identity) }
            try Store.writeManifest(manifest, path: path, fs: fs)
            var handles = old.parts.filter { !removing.contains($0.entry.id) }
            handles.append(contentsOf: adding.map { PartHandle(entry: $0, storePath: path, fileSystem: fs, budget: rollupBudget) })
            for h in old.parts where removing.contains(h.entry.id) { h.markObsolete() }
            let snap = Snapshot(manifest: manifest, parts: handles)
            current.withLock { $0 = snap }
            return true
        }
    }

    /// Sets a store-level property (committed atomically with the manifest).
    package func setProperty(_ key: String, _ value: String?) throws {
        try checkWritable()
        try commitLock.withLock { _ in
            var manifest = snapshot().manifest
            manifest.generation += 1
            manifest.properties[key] = value
            try Store.writeManifest(manifest, path: path, fs: fs)
            let snap = Snapshot(manifest: manifest, parts: snapshot().parts)
            current.withLock { $0 = snap }
        }
    }

    // MARK: Compaction

    private func scheduleCompactionIfNeeded() {
        let threshold = options.compactionThreshold
        guard threshold > 0 else { return }
        // Parts per month, and small parts per project (which share parts across months).
        var counts = [PartitionKey: Int]()
        var small = [String: Int]()
        for p in snapshot().parts {
            counts[PartitionKey(projectId: p.entry.projectId, monthKey: p.entry.monthKey), default: 0] += 1
            if p.entry.rowCount < options.sharedPartRows { small[p.entry.projectId, default: 0] += 1 }
        }
        guard counts.values.contains(where: { $0 >= threshold }) || small.values.contains(where: { $0 >= threshold }) else { return }
        guard compacting.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        let thread = Thread { [self] in
            defer { compacting.store(false, ordering: .releasing) }
            _ = try? compactPartitions(minimumParts: threshold)
        }
        thread.start()
    }

    /// Merges the parts of every partition that has at least two, so that reads touch
    /// one file per partition. Returns how many parts were replaced.
    @discardableResult
    package func compact() throws -> Int {
        try checkWritable()
        while !compacting.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged {
            usleep(1000)
        }
        defer { compacting.store(false, ordering: .releasing) }
        try collectOrphans()
        return try compactPartitions(minimumParts: 2)
    }

    /// Parts larger than this are left alone by merges; a partition may hold several.
    static let maxMergedRows = 4_000_000

    /// Partitions merged between two commits. Each commit rewrites the whole manifest
    /// and syncs the file system, so committing every partition on its own made a
    /// compaction of a store with N partitions O(N^2) in manifest bytes (a 1-billion-row
    /// demo store has ~5,000 partitions and ~100,000 fresh parts).
    package static let partitionsPerCompactionCommit = 64

    /// One partition's merge: the parts to merge (oldest first) and the merged level.
    private struct MergePlan: Sendable {
        let key: PartitionKey
        let parts: [PartHandle]
        let level: Int
    }

    /// What to merge, from the manifest alone.
    ///
    /// A month that holds a part of at least `StoreOptions.sharedPartRows` rows is merged on its own,
    /// as before small partitions shared parts: its parts below `maxMergedRows`, oldest
    /// first, as many as fit in one merged part. The other parts of a project (small
    /// months, and parts that already span several) are merged in day order into parts of
    /// at most that many rows (see `PartSpans`).
    private func mergePlans(minimumParts: Int) -> [MergePlan] {
        var months = [PartitionKey: [PartHandle]]()
        for p in snapshot().parts where p.entry.rowCount < Store.maxMergedRows {
            months[PartitionKey(projectId: p.entry.projectId, monthKey: p.entry.monthKey), default: []].append(p)
        }
        var plans = [MergePlan]()
        var small = [String: [PartHandle]]()
        for (key, handles) in months.sorted(by: { ($0.key.projectId, $0.key.monthKey) < ($1.key.projectId, $1.key.monthKey) }) {
            let spanning = handles.contains { CivilDate.monthKey(forDayNumber: $0.entry.maxDay) != key.monthKey }
            guard !spanning && (options.sharedPartRows == 0 || handles.contains(where: { $0.entry.rowCount >= options.sharedPartRows })) else {
                small[key.projectId, default: []] += handles
                continue
            }
            guard handles.count >= minimumParts else { continue }
            var chosen = [PartHandle]()
            var rows = 0
            for h in handles.sorted(by: { $0.entry.id < $1.entry.id }) {
                if rows + h.entry.rowCount > Store.maxMergedRows && chosen.count >= 2 { break }
                chosen.append(h)
                rows += h.entry.rowCount
            }
            guard chosen.count >= 2 else { continue }
            plans.append(MergePlan(key: key, parts: chosen, level: (chosen.map(\.entry.level).max() ?? 0) + 1))
        }
        for project in small.keys.sorted() {
            let handles = small[project]!.sorted { ($0.entry.minDay, $0.entry.id) < ($1.entry.minDay, $1.entry.id) }
            var group = [PartHandle]()
            var rows = 0
            func close() {
                if group.count >= Swift.max(2, minimumParts) {
                    let first = group.map(\.entry.monthKey).min()!
                    plans.append(MergePlan(
                        key: PartitionKey(projectId: project, monthKey: first), parts: group,
                        level: (group.map(\.entry.level).max() ?? 0) + 1))
                }
                group.removeAll()
                rows = 0
            }
            for h in handles {
                if rows + h.entry.rowCount > options.sharedPartRows { close() }
                group.append(h)
                rows += h.entry.rowCount
            }
            close()
        }
        return plans
    }

    /// Merges partitions on two threads, `partitionsPerCompactionCommit` at a time, each
    /// group published by one commit (one file-system sync, one manifest). A crash loses
    /// at most the group in progress, whose files are orphans collected on the next open.
    private func compactPartitions(minimumParts: Int) throws -> Int {
        let plans = mergePlans(minimumParts: minimumParts)
        let zstdLevel = options.mergedZstdLevel
        var replaced = 0
        var start = 0
        while start < plans.count {
            if isClosed.load(ordering: .acquiring) { break }
            let group = Array(plans[start..<min(start + Store.partitionsPerCompactionCommit, plans.count)])
            start += group.count
            let results = writeConcurrently(order: Array(group.indices), threads: 2, zstdLevel: zstdLevel) { i, writer, batch in
                let plan = group[i]
                var buffer = RowBuffer(projectId: plan.key.projectId, monthKey: plan.key.monthKey)
                for h in plan.parts { try h.reader().readAllRecords(batch: batch) { buffer.append($0) } }
                return try writePart(buffer, writer: writer, level: plan.level, replacing: plan.parts.map(\.entry.id))
            }
            let (entries, written, failure) = Store.outcome(of: results)
            let merged = Set(group.flatMap { $0.parts.map(\.entry.id) })
            do {
                if let failure { throw failure }
                try fs.syncFileSystem(containing: path)
            } catch {
                for f in written { try? fs.unlink(f) }
                throw error
            }
            do {
                try commit(adding: entries, removing: merged, identity: nil)
            } catch StorageError.conflict {
                // A concurrent deletion or rewrite replaced one of the inputs; the next
                // compaction merges what is live then. (Any other commit error may have
                // published the files, so they stay.)
                for f in written { try? fs.unlink(f) }
                continue
            }
            replaced += merged.count
        }
        return replaced
    }
}

