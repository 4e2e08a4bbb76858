import Benchmark
import Foundation
import Tally

// Storage micro-benchmarks: append throughput through the public API, part encoding
// and full decode per codec. Records come from the deterministic demo generator.

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
    return out
}

private func temporaryStorePath() -> String {
    FileManager.default.temporaryDirectory.path + "/tally-bench-" + UUID().uuidString
}

let benchmarks: @Sendable () -> Void = {
    let records = makeRecords(1_000_000)
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(20), maxIterations: 5)

    for codec in [Codec.lz4, .zstd] {
        Benchmark("Store.append 1M records + flush (\(codec))", configuration: .init(scalingFactor: .mega)) { benchmark in
            let path = temporaryStorePath()
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
}
