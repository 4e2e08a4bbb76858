#if canImport(Glibc)
import Glibc
#endif
import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet

/// Imports files of usage records or agent-runtime streams into a store, one file per
/// transaction: a file's rows all become visible, or none do (on a bad line, an error,
/// or a crash). A file whose content was imported before is recognised and skipped.
package struct Importer: Sendable {
    /// What to import and how.
    package typealias Options = ImportOptions

    /// The store imported into.
    package let store: Store
    /// The seam the input files are read through.
    let fs: FileSystem

    /// Creates an importer for a store (open it with `Store.openPriced` so that rows
    /// without a cost are priced from its rate card). Input files are read through
    /// `fileSystem`, by default the store's (so that faults injected into the store reach
    /// the files imported into it too).
    package init(store: Store, fileSystem: FileSystem? = nil) {
        self.store = store
        self.fs = fileSystem ?? store.options.fileSystem
    }

    /// Imports a file (`-` = standard input). `progress` is called with bytes and rows
    /// done after each batch.
    package func importFile(
        _ path: String, options: Options = Options(), progress: ((Int64, Int) -> Void)? = nil
    ) throws -> ImportSummary {
        let clock = ContinuousClock()
        let start = clock.now
        let isStdin = path == "-"
        let name = isStdin ? "<stdin>" : path
        // Identity first: a repeat is skipped before any parsing. The exception is a CSV
        // or JSONL file without a caller key: its reader hashes the bytes as it parses
        // them, and a repeat is found before the commit instead.
        // Standard input cannot be read twice: without a caller key it is buffered to be
        // fingerprinted; with one (`--key`) it streams.
        var identity = options.identity
        var stdinBytes: [UInt8]? = nil
        if isStdin {
            if identity == nil {
                stdinBytes = try readToEnd(fd: STDIN_FILENO, name: name)
                identity = FileIdentity.of(bytes: stdinBytes!)
            } else {
                stdinBytes = try readPrefix(fd: STDIN_FILENO, name: name, count: 65_536)
            }
        }
        let stdinIsComplete = isStdin && options.identity == nil
        var format = options.format
        if format == .auto {
            let prefix = try stdinBytes.map { Array($0.prefix(65_536)) } ?? readPrefix(path: path, count: 65_536)
            guard let detected = ImportFormat.detect(prefix) else { throw ImportError.unknownFormat(path: name) }
            format = detected
        }
        let identityFromReader = !isStdin && identity == nil && (format == .csv || format == .jsonl)
        if !isStdin && identity == nil && !identityFromReader {
            identity = try FileIdentity.of(path: path, fileSystem: fs)
        }
        var summary = ImportSummary(file: name, format: format)
        summary.identity = identity
        func duplicateSummary() -> ImportSummary {
            var s = ImportSummary(file: name, format: format)
            s.identity = identity
            s.duplicate = true
            s.seconds = (clock.now - start).seconds
            return s
        }
        let batchIdentity = options.allowDuplicate ? nil : identity
        if let batchIdentity, isLegacyRepeat(of: batchIdentity, path: path, bytes: stdinIsComplete ? stdinBytes : nil) {
            return duplicateSummary()
        }
        guard let tx = try store.beginTransaction(identity: batchIdentity) else { return duplicateSummary() }
        var card = try store.rateCard()
        do {
            if format == .parquet {
                var bytes = stdinBytes
                if let b = bytes, isStdin && !stdinIsComplete { bytes = b + (try readToEnd(fd: STDIN_FILENO, name: name)) }
                try importParquet(path: path, bytes: bytes, name: name, options: options, card: &card, into: tx, summary: &summary, progress: progress)
            } else if let stream = format.streamFormat {
                var bytes = try stdinBytes ?? readAll(path: path)
                if isStdin && !stdinIsComplete { bytes += try readToEnd(fd: STDIN_FILENO, name: name) }
                try importStream(bytes, format: stream, name: name, options: options, card: &card, into: tx, summary: &summary)
                summary.bytes = Int64(bytes.count)
            } else {
                do {
                    let read = try importRecords(
                        path: path, stdinBytes: stdinBytes, stdinIsComplete: stdinIsComplete, csv: format == .csv, name: name,
                        options: options, card: &card, into: tx, summary: &summary, progress: progress)
                    if identityFromReader {
                        identity = try read ?? FileIdentity.of(path: path, fileSystem: fs)
                        summary.identity = identity
                    }
                } catch {
                    // A file imported before (say, skipping bad lines) is reported as the
                    // repeat it is, not by the errors parsing it again found. Parsing
                    // stopped early, so the file is read once more for its identity.
                    if identityFromReader, !options.allowDuplicate, let id = try? FileIdentity.of(path: path, fileSystem: fs),
                       store.hasCommittedBatch(identity: id) || isLegacyRepeat(of: id, path: path, bytes: nil) {
                        identity = id
                        tx.rollback()
                        return duplicateSummary()
                    }
                    throw error
                }
            }
            if identityFromReader, !options.allowDuplicate, let identity {
                if isLegacyRepeat(of: identity, path: path, bytes: nil) {
                    tx.rollback()
                    return duplicateSummary()
                }
                guard try tx.commit(identity: identity) else { return duplicateSummary() }
            } else {
                try tx.commit()
            }
        } catch {
            tx.rollback()
            throw error
        }
        summary.seconds = (clock.now - start).seconds
        return summary
    }

    /// Whether the file (or standard input's `bytes`) whose identity is `identity` was
    /// imported by a build that gave files identities of the older kind: computed only
    /// when the store holds such an identity for a file of the same length.
    private func isLegacyRepeat(of identity: String, path: String, bytes: [UInt8]?) -> Bool {
        guard identity.hasPrefix("file2:"), let length = FileIdentity.length(of: identity),
              store.hasCommittedBatch(identityPrefix: "file:\(length):") else { return false }
        let legacy = bytes.map(FileIdentity.legacy(bytes:)) ?? (try? FileIdentity.legacy(path: path, fileSystem: fs))
        return legacy.map(store.hasCommittedBatch(identity:)) ?? false
    }

    /// Validates and prices a batch and appends it to the transaction. A record that
    /// breaks the schema fails the file, or with `skipBadLines` is left out and counted;
    /// `badRecords` collects (ordinal, error) of those, for line numbers found later.
    ///
    /// With a `pipeline`, the batch is handed to its appending thread (and `batch` comes
    /// back as an empty array to fill); without one it is appended here.
    private func append(_ batch: inout [UsageRecord], firstRecord: Int, name: String, skipBad: Bool, card: inout RateCard,
                        into tx: WriteTransaction, pipeline: ImportPipeline<[UsageRecord]>? = nil,
                        summary: inout ImportSummary, badRecords: inout [(Int, ImportError)]) throws {
        var cache = RecordValidator.Cache()
        var good = [Bool](repeating: true, count: batch.count)
        var allGood = true
        for i in batch.indices {
            do {
                // In place through a pointer: passing batch[i] would copy the record (a
                // dozen strings retained and released).
                try batch.withUnsafeBufferPointer { try RecordValidator.validate($0.baseAddress! + i, index: nil, cache: &cache) }
                if batch[i].costNanos == nil || batch[i].costSource == .unpriced { try card.price(&batch[i]) }
            } catch {
                let bad = Self.invalidRecord(error, path: name, record: firstRecord + i)
                guard skipBad else { throw bad }
                summary.rowsSkipped += 1
                badRecords.append((firstRecord + i, bad))
                good[i] = false
                allGood = false
                continue
            }
        }
        if !allGood { batch = batch.indices.filter { good[$0] }.map { batch[$0] } }
        // Rows already stored (same project, source, request id and unit) are left out; a
        // row whose count grew keeps only the growth, priced again for it.
        let requests = try tx.admitRequests(&batch)
        summary.rowsAlreadyStored += requests.skipped
        summary.rowsToppedUp += requests.toppedUp
        if requests.toppedUp > 0 {
            for i in batch.indices where batch[i].costNanos == nil {
                do { try card.price(&batch[i]) } catch { throw Self.invalidRecord(error, path: name, record: firstRecord + i) }
            }
        }
        for i in batch.indices {
            if batch[i].costSource == .unpriced {
                summary.unpriced["\(batch[i].service) / \(batch[i].unit) / \(batch[i].modelId ?? "-")", default: 0] += 1
            }
            summary.costNanos += Int128(batch[i].costNanos ?? 0)
            if batch[i].costSource == .given { summary.givenCostNanos += Int128(batch[i].costNanos ?? 0) }
        }
        // Validated and priced in place: the whole batch goes to the store in one call,
        // which does not validate it again.
        summary.rowsImported += batch.count
        if let pipeline { try pipeline.submit(&batch) } else { try tx.append(validatedContentsOf: batch) }
    }

    /// `append(_:firstRecord:...)` for a columnar batch: validates and prices it (each
    /// distinct text value checked and each rate chain looked up once per batch) and hands
    /// it to the pipeline. Errors are reported in row order, as for records.
    private func append(_ batch: inout UsageColumns, firstRecord: Int, name: String, skipBad: Bool, card: RateCard,
                        into tx: WriteTransaction, pipeline: ImportPipeline<UsageColumns>, summary: inout ImportSummary,
                        badRecords: inout [(Int, ImportError)]) throws {
        var failures: [(row: Int, error: any Error)] = []
        RecordValidator.validate(batch) { row, error in failures.append((row, error)) }
        var good = [Bool](repeating: true, count: batch.count)
        for f in failures { good[f.row] = false }
        card.price(&batch) { row, error in if good[row] { failures.append((row, error)) } }
        if !failures.isEmpty {
            failures.sort { $0.row < $1.row }
            let first = Self.invalidRecord(failures[0].error, path: name, record: firstRecord + failures[0].row)
            guard skipBad else { throw first }
            for f in failures {
                good[f.row] = false
                badRecords.append((firstRecord + f.row, Self.invalidRecord(f.error, path: name, record: firstRecord + f.row)))
            }
            summary.rowsSkipped += failures.count
            batch.keepRows(good)
        }
        // Rows already stored (same project, source, request id and unit) are left out; a
        // row whose count grew keeps only the growth, priced again for it.
        let requests = try tx.admitRequests(&batch)
        summary.rowsAlreadyStored += requests.skipped
        summary.rowsToppedUp += requests.toppedUp
        if requests.toppedUp > 0 {
            var failure: (any Error)? = nil
            card.price(&batch) { _, error in if failure == nil { failure = error } }
            if let failure { throw Self.invalidRecord(failure, path: name, record: firstRecord) }
        }
        // Unpriced rows are counted per (service, unit, model) codes, named once.
        let service = batch.text[Int(Column.service.rawValue)], unit = batch.text[Int(Column.unit.rawValue)]
        let model = batch.text[Int(Column.modelId.rawValue)]
        var unpriced: [SIMD3<UInt32>: (row: Int, count: Int)] = [:]
        // Int128: a batch of Int64 costs cannot pass it (see ImportSummary.costNanos).
        var cost: Int128 = 0, given: Int128 = 0
        for row in 0..<batch.count {
            cost += Int128(batch.costNanos[row])
            if batch.costSource[row] == .given { given += Int128(batch.costNanos[row]) }
            if batch.costSource[row] == .unpriced {
                let key = SIMD3(service.codes[row], unit.codes[row], model.codes[row])
                unpriced[key, default: (row, 0)].count += 1
            }
        }
        summary.costNanos += cost
        summary.givenCostNanos += given
        for (_, u) in unpriced {
            let key = "\(service.value(at: u.row) ?? "") / \(unit.value(at: u.row) ?? "") / \(model.value(at: u.row) ?? "-")"
            summary.unpriced[key, default: 0] += u.count
        }
        summary.rowsImported += batch.count
        try pipeline.submit(&batch)
    }

    /// The import error for a record the store's validation or the rate card rejected.
    static func invalidRecord(_ error: any Error, path: String, record: Int, line: Int? = nil) -> ImportError {
        if case let StorageError.invalidRecord(field, value, reason, _) = error {
            return .invalidRecord(path: path, record: record, line: line, column: field, value: value, reason: reason)
        }
        return .invalidRecord(path: path, record: record, line: line, column: nil, value: nil, reason: "\(error)")
    }

    /// Returns the input's identity as its reader hashed it while parsing (nil if it
    /// could not read every byte).
    private func importRecords(
        path: String, stdinBytes: [UInt8]?, stdinIsComplete: Bool, csv: Bool, name: String, options: Options, card: inout RateCard,
        into tx: WriteTransaction, summary: inout ImportSummary, progress: ((Int64, Int) -> Void)?
    ) throws -> String? {
        var contentIdentity: String? = nil
        var readerOptions = RecordImportOptions()
        readerOptions.skipBadLines = options.skipBadLines
        // The rows go to a store: refuse times it cannot keep where the user's text is at hand.
        readerOptions.onlyStorableTimes = true
        var batch = [UsageRecord]()
        batch.reserveCapacity(options.batchSize)
        var recordsRead = 0
        var badRecords = [(Int, ImportError)]()
        // Readers return records without their line numbers (that would cost every row);
        // only when a record is rejected is the input read again to find its line.
        let rereadable = stdinBytes == nil || stdinIsComplete
        func locate(_ bad: [(Int, ImportError)]) -> [ImportError] {
            guard rereadable, !bad.isEmpty else { return bad.map(\.1) }
            let lines = (try? recordLines(Set(bad.map(\.0)), path: path, stdinBytes: stdinBytes, csv: csv, name: name, options: readerOptions)) ?? [:]
            return bad.map { ordinal, error in
                guard let line = lines[ordinal], case let .invalidRecord(p, r, _, c, v, reason) = error else { return error }
                return .invalidRecord(path: p, record: r, line: line, column: c, value: v, reason: reason)
            }
        }
        // Parsing (this thread) overlaps with buffering and writing parts (the pipeline's):
        // CSV in columnar batches, JSONL in records.
        let pipeline: ImportPipeline<[UsageRecord]>? = csv ? nil : ImportPipeline(batchCapacity: options.batchSize) { [tx] records in
            try tx.append(validatedContentsOf: records)
        }
        let columnPipeline: ImportPipeline<UsageColumns>? = !csv ? nil
            : ImportPipeline<UsageColumns>(depth: 16, makeBatch: { UsageColumns() }, empty: { $0.removeAll() }) { [tx] columns in
                try tx.append(validated: columns)
            }
        var pipelineFinished = false
        defer { if !pipelineFinished { pipeline?.cancel(); columnPipeline?.cancel() } }
        func drain(_ next: (inout [UsageRecord]) throws(RecordImportError) -> Int, bytesRead: () -> Int64) throws {
            while true {
                batch.removeAll(keepingCapacity: true)
                let n: Int
                do { n = try next(&batch) } catch { throw ImportError.badRecord(error) }
                if n == 0 { break }
                do {
                    try append(&batch, firstRecord: recordsRead + 1, name: name, skipBad: options.skipBadLines, card: &card,
                               into: tx, pipeline: pipeline, summary: &summary, badRecords: &badRecords)
                } catch let error as ImportError {
                    if case let .invalidRecord(_, record, _, _, _, _) = error { throw locate([(record, error)])[0] }
                    throw error
                }
                recordsRead += n
                progress?(bytesRead(), summary.rowsImported)
            }
        }
        do {
            if csv {
                var reader = try stdinBytes.map { bytes throws(RecordImportError) in
                    stdinIsComplete ? try CSVRecordReader(bytes: bytes, name: name, options: readerOptions)
                        : try CSVRecordReader(fileDescriptor: STDIN_FILENO, name: name, initialBytes: bytes, options: readerOptions, fileSystem: fs)
                } ?? CSVRecordReader(path: path, options: readerOptions, fileSystem: fs)
                // Column by column: no record (and no String) per row.
                var columns = UsageColumns()
                while true {
                    let n: Int
                    do { n = try reader.nextBatch(into: &columns, maxCount: options.batchSize) } catch { throw ImportError.badRecord(error) }
                    if n == 0 { break }
                    do {
                        try append(&columns, firstRecord: recordsRead + 1, name: name, skipBad: options.skipBadLines, card: card,
                                   into: tx, pipeline: columnPipeline!, summary: &summary, badRecords: &badRecords)
                    } catch let error as ImportError {
                        if case let .invalidRecord(_, record, _, _, _, _) = error { throw locate([(record, error)])[0] }
                        throw error
                    }
                    recordsRead += n
                    progress?(reader.bytesRead, summary.rowsImported)
                }
                summary.rowsSkipped += reader.skippedCount
                summary.skippedErrors = reader.skippedErrors.map(\.description)
                summary.bytes = reader.bytesRead
                contentIdentity = reader.contentIdentity
            } else {
                var reader = try stdinBytes.map { bytes throws(RecordImportError) in
                    stdinIsComplete ? JSONLRecordReader(bytes: bytes, name: name, options: readerOptions)
                        : JSONLRecordReader(fileDescriptor: STDIN_FILENO, name: name, initialBytes: bytes, options: readerOptions, fileSystem: fs)
                } ?? JSONLRecordReader(path: path, options: readerOptions, fileSystem: fs)
                try drain({ (b) throws(RecordImportError) in try reader.nextBatch(into: &b, maxCount: options.batchSize) }, bytesRead: { reader.bytesRead })
                summary.rowsSkipped += reader.skippedCount
                summary.skippedErrors = reader.skippedErrors.map(\.description)
                summary.bytes = reader.bytesRead
                contentIdentity = reader.contentIdentity
            }
        } catch let e as RecordImportError {
            throw ImportError.badRecord(e)
        }
        pipelineFinished = true
        try pipeline?.finish()
        try columnPipeline?.finish()
        if !badRecords.isEmpty {
            summary.skippedErrors += locate(Array(badRecords.prefix(Self.maxLocatedErrors))).map { "\($0.location): \($0.problem)" }
        }
        return contentIdentity
    }

    /// Rejected records whose lines are looked up and listed in the summary.
    static let maxLocatedErrors = 100

    /// The 1-based line where each of the `ordinals`-th records (counted as the reader
    /// returns them) starts, found by reading the input again one record at a time.
    private func recordLines(
        _ ordinals: Set<Int>, path: String, stdinBytes: [UInt8]?, csv: Bool, name: String, options: RecordImportOptions
    ) throws -> [Int: Int] {
        guard let last = ordinals.max() else { return [:] }
        var lines = [Int: Int]()
        var one = [UsageRecord]()
        var ordinal = 0
        if csv {
            var reader = try stdinBytes.map { bytes throws(RecordImportError) in try CSVRecordReader(bytes: bytes, name: name, options: options) }
                ?? CSVRecordReader(path: path, options: options, fileSystem: fs)
            while ordinal < last {
                one.removeAll(keepingCapacity: true)
                guard try reader.nextBatch(into: &one, maxCount: 1) == 1 else { break }
                ordinal += 1
                // After a record the reader stands on the line after it; a quoted field
                // with line breaks made the record span that many more lines.
                if ordinals.contains(ordinal) { lines[ordinal] = reader.lineNumber - 1 - Self.lineBreaks(in: one[0]) }
            }
        } else {
            var reader = try stdinBytes.map { bytes throws(RecordImportError) in JSONLRecordReader(bytes: bytes, name: name, options: options) }
                ?? JSONLRecordReader(path: path, options: options, fileSystem: fs)
            while ordinal < last {
                one.removeAll(keepingCapacity: true)
                guard try reader.nextBatch(into: &one, maxCount: 1) == 1 else { break }
                ordinal += 1
                if ordinals.contains(ordinal) { lines[ordinal] = reader.lineNumber - 1 }
            }
        }
        return lines
    }

    /// Line feeds inside a record's text fields (a CSV record spans one line more per each).
    static func lineBreaks(in r: UsageRecord) -> Int {
        var n = 0
        for s in [r.projectId, r.service, r.unit, r.runId, r.sandboxId, r.chainId, r.issueSessionId, r.toolId, r.modelId,
                  r.stepType, r.userId, r.personaId, r.captureSource] {
            if let s { n += s.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
        }
        return n
    }

    /// Parquet is read one row group at a time (a file, by its footer's offsets; standard
    /// input, from memory: Parquet needs random access) and appended in batches.
    private func importParquet(
        path: String, bytes: [UInt8]?, name: String, options: Options, card: inout RateCard,
        into tx: WriteTransaction, summary: inout ImportSummary, progress: ((Int64, Int) -> Void)?
    ) throws {
        let reader: UsageParquetReader
        do {
            if let bytes { reader = try UsageParquetReader(bytes: bytes, name: name) } else { reader = try UsageParquetReader(path: path, fileSystem: fs) }
        } catch { throw ImportError.parquet(error) }
        var group = [UsageRecord]()
        var badRecords = [(Int, ImportError)]()
        var recordsRead = 0
        while true {
            group.removeAll(keepingCapacity: true)
            let n: Int
            do { n = try reader.nextBatch(into: &group) } catch { throw ImportError.parquet(error) }
            if n == 0 { break }
            var start = 0
            while start < group.count {
                var batch = Array(group[start..<min(group.count, start + options.batchSize)])
                try append(&batch, firstRecord: recordsRead + start + 1, name: name, skipBad: options.skipBadLines, card: &card,
                           into: tx, summary: &summary, badRecords: &badRecords)
                start += options.batchSize
            }
            recordsRead += n
            progress?(reader.byteCount * Int64(recordsRead) / max(reader.rowCount, 1), summary.rowsImported)
        }
        summary.bytes = reader.byteCount
        summary.skippedErrors += badRecords.prefix(Self.maxLocatedErrors).map { "\($0.1.location): \($0.1.problem)" }
    }

    private func importStream(
        _ bytes: [UInt8], format: StreamFormat, name: String, options: Options, card: inout RateCard,
        into tx: WriteTransaction, summary: inout ImportSummary
    ) throws {
        guard let attribution = options.attribution, !attribution.projectId.isEmpty else {
            throw ImportError.missingAttribution(path: name, field: "project")
        }
        let result = StreamParser.parse(bytes, format: format, attribution: attribution)
        // Refused even with skipBadLines: the other format's lines are not bad, they are
        // someone else's usage, and skipping them would lose it.
        if let change = result.formatChange {
            throw ImportError.mixedFormats(path: name, line: change.line, format: change.expected, found: change.found)
        }
        for problem in result.problems {
            if problem.severity == .error && !options.skipBadLines {
                throw ImportError.badStreamLine(path: name, problem: problem)
            }
            if problem.severity == .error { summary.rowsSkipped += 1; summary.skippedErrors.append("\(name): \(problem)") }
            else { summary.warnings.append("\(name): \(problem)") }
        }
        var records = result.records
        var badRecords = [(Int, ImportError)]()
        try append(&records, firstRecord: 1, name: name, skipBad: options.skipBadLines, card: &card, into: tx, summary: &summary,
                   badRecords: &badRecords)
        summary.skippedErrors += badRecords.prefix(Self.maxLocatedErrors).map { "\($0.1.location): \($0.1.problem)" }
        summary.reportedCostNanos = result.reportedCostNanos
    }
}
