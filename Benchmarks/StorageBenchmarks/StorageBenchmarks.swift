import Benchmark
import Foundation
import Tally
import TallyDemo

// Storage benchmarks: append throughput through the public API, CSV import, the encodings
// and block codecs on one row group's worth of realistic values, a full column scan, and
// opening a store with thousands of partitions. Records come from the deterministic demo
// generator (200 projects over two years), so every run measures the same data.

/// `n` demo records, priced from the reference rate card, as a host service that knows
/// its costs appends them (a record without a cost is priced by the store's pricer, or
/// stored as unpriced without one).
private func makeRecords(_ n: Int) -> [UsageRecord] {
    var generator = DemoDataGenerator(rows: n, seed: 42)
    var out = [UsageRecord]()
    out.reserveCapacity(n)
    var batch = [UsageRecord]()
    while true {
        batch.removeAll(keepingCapacity: true)
        guard generator.nextBatch(into: &batch, maxCount: 65_536) > 0 else { break }
        out += batch
    }
    var card = RateCard.reference
    try! card.price(&out)
    return out
}

private func temporaryPath(_ suffix: String = "") -> String {
    FileManager.default.temporaryDirectory.path + "/tally-bench-" + UUID().uuidString + suffix
}

/// A store of `records`, flushed and compacted (one part per project and month).
private func makeStore(_ records: [UsageRecord], at path: String) throws {
    var options = StoreOptions()
    options.compactionThreshold = 0
    let store = try Store.open(at: path, options: options)
    try store.append(contentsOf: records)
    try store.flush()
    _ = try store.compact()
    try store.close()
}

/// Files a benchmark needs, made by its setup hook and removed by its teardown: the
/// harness runs each benchmark in a process of its own, so nothing is made that the
/// benchmark being run does not use.
private final class Fixture: @unchecked Sendable {
    private let lock = NSLock()
    private var made: [String] = []

    /// Records `path` to be removed by `removeAll`.
    func made(_ path: String) -> String {
        lock.lock(); defer { lock.unlock() }
        made.append(path)
        return path
    }

    func removeAll() {
        lock.lock(); defer { lock.unlock() }
        for path in made { try? FileManager.default.removeItem(atPath: path) }
        made.removeAll()
    }
}

/// `records` as a CSV file at `path`, in the importer's format.
private func writeCSV(_ records: [UsageRecord], to path: String) throws {
    var writer = CSVRecordWriter()
    try writer.write(contentsOf: records)
    try Data(writer.takeBytes()).write(to: URL(fileURLWithPath: path))
}

/// One row group's worth of each kind of column, from real records.
private struct Columns {
    var ts: [Int64]
    var unitCodes: [Int64]
    var quantities: [Double]
    var runIds: [String]

    init(_ records: ArraySlice<UsageRecord>) {
        // Rows as a part holds them: by run, then time.
        let rows = records.sorted { ($0.runId ?? "", $0.ts) < ($1.runId ?? "", $1.ts) }
        ts = rows.map(\.ts)
        let units = Array(Set(rows.map(\.unit))).sorted()
        unitCodes = rows.map { Int64(units.firstIndex(of: $0.unit)! + 1) }
        quantities = rows.map(\.quantity)
        runIds = Array(Set(rows.compactMap(\.runId))).sorted()
    }
}

private func encoded(_ body: (inout ByteWriter) -> Void) -> [UInt8] {
    var w = ByteWriter(capacity: 1 << 16)
    body(&w)
    return w.bytes
}

let benchmarks: @Sendable () -> Void = {
    let records = makeRecords(1_000_000)
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(20), maxIterations: 5)

    // Append through the API: one record a call (the loop copies each record, a retain
    // and release of its strings, about a sixth of the time), and batches of 10,000.
    for codec in [Codec.lz4, .zstd] {
        Benchmark("Store.append 1M records + flush (\(codec))", configuration: .init(scalingFactor: .mega)) { benchmark in
            let path = temporaryPath()
            defer { try? FileManager.default.removeItem(atPath: path) }
            var options = StoreOptions()
            options.codec = codec
            options.compactionThreshold = 0
            let store = try Store.open(at: path, options: options)
            benchmark.startMeasurement()
            for r in records { try store.append(r) }
            try store.flush()
            benchmark.stopMeasurement()
            try store.close()
        }
    }
    Benchmark("Store.append(contentsOf:) 1M records in batches of 10,000 + flush (lz4)", configuration: .init(scalingFactor: .mega)) { benchmark in
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = StoreOptions()
        options.compactionThreshold = 0
        let store = try Store.open(at: path, options: options)
        benchmark.startMeasurement()
        var start = 0
        while start < records.count {
            let end = min(start + 10_000, records.count)
            try store.append(contentsOf: records[start..<end])
            start = end
        }
        try store.flush()
        benchmark.stopMeasurement()
        try store.close()
    }

    // CSV import, the whole path of `tally import` (fingerprint, parse, validate, price,
    // buffer, write, commit). Throughput is rows per second.
    let fixture = Fixture()
    let csvPath = temporaryPath(".csv")
    Benchmark(
        "Importer.importFile 1M-row CSV", configuration: .init(scalingFactor: .mega),
        closure: { benchmark in
            let path = fixture.made(temporaryPath())
            let store = try Store.openPriced(at: path)
            benchmark.startMeasurement()
            blackHole(try Importer(store: store).importFile(csvPath))
            benchmark.stopMeasurement()
            try store.close()
            try? FileManager.default.removeItem(atPath: path)
        },
        setup: { try writeCSV(records, to: fixture.made(csvPath)) },
        teardown: { fixture.removeAll() })

    // Encodings, one row group (16,384 rows) of each kind of column. Throughput is values
    // per second.
    let columns = Columns(records.prefix(16_384))
    let kilo = Benchmark.Configuration(metrics: [.wallClock, .throughput, .mallocCountTotal], scalingFactor: .kilo, maxDuration: .seconds(3))
    let integerColumns = [("ts", columns.ts), ("unit codes", columns.unitCodes)]
    for (name, values) in integerColumns {
        let bytes = encoded { w in values.withUnsafeBufferPointer { IntegerEncoding.encode($0, into: &w) } }
        Benchmark("IntegerEncoding encode \(name), 16k values", configuration: kilo) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(encoded { w in values.withUnsafeBufferPointer { IntegerEncoding.encode($0, into: &w) } })
            }
        }
        Benchmark("IntegerEncoding decode \(name), 16k values (\(bytes.count) bytes)", configuration: kilo) { benchmark in
            var out = [Int64](repeating: 0, count: values.count)
            for _ in benchmark.scaledIterations {
                try bytes.withUnsafeBytes { raw in
                    var r = ByteReader(raw)
                    try out.withUnsafeMutableBufferPointer { try IntegerEncoding.decode(&r, count: values.count, into: $0.baseAddress!) }
                }
                blackHole(out[0])
            }
        }
    }
    let quantityBytes = encoded { w in columns.quantities.withUnsafeBufferPointer { QuantityEncoding.encode($0, into: &w) } }
    Benchmark("QuantityEncoding encode, 16k values", configuration: kilo) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(encoded { w in columns.quantities.withUnsafeBufferPointer { QuantityEncoding.encode($0, into: &w) } })
        }
    }
    Benchmark("QuantityEncoding decode, 16k values (\(quantityBytes.count) bytes)", configuration: kilo) { benchmark in
        var out = [Double](repeating: 0, count: columns.quantities.count)
        var scratch = [Int64]()
        for _ in benchmark.scaledIterations {
            try quantityBytes.withUnsafeBytes { raw in
                var r = ByteReader(raw)
                try out.withUnsafeMutableBufferPointer {
                    try QuantityEncoding.decode(&r, count: columns.quantities.count, into: $0.baseAddress!, scratch: &scratch)
                }
            }
            blackHole(out[0])
        }
    }
    let dictionaryBytes = encoded { StringDictionary.encode(columns.runIds, into: &$0) }
    Benchmark("StringDictionary encode, \(columns.runIds.count) run ids", configuration: kilo) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(encoded { StringDictionary.encode(columns.runIds, into: &$0) }) }
    }
    Benchmark("StringDictionary decode, \(columns.runIds.count) run ids", configuration: kilo) { benchmark in
        for _ in benchmark.scaledIterations {
            try dictionaryBytes.withUnsafeBytes { raw in
                var r = ByteReader(raw)
                blackHole(try StringDictionary.decode(&r))
            }
        }
    }

    // Block codecs on the encoded columns above (what a part's chunks hold). Throughput is
    // blocks per second; the block size is in the name.
    let block = encoded { w in
        columns.ts.withUnsafeBufferPointer { IntegerEncoding.encode($0, into: &w) }
        columns.unitCodes.withUnsafeBufferPointer { IntegerEncoding.encode($0, into: &w) }
        w.write(contentsOf: quantityBytes)
        w.write(contentsOf: dictionaryBytes)
    }
    for codec in [Codec.lz4, .zstd] {
        let compressor = BlockCompressor(zstdLevel: 3)
        let (used, compressed) = compressor.compress(block, codec: codec)
        Benchmark("BlockCompressor compress \(codec), \(block.count)-byte block", configuration: kilo) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(compressor.compress(block, codec: codec).1.count) }
        }
        Benchmark("BlockCompressor decompress \(codec), \(compressed.count) -> \(block.count) bytes", configuration: kilo) { benchmark in
            var out = [UInt8]()
            for _ in benchmark.scaledIterations {
                try compressed.withUnsafeBytes { try compressor.decompress($0, codec: used, rawCount: block.count, into: &out) }
                blackHole(out.count)
            }
        }
    }

    // A full scan of every column of a 1M-record store (decode and decompress every row
    // group), and opening that store: about 3,600 partitions (200 projects x 2 years), one
    // compacted part each.
    let storePath = temporaryPath()
    var readOnly = StoreOptions()
    readOnly.readOnly = true
    let makeStoreOnce: @Sendable () async throws -> Void = { try makeStore(records, at: fixture.made(storePath)) }
    let removeStore: @Sendable () async throws -> Void = { fixture.removeAll() }
    Benchmark(
        "Snapshot.scan every column, 1M rows", configuration: .init(scalingFactor: .mega),
        closure: { benchmark in
            let store = try Store.open(at: storePath, options: readOnly)
            let batch = ColumnBatch()
            var rows = 0
            benchmark.startMeasurement()
            try store.snapshot().scan(project: nil, days: nil, columns: Set(Column.allCases), batch: batch) { _, _, range in
                rows += range.count
            }
            benchmark.stopMeasurement()
            blackHole(rows)
            try store.close()
        },
        setup: makeStoreOnce, teardown: removeStore)
    Benchmark(
        "Store.open, 1M records in about 3,600 partitions", configuration: .init(maxDuration: .seconds(5), maxIterations: 50),
        closure: { _ in
            let store = try Store.open(at: storePath, options: readOnly)
            blackHole(store.snapshot().parts.count)
            try store.close()
        },
        setup: makeStoreOnce, teardown: removeStore)
}
