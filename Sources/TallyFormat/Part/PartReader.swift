#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import TallySystem

/// Reads one part file: its footer at open, then column chunks and dictionaries on
/// demand, verifying every checksum before trusting a byte.
///
/// A reader is immutable after `init` except for its dictionary cache, and is shared
/// by every snapshot that contains the part.
package final class PartReader: Sendable {
    /// The part file's path.
    package let path: String
    /// The parsed footer.
    package let footer: PartFooter
    /// The file's size in bytes.
    package let fileSize: Int
    let fs: FileSystem
    private let dictionaryCache = Mutex<[Int: [String]]>([:])
    /// How many strings each dictionary holds, by column slot: what decoded codes are checked against.
    let dictionaryCounts = Mutex<[Int: Int]>([:])
    /// Decoded rollups kept between queries, by kind (an absent key: not decoded yet).
    private let rollupCache = Mutex<[RollupBatch.Kind: RollupBatch?]>([:])
    private let runIndexCache = Mutex<RunIndex.Stretches?>(nil)
    private let rollupBytes = Atomic<Int>(0)
    let budget: MemoryBudget

    /// Opens a part and reads and checks its trailer and footer. Decoded rollups are kept
    /// while `budget` allows.
    package init(path: String, fileSystem: FileSystem = FileSystem(), budget: MemoryBudget = MemoryBudget(bytes: Int.max)) throws {
        self.path = path
        self.fs = fileSystem
        self.budget = budget
        let fd = try fileSystem.open(path, flags: O_RDONLY)
        defer { fileSystem.close(fd) }
        let size = try fileSystem.size(fd, path: path)
        fileSize = size
        guard size >= PartFormat.magic.count + PartFormat.trailerSize else {
            throw StorageError.corrupt(path: path, reason: "file is \(size) bytes, too short for a part")
        }
        var trailer = [UInt8](repeating: 0, count: PartFormat.trailerSize)
        try trailer.withUnsafeMutableBytes { try fileSystem.read(fd, path: path, offset: size - PartFormat.trailerSize, into: $0) }
        guard Array(trailer[8..<16]) == PartFormat.magic else {
            throw StorageError.corrupt(path: path, reason: "no part trailer (truncated or not a part file)")
        }
        let footerLength = trailer.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self))) }
        let footerCRC = trailer.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 4, as: UInt32.self)) }
        let footerOffset = size - PartFormat.trailerSize - footerLength
        guard footerOffset >= PartFormat.magic.count else {
            throw StorageError.corrupt(path: path, reason: "footer length \(footerLength) exceeds the file")
        }
        var footerBytes = [UInt8](repeating: 0, count: footerLength)
        try footerBytes.withUnsafeMutableBytes { try fileSystem.read(fd, path: path, offset: footerOffset, into: $0) }
        guard CRC32C.checksum(footerBytes) == footerCRC else {
            throw StorageError.corrupt(path: path, reason: "footer checksum mismatch")
        }
        do {
            footer = try footerBytes.withUnsafeBytes { (b) in try PartFooter.decode(b, fileSize: footerOffset) }
        } catch {
            throw StorageError.corrupt(path: path, reason: "footer: \(error)")
        }
    }

    /// Reads a blob, checks its checksum and decompresses it into `batch.raw`.
    func load(_ ref: BlobRef, fd: Int32, batch: ColumnBatch) throws {
        if batch.stored.count < ref.storedLength { batch.stored = [UInt8](repeating: 0, count: ref.storedLength) }
        try batch.stored.withUnsafeMutableBytes {
            try fs.read(fd, path: path, offset: ref.offset, into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<ref.storedLength]))
        }
        let ok = batch.stored.withUnsafeBytes {
            CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<ref.storedLength])) == ref.checksum
        }
        guard ok else {
            throw StorageError.corrupt(path: path, reason: "checksum mismatch in the block at offset \(ref.offset) (\(ref.storedLength) bytes)")
        }
        do {
            try batch.stored.withUnsafeBytes { (s) in
                try batch.compressor.decompress(
                    UnsafeRawBufferPointer(rebasing: s[0..<ref.storedLength]), codec: ref.codec,
                    rawCount: ref.rawLength, into: &batch.raw)
            }
        } catch {
            throw StorageError.corrupt(path: path, reason: "block at offset \(ref.offset): \(error)")
        }
    }

    /// Reads every blob of the part and checks its checksum and that it decompresses:
    /// the whole-file check behind `tally verify`.
    package func verify() throws {
        let fd = try fs.open(path, flags: O_RDONLY)
        defer { fs.close(fd) }
        let batch = ColumnBatch()
        var blobs = footer.dictionaries.compactMap { $0 } + Array(footer.sections.values)
        for g in footer.rowGroups { blobs += g.chunks.compactMap { $0?.blob } }
        for b in blobs { try load(b, fd: fd, batch: batch) }
        try readAllRecords(batch: batch) { _ in }
        // The rollups must decode and agree with the part's shape (row counts, codes).
        _ = try rollupBatch(.hourly, batch: batch)
        _ = try rollupBatch(.daily, batch: batch)
        _ = try rollupBatch(.dailyCoarse, batch: batch)
        _ = try rollupBatch(.runs, batch: batch)
        _ = try runIndex(batch: batch)
    }

    /// The part's run index (`RunIndex`), or nil if it has none (it has a run rollup, or
    /// its runs are too short, or it was written before the index existed). Decoded once
    /// and then shared while the store's memory budget allows.
    package func runIndex(batch: ColumnBatch? = nil) throws -> RunIndex.Stretches? {
        if let cached = runIndexCache.withLock({ $0 }) { return cached }
        guard let bytes = try section(RunIndex.sectionKind, batch: batch) else { return nil }
        let decoded: RunIndex.Stretches
        do {
            decoded = try RunIndex.decode(bytes, runDictionarySize: try dictionary(.runId, batch: batch).count, rowCount: footer.rowCount)
        } catch let error as FormatError {
            throw StorageError.corrupt(path: path, reason: "run index: \(error)")
        }
        if budget.reserve(decoded.byteCount) {
            let kept = runIndexCache.withLock { cache -> Bool in
                if cache != nil { return false }
                cache = decoded
                return true
            }
            if kept { rollupBytes.add(decoded.byteCount, ordering: .relaxed) } else { budget.release(decoded.byteCount) }
        }
        return decoded
    }

    /// The sorted dictionary of a string column (cached after the first read, unless
    /// `keep` is false: an import's look at the request ids of a big month part would
    /// otherwise hold a string per call of that month for the life of the process).
    package func dictionary(_ column: Column, batch: ColumnBatch? = nil, keep: Bool = true) throws -> [String] {
        let key = Int(column.rawValue)
        if let cached = dictionaryCache.withLock({ $0[key] }) { return cached }
        guard let ref = footer.dictionaries[key] else { return [] }
        let b = batch ?? ColumnBatch()
        let fd = try fs.open(path, flags: O_RDONLY)
        defer { fs.close(fd) }
        try load(ref, fd: fd, batch: b)
        let strings: [String]
        do {
            strings = try b.raw.withUnsafeBytes { (raw) in
                var r = ByteReader(raw)
                return try StringDictionary.decode(&r)
            }
        } catch {
            throw StorageError.corrupt(path: path, reason: "dictionary of \(column.name): \(error)")
        }
        if keep { dictionaryCache.withLock { $0[key] = strings } }
        dictionaryCounts.withLock { $0[key] = strings.count }
        return strings
    }

    /// The raw bytes of footer section `kind` (checked and decompressed), or nil if the
    /// part has no such section (for example a part written before it existed).
    package func section(_ kind: UInt8, batch: ColumnBatch? = nil) throws -> [UInt8]? {
        guard let ref = footer.sections[kind] else { return nil }
        let b = batch ?? ColumnBatch()
        let fd = try fs.open(path, flags: O_RDONLY)
        defer { fs.close(fd) }
        try load(ref, fd: fd, batch: b)
        return Array(b.raw[0..<ref.rawLength])
    }

    deinit { budget.release(rollupBytes.load(ordering: .relaxed)) }

    /// The part's time rollup of `kind` (hourly, daily or daily by three dimensions), or nil
    /// if the part has none.
    package func rollup(_ kind: RollupBatch.Kind = .hourly, batch: ColumnBatch? = nil) throws -> HourlyRollup? {
        let section: UInt8
        switch kind {
        case .hourly: section = HourlyRollup.sectionKind
        case .daily: section = HourlyRollup.dailySectionKind
        case .dailyCoarse: section = HourlyRollup.coarseDailySectionKind
        case .runs: return nil
        }
        guard let bytes = try self.section(section, batch: batch) else { return nil }
        do {
            let rollup = try HourlyRollup(decoding: bytes)
            guard rollup.kind == kind else { throw FormatError.malformed("\(rollup.kind) cells in section \(section)") }
            return rollup
        } catch {
            throw StorageError.corrupt(path: path, reason: "\(kind) rollup: \(error)")
        }
    }

    /// The part's rollup of `kind` as cells for the query engine, or nil if the part has
    /// none (or one that cannot serve queries, see `HourlyRollup.batch()`). Decoded once
    /// and then shared (parts are immutable) while the store's memory budget allows.
    package func rollupBatch(_ kind: RollupBatch.Kind, batch: ColumnBatch? = nil) throws -> RollupBatch? {
        if let cached = rollupCache.withLock({ $0[kind] }) { return cached }
        let decoded: RollupBatch?
        switch kind {
        case .hourly, .daily, .dailyCoarse:
            decoded = try rollup(kind, batch: batch)?.batch()
        case .runs:
            guard let bytes = try section(RunRollup.sectionKind, batch: batch) else { return nil }
            var sizes = [Int]()
            for c in RunRollup.dimensions { sizes.append(try dictionary(c, batch: batch).count) }
            do {
                decoded = try RunRollup.decode(bytes, dictionarySizes: sizes, rowCount: footer.rowCount)
            } catch {
                throw StorageError.corrupt(path: path, reason: "run rollup: \(error)")
            }
        }
        let bytes = decoded?.byteCount ?? 0
        if budget.reserve(bytes) {
            let kept = rollupCache.withLock { cache -> Bool in
                if cache[kind] != nil { return false }
                cache[kind] = .some(decoded)
                return true
            }
            if kept { rollupBytes.add(bytes, ordering: .relaxed) } else { budget.release(bytes) }
        }
        return decoded
    }

    /// The rows of days `days` (inclusive), as a row range; empty if none.
    package func rowRange(days: ClosedRange<Int32>) -> Range<Int> {
        var lo = -1, hi = -1
        for d in footer.days where days.contains(d.day) {
            if lo < 0 { lo = d.firstRow }
            hi = d.firstRow + d.rowCount
        }
        return lo < 0 ? 0..<0 : lo..<hi
    }

    /// Decodes `columns` of every row group overlapping `rows`, calling `body` with the
    /// batch and the part of the group's rows (relative to the group) inside `rows`.
    package func scan(
        columns: Set<Column>, rows: Range<Int>, batch: ColumnBatch,
        _ body: (ColumnBatch, Range<Int>) throws -> Void
    ) throws {
        guard !rows.isEmpty else { return }
        var needed = columns
        if needed.contains(.cost) { needed.insert(.quantity) }
        let fd = try fs.open(path, flags: O_RDONLY)
        defer { fs.close(fd) }
        for group in footer.rowGroups {
            let lo = max(rows.lowerBound, group.firstRow)
            let hi = min(rows.upperBound, group.firstRow + group.rowCount)
            guard lo < hi else { continue }
            try decode(group, columns: needed, fd: fd, batch: batch)
            try body(batch, (lo - group.firstRow)..<(hi - group.firstRow))
        }
    }

    func decode(_ group: PartFooter.RowGroup, columns: Set<Column>, fd: Int32, batch: ColumnBatch) throws {
        let n = group.rowCount
        batch.rowCount = n
        batch.firstRow = group.firstRow
        // Quantity before cost: cost's prediction needs it.
        let ordered = columns.sorted { $0.rawValue < $1.rawValue }
        for column in ordered {
            guard let chunk = group.chunk(column) else {
                // A column newer than the part (request_id in a version 1 part): every
                // row is null, code 0, as if the part had stored an all-null chunk.
                if column.kind == .string {
                    batch.ensure(column)
                    batch.codes[Int(column.rawValue)].withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
                }
                continue
            }
            batch.ensure(column)
            try load(chunk.blob, fd: fd, batch: batch)
            do {
                try batch.raw.withUnsafeBytes { (raw) in
                    var r = ByteReader(raw)
                    switch column.kind {
                    case .int64:
                        if column == .cost {
                            try batch.quantity.withUnsafeBufferPointer { (q) in
                                try batch.cost.withUnsafeMutableBufferPointer { (c) in
                                    try CostEncoding.decode(&r, count: n, quantities: q.baseAddress!, into: c.baseAddress!, scratch: &batch.scratch)
                                }
                            }
                        } else if column == .ts {
                            try batch.ts.withUnsafeMutableBufferPointer { (p) in try IntegerEncoding.decode(&r, count: n, into: p.baseAddress!) }
                        } else {
                            try batch.costSource.withUnsafeMutableBufferPointer { (p) in try IntegerEncoding.decode(&r, count: n, into: p.baseAddress!) }
                        }
                    case .double:
                        try batch.quantity.withUnsafeMutableBufferPointer { (p) in
                            try QuantityEncoding.decode(&r, count: n, into: p.baseAddress!, scratch: &batch.scratch)
                        }
                    case .nullableInt:
                        let i = Int(column.rawValue)
                        try batch.ints[i].withUnsafeMutableBufferPointer { (v) in
                            try batch.validity[i].withUnsafeMutableBufferPointer { (f) in
                                try NullableIntEncoding.decode(&r, count: n, values: v.baseAddress!, validity: f.baseAddress!, scratch: &batch.scratch)
                            }
                        }
                    case .string:
                        let i = Int(column.rawValue)
                        try batch.codes[i].withUnsafeMutableBufferPointer { (p) in try IntegerEncoding.decode(&r, count: n, into: p.baseAddress!) }
                    }
                }
                if column.kind == .string { try checkCodes(column, count: n, batch: batch) }
            } catch let e as FormatError {
                throw StorageError.corrupt(path: path, reason: "column \(column.name) at row \(group.firstRow): \(e)")
            }
        }
    }

    /// Every row of the part as records (for compaction, export and verification).
    package func readAllRecords(batch: ColumnBatch = ColumnBatch(), _ body: (UsageRecord) throws -> Void) throws {
        var dicts = [[String]](repeating: [], count: PartFooter.columnSlots)
        for c in Column.stringColumns { dicts[Int(c.rawValue)] = try dictionary(c, batch: batch) }
        let project = footer.projectId
        try scan(columns: Set(Column.allCases), rows: 0..<footer.rowCount, batch: batch) { b, range in
            for row in range {
                func str(_ c: Column) throws -> String? {
                    let code = Int(b.codes[Int(c.rawValue)][row])
                    if code == 0 { return nil }
                    let d = dicts[Int(c.rawValue)]
                    guard code <= d.count else { throw StorageError.corrupt(path: path, reason: "code \(code) outside the \(c.name) dictionary (\(d.count))") }
                    return d[code - 1]
                }
                func int(_ c: Column) -> Int64? {
                    b.validity[Int(c.rawValue)][row] == 1 ? b.ints[Int(c.rawValue)][row] : nil
                }
                var r = UsageRecord(
                    projectId: project, ts: b.ts[row], service: try str(.service) ?? "", unit: try str(.unit) ?? "",
                    quantity: b.quantity[row], costNanos: b.cost[row],
                    costSource: CostSource(rawValue: UInt8(truncatingIfNeeded: b.costSource[row])) ?? .given)
                r.runId = try str(.runId)
                r.sandboxId = try str(.sandboxId)
                r.chainId = try str(.chainId)
                r.issueSessionId = try str(.issueSessionId)
                r.toolId = try str(.toolId)
                r.modelId = try str(.modelId)
                r.stepType = try str(.stepType)
                r.stepIndex = int(.stepIndex).map { Int32(truncatingIfNeeded: $0) }
                r.userId = try str(.userId)
                r.personaId = try str(.personaId)
                r.durationMs = int(.durationMs)
                r.captureSource = try str(.captureSource)
                r.parserVersion = int(.parserVersion).map { Int32(truncatingIfNeeded: $0) }
                r.requestId = try str(.requestId)
                try body(r)
            }
        }
    }
}
