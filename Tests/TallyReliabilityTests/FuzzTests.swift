#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import Testing
import Tally
import TallyTestSupport
import TallyFuzzTargets

/// Seeded, time-bounded mutation fuzzing of every decoder that reads untrusted bytes:
/// part files, the manifest, CSV and JSONL record files, the agent-runtime stream
/// parsers and the SQL engine. A crash fails the whole test run (that is the signal);
/// an input that takes longer than `hangSeconds` is saved and fails loudly; memory
/// growth is bounded by comparing peak RSS before and after.
@Suite(.serialized) struct FuzzTests {
    static let corpusPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Corpus"
    static let hangSeconds = 10.0
    static let secondsPerTarget = ReliabilityBudget.seconds(ci: 4, long: 120)

    /// Seed inputs in `Corpus/<folder>` (all files, sorted for determinism).
    static func corpus(_ folder: String) -> [[UInt8]] {
        let dir = corpusPath + "/" + folder
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
        return names.compactMap { try? [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/" + $0))) }
    }

    /// Peak resident set size in MiB.
    static func peakRSSMiB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }

    /// Runs `body` on mutated inputs for the time budget, with a watchdog for hangs.
    static func fuzz(_ name: String, seed: UInt64, corpus: [[UInt8]], maxLength: Int = 64 << 10, _ body: ([UInt8]) -> Void) {
        var mutator = ByteMutator(seed: seed, corpus: corpus, maxLength: maxLength)
        let current = Mutex<(input: [UInt8], started: Double, running: Bool)>(([], 0, false))
        let clock = Stopwatch()
        let finished = Atomic<Bool>(false)
        let watchdog = Thread {
            while !finished.load(ordering: .relaxed) {
                usleep(200_000)
                let (input, started, running) = current.withLock { $0 }
                if running && clock.seconds - started > hangSeconds {
                    let file = NSTemporaryDirectory() + "tally-fuzz-hang-\(name).bin"
                    _ = FileManager.default.createFile(atPath: file, contents: Data(input))
                    fatalError("fuzz \(name): one input ran over \(hangSeconds) s; saved to \(file)")
                }
            }
        }
        watchdog.start()
        defer { finished.store(true, ordering: .relaxed) }
        let rssBefore = peakRSSMiB()
        var executions = 0
        // Every seed input unmutated first, then mutations until the budget is spent.
        for input in corpus {
            body(input)
            executions += 1
        }
        while clock.seconds < secondsPerTarget {
            let input = mutator.next()
            current.withLock { $0 = (input, clock.seconds, true) }
            body(input)
            executions += 1
        }
        current.withLock { $0.running = false }
        let growth = peakRSSMiB() - rssBefore
        #expect(growth < 1024, "fuzz \(name): peak memory grew by \(growth) MiB")
        ReliabilityBudget.report("fuzz \(name): \(executions) executions in \(String(format: "%.1f", clock.seconds)) s from \(corpus.count) seeds, peak RSS growth \(growth) MiB")
    }

    // MARK: Storage

    /// Real part files from a small store (every column, nulls, several row groups) and
    /// its manifest: generated, because they must match the current format.
    static func storageSeeds() throws -> (parts: [[UInt8]], manifests: [[UInt8]]) {
        let dir = try ScratchDirectory(prefix: "tally-fuzz-seeds")
        defer { dir.remove() }
        var options = StoreOptions()
        options.compactionThreshold = 0
        var parts = [[UInt8]](), manifests = [[UInt8]]()
        for codec in [Codec.lz4, .zstd] {
            options.codec = codec
            let path = dir.path + "/\(codec)"
            let store = try Store.open(at: path, options: options)
            try store.append(contentsOf: RandomRecords.make(count: 300, seed: 11, projects: 2, days: 40))
            try store.flush()
            try store.append(contentsOf: RandomRecords.make(count: 20, seed: 12, projects: 1, days: 3))
            try store.flush()
            for p in store.snapshot().parts { parts.append([UInt8](try Data(contentsOf: URL(fileURLWithPath: p.path)))) }
            manifests.append([UInt8](try Data(contentsOf: URL(fileURLWithPath: path + "/MANIFEST"))))
            try store.close()
        }
        return (parts, manifests)
    }

    @Test func partReaderSurvivesMutatedParts() throws {
        let dir = try ScratchDirectory(prefix: "tally-fuzz-part")
        defer { dir.remove() }
        let seeds = try Self.storageSeeds()
        let file = dir.path + "/part.tly"
        let batch = ColumnBatch()
        var decoded = 0
        Self.fuzz("part-reader", seed: 1, corpus: seeds.parts) { bytes in
            _ = FileManager.default.createFile(atPath: file, contents: Data(bytes))
            guard let reader = try? PartReader(path: file) else { return }
            _ = try? reader.verify()
            var n = 0
            if (try? reader.readAllRecords(batch: batch, { _ in n += 1 })) != nil { decoded += 1 }
            _ = try? reader.scan(columns: Set(Column.allCases), rows: 0..<reader.footer.rowCount, batch: batch) { _, _ in }
        }
        #expect(decoded >= seeds.parts.count)
    }

    @Test func manifestDecoderSurvivesMutatedManifests() throws {
        let seeds = try Self.storageSeeds()
        Self.fuzz("manifest", seed: 2, corpus: seeds.manifests) { bytes in
            _ = try? Manifest.decode(bytes)
        }
    }

    // MARK: Records

    static func recordSeeds() throws -> (csv: [[UInt8]], jsonl: [[UInt8]]) {
        var csv = Self.corpus("records").filter { $0.first != UInt8(ascii: "{") }
        var jsonl = Self.corpus("records").filter { $0.first == UInt8(ascii: "{") }
        let records = RandomRecords.make(count: 40, seed: 21, projects: 3)
        var c = CSVRecordWriter()
        try c.write(contentsOf: records)
        csv.append(c.takeBytes())
        var j = JSONLRecordWriter()
        try j.write(contentsOf: records)
        jsonl.append(j.takeBytes())
        return (csv, jsonl)
    }

    static let readOptions: [RecordImportOptions] = [
        RecordImportOptions(),
        RecordImportOptions(skipBadLines: true, maxCollectedErrors: 5, ignoreUnknownColumns: true, blockSize: 7, maxRecordBytes: 4096),
    ]

    @Test func csvReaderSurvivesMutatedFiles() throws {
        let seeds = try Self.recordSeeds()
        var out = [UsageRecord]()
        var i = 0
        Self.fuzz("csv-reader", seed: 3, corpus: seeds.csv) { bytes in
            i += 1
            guard var reader = try? CSVRecordReader(bytes: bytes, name: "fuzz.csv", options: Self.readOptions[i % 2]),
                  var columnar = try? CSVRecordReader(bytes: bytes, name: "fuzz.csv", options: Self.readOptions[i % 2])
            else { return }
            // The columnar path must read what the record path reads, error for error.
            var columns = UsageColumns()
            var rounds = 0
            while rounds < 100_000 {
                rounds += 1
                out.removeAll(keepingCapacity: true)
                columns.removeAll()
                let viaRecords = Result { () throws(RecordImportError) in try reader.nextBatch(into: &out, maxCount: 64) }
                let viaColumns = Result { () throws(RecordImportError) in try columnar.nextBatch(into: &columns, maxCount: 64) }
                #expect(viaRecords == viaColumns && out == (0..<columns.count).map(columns.record(at:)),
                        "the columnar CSV path disagrees with the record path")
                if (try? viaRecords.get()) == 0 { break }
                if case .failure = viaRecords, i % 2 == 0 { break }
            }
            #expect(rounds < 100_000, "CSV reader made no progress")
        }
    }

    @Test func jsonlReaderSurvivesMutatedFiles() throws {
        let seeds = try Self.recordSeeds()
        var out = [UsageRecord]()
        var i = 0
        Self.fuzz("jsonl-reader", seed: 4, corpus: seeds.jsonl) { bytes in
            i += 1
            var reader = JSONLRecordReader(bytes: bytes, name: "fuzz.jsonl", options: Self.readOptions[i % 2])
            var rounds = 0
            while rounds < 100_000 {
                rounds += 1
                out.removeAll(keepingCapacity: true)
                do {
                    if try reader.nextBatch(into: &out, maxCount: 64) == 0 { break }
                } catch {
                    if i % 2 == 0 { break }
                }
            }
            #expect(rounds < 100_000, "JSONL reader made no progress")
        }
    }

    // MARK: Streams and SQL

    @Test func streamParsersSurviveMutatedStreams() {
        let seeds = Self.corpus("streams")
        let attribution = StreamAttribution(projectId: "fuzz", defaultModel: "claude-sonnet-4-6", defaultTimestampMs: 1_750_000_000_000)
        var i = 0
        Self.fuzz("stream-parsers", seed: 5, corpus: seeds) { bytes in
            i += 1
            // Every parser sees every input: a stream of one format is hostile input to another.
            let format = StreamFormat.allCases[i % StreamFormat.allCases.count]
            let result = StreamParser.parse(bytes, format: format, attribution: attribution)
            _ = result.records.count
            _ = StreamParser.detect(bytes)
        }
    }

    /// Seeded with the SQL behaviour cases themselves (parser and query cases), not copies.
    /// Each input runs as the libFuzzer target does: the engine's parser and binder, the
    /// statement on a tiny store (with and without the rollup rule), and the older parser.
    @Test func sqlEngineSurvivesMutatedQueries() throws {
        var seeds = [[UInt8]]()
        for directory in [SQLCaseFiles.parserCases, SQLCaseFiles.queryCases] {
            for name in SQLCaseFiles.names(in: directory) { seeds.append(Array(try SQLCaseFiles.sql(name, in: directory).utf8)) }
        }
        #expect(!seeds.isEmpty)
        let scratch = try ScratchDirectory(prefix: "tally-fuzz-sql")
        defer { scratch.remove() }
        let harnesses = [FuzzTarget.sql, .sqlRun].map { FuzzHarness(target: $0, scratchFolder: scratch.path) }
        Self.fuzz("sql-engine", seed: 6, corpus: seeds, maxLength: 2 << 10) { bytes in
            for harness in harnesses {
                do {
                    try harness.run(bytes)
                } catch {
                    Issue.record("\(error): \(String(decoding: bytes, as: UTF8.self))")
                }
            }
        }
    }
}
