#if canImport(Glibc)
import Glibc
#endif

/// Imports files of usage records or agent-runtime streams into a store, one file per
/// transaction: a file's rows all become visible, or none do (on a bad line, an error,
/// or a crash). A file whose content was imported before is recognised and skipped.
public struct Importer: Sendable {
    /// What to import and how.
    public struct Options: Sendable {
        /// The format; `.auto` detects it.
        public var format: ImportFormat = .auto
        /// Import the good lines and report the bad ones, instead of failing the file.
        public var skipBadLines = false
        /// Attribution for runtime streams (project, run, step, ...).
        public var attribution: StreamAttribution? = nil
        /// The batch identity; nil = the file's content fingerprint.
        public var identity: String? = nil
        /// Import even if the same identity was imported before.
        public var allowDuplicate = false
        /// Records per batch handed to the store.
        public var batchSize = 16_384

        /// Default options.
        public init() {}
    }

    /// The store imported into.
    public let store: Store

    /// Creates an importer for a store (open it with `Store.openPriced` so that rows
    /// without a cost are priced from its rate card).
    public init(store: Store) {
        self.store = store
    }

    /// Imports a file (`-` = standard input). `progress` is called with bytes and rows
    /// done after each batch.
    public func importFile(
        _ path: String, options: Options = Options(), progress: ((Int64, Int) -> Void)? = nil
    ) throws -> ImportSummary {
        let clock = ContinuousClock()
        let start = clock.now
        let isStdin = path == "-"
        let name = isStdin ? "<stdin>" : path
        // Identity first: a repeat is skipped before any parsing.
        // Standard input cannot be read twice: without a caller key it is buffered to be
        // fingerprinted; with one (`--key`) it streams.
        var identity = options.identity
        var stdinBytes: [UInt8]? = nil
        if isStdin {
            if identity == nil {
                stdinBytes = try readAll(fd: STDIN_FILENO, name: name)
                identity = FileIdentity.of(bytes: stdinBytes!)
            } else {
                stdinBytes = try readPrefix(fd: STDIN_FILENO, count: 65_536)
            }
        } else if identity == nil {
            identity = try FileIdentity.of(path: path)
        }
        let stdinIsComplete = isStdin && options.identity == nil
        var format = options.format
        if format == .auto {
            let prefix = try stdinBytes.map { Array($0.prefix(65_536)) } ?? readPrefix(path: path, count: 65_536)
            guard let detected = ImportFormat.detect(prefix) else { throw ImportError.unknownFormat(path: name) }
            format = detected
        }
        var summary = ImportSummary(file: name, format: format)
        summary.identity = identity
        let batchIdentity = options.allowDuplicate ? nil : identity
        guard let tx = try store.beginTransaction(identity: batchIdentity) else {
            summary.duplicate = true
            summary.seconds = (clock.now - start).seconds
            return summary
        }
        var card = try store.rateCard()
        do {
            if let stream = format.streamFormat {
                var bytes = try stdinBytes ?? readAll(path: path)
                if isStdin && !stdinIsComplete { bytes += try readAll(fd: STDIN_FILENO, name: name) }
                try importStream(bytes, format: stream, name: name, options: options, card: &card, into: tx, summary: &summary)
                summary.bytes = Int64(bytes.count)
            } else {
                try importRecords(path: path, stdinBytes: stdinBytes, stdinIsComplete: stdinIsComplete, csv: format == .csv, name: name, options: options,
                                  card: &card, into: tx, summary: &summary, progress: progress)
            }
            try tx.commit()
        } catch {
            tx.rollback()
            throw error
        }
        summary.seconds = (clock.now - start).seconds
        return summary
    }

    private func append(_ batch: inout [UsageRecord], firstRecord: Int, name: String, card: inout RateCard,
                        into tx: WriteTransaction, summary: inout ImportSummary) throws {
        for i in batch.indices {
            do {
                try RecordValidator.validate(batch[i], index: nil)
                if batch[i].costNanos == nil || batch[i].costSource == .unpriced { try card.price(&batch[i]) }
            } catch {
                throw ImportError.invalidRecord(path: name, record: firstRecord + i, reason: "\(error)")
            }
            let r = batch[i]
            if r.costSource == .unpriced {
                summary.unpriced["\(r.service) / \(r.unit) / \(r.modelId ?? "-")", default: 0] += 1
            }
            summary.costNanos &+= r.costNanos ?? 0
            try tx.append(r)
        }
        summary.rowsImported += batch.count
    }

    private func importRecords(
        path: String, stdinBytes: [UInt8]?, stdinIsComplete: Bool, csv: Bool, name: String, options: Options, card: inout RateCard,
        into tx: WriteTransaction, summary: inout ImportSummary, progress: ((Int64, Int) -> Void)?
    ) throws {
        var readerOptions = RecordImportOptions()
        readerOptions.skipBadLines = options.skipBadLines
        var batch = [UsageRecord]()
        batch.reserveCapacity(options.batchSize)
        func drain(_ next: (inout [UsageRecord]) throws(RecordImportError) -> Int, bytesRead: () -> Int64) throws {
            while true {
                batch.removeAll(keepingCapacity: true)
                let n: Int
                do { n = try next(&batch) } catch { throw ImportError.badRecord(error) }
                if n == 0 { break }
                try append(&batch, firstRecord: summary.rowsImported + 1, name: name, card: &card, into: tx, summary: &summary)
                progress?(bytesRead(), summary.rowsImported)
            }
        }
        do {
            if csv {
                var reader = try stdinBytes.map { bytes throws(RecordImportError) in
                    stdinIsComplete ? try CSVRecordReader(bytes: bytes, name: name, options: readerOptions)
                        : try CSVRecordReader(fileDescriptor: STDIN_FILENO, name: name, initialBytes: bytes, options: readerOptions)
                } ?? CSVRecordReader(path: path, options: readerOptions)
                try drain({ (b) throws(RecordImportError) in try reader.nextBatch(into: &b, maxCount: options.batchSize) }, bytesRead: { reader.bytesRead })
                summary.rowsSkipped = reader.skippedCount
                summary.skippedErrors = reader.skippedErrors.map(\.description)
                summary.bytes = reader.bytesRead
            } else {
                var reader = try stdinBytes.map { bytes throws(RecordImportError) in
                    stdinIsComplete ? JSONLRecordReader(bytes: bytes, name: name, options: readerOptions)
                        : JSONLRecordReader(fileDescriptor: STDIN_FILENO, name: name, initialBytes: bytes, options: readerOptions)
                } ?? JSONLRecordReader(path: path, options: readerOptions)
                try drain({ (b) throws(RecordImportError) in try reader.nextBatch(into: &b, maxCount: options.batchSize) }, bytesRead: { reader.bytesRead })
                summary.rowsSkipped = reader.skippedCount
                summary.skippedErrors = reader.skippedErrors.map(\.description)
                summary.bytes = reader.bytesRead
            }
        } catch let e as RecordImportError {
            throw ImportError.badRecord(e)
        }
    }

    private func importStream(
        _ bytes: [UInt8], format: StreamFormat, name: String, options: Options, card: inout RateCard,
        into tx: WriteTransaction, summary: inout ImportSummary
    ) throws {
        guard let attribution = options.attribution, !attribution.projectId.isEmpty else {
            throw ImportError.missingAttribution(path: name, field: "project")
        }
        let result = StreamParser.parse(bytes, format: format, attribution: attribution)
        for problem in result.problems {
            if problem.severity == .error && !options.skipBadLines {
                throw ImportError.badStreamLine(path: name, problem: problem)
            }
            if problem.severity == .error { summary.rowsSkipped += 1; summary.skippedErrors.append("\(name): \(problem)") }
            else { summary.warnings.append("\(name): \(problem)") }
        }
        var records = result.records
        try append(&records, firstRecord: 1, name: name, card: &card, into: tx, summary: &summary)
        summary.reportedCostNanos = result.reportedCostNanos
    }

    private func readPrefix(path: String, count: Int) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ImportError.cannotOpen(path: path, errno: errno) }
        defer { close(fd) }
        return try readPrefix(fd: fd, count: count, name: path)
    }

    private func readPrefix(fd: Int32, count: Int, name: String = "<stdin>") throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ImportError.cannotOpen(path: name, errno: errno)
            }
            if n == 0 { break }
            filled += n
        }
        return Array(buffer.prefix(filled))
    }

    private func readAll(path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ImportError.cannotOpen(path: path, errno: errno) }
        defer { close(fd) }
        return try readAll(fd: fd, name: path)
    }

    private func readAll(fd: Int32, name: String) throws -> [UInt8] {
        var out = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ImportError.cannotOpen(path: name, errno: errno)
            }
            if n == 0 { return out }
            out.append(contentsOf: buffer[0..<n])
        }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
