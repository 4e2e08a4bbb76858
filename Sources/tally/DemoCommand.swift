import ArgumentParser
import Foundation
import Tally

/// `tally demo`: generate realistic usage history into a store.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Make a realistic demo store: about 200 projects over two years, priced from the reference rate card.")

    @OptionGroup var options: StoreOption
    @Option(help: "Records to generate.")
    var rows: Int = 1_000_000
    @Option(help: "Random seed: the same seed gives the same data.")
    var seed: UInt64 = 1
    @Option(help: "Number of projects.")
    var projects: Int = 200
    @Option(help: "Block codec for the parts: lz4 or zstd.")
    var codec: Codec = .lz4

    func validate() throws {
        guard rows >= 0 else { throw ValidationError("--rows must not be negative") }
        guard projects > 0 else { throw ValidationError("--projects must be positive") }
    }

    func run() throws {
        var storeOptions = StoreOptions()
        storeOptions.codec = codec
        storeOptions.compactionThreshold = 0
        let store = try Store.openPriced(at: options.store, options: storeOptions)
        var generator = DemoDataGenerator(rows: rows, seed: seed, projects: projects)
        var card = try store.rateCard()
        var batch = [UsageRecord]()
        let clock = ContinuousClock()
        let start = clock.now
        let progress = ProgressLine(total: rows, unit: "rows")
        var done = 0
        while true {
            batch.removeAll(keepingCapacity: true)
            guard generator.nextBatch(into: &batch, maxCount: 65_536) > 0 else { break }
            try card.price(&batch)  // in place: the store then appends without copying
            try store.append(contentsOf: batch)
            done += batch.count
            progress.update(done)
        }
        try store.flush()
        let appended = clock.now - start
        try store.compact()
        try store.close()
        progress.finish()
        let seconds = appended.seconds
        printError("demo: \(grouped(rows)) rows in \(String(format: "%.1f", seconds)) s (\(grouped(Int(Double(rows) / max(seconds, 1e-9)))) rows/s generated, priced and appended), then compacted")
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// `tally bench-append`: times generation, pricing and appends separately (a hidden
/// diagnostic used to profile the write path; the benchmark suite is in Benchmarks/).
struct BenchAppendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-append", shouldDisplay: false)
    @OptionGroup var options: StoreOption
    @Option var rows: Int = 1_000_000
    @Option var codec: Codec = .lz4

    func run() throws {
        let clock = ContinuousClock()
        var generator = DemoDataGenerator(rows: rows, seed: 1)
        var records = [UsageRecord]()
        records.reserveCapacity(rows)
        let genTime = clock.measure {
            var batch = [UsageRecord]()
            while true {
                batch.removeAll(keepingCapacity: true)
                guard generator.nextBatch(into: &batch, maxCount: 65_536) > 0 else { break }
                records += batch
            }
        }
        var card = RateCard.reference
        let priceTime = try clock.measure { try card.price(&records) }
        var storeOptions = StoreOptions()
        storeOptions.codec = codec
        storeOptions.compactionThreshold = 0
        storeOptions.maxBufferedRows = Int.max
        let store = try Store.open(at: options.store, options: storeOptions)
        var flushTime = Duration.zero
        let appendTime = try clock.measure {
            var i = 0
            while i < records.count {
                let end = min(i + 10_000, records.count)
                try store.append(contentsOf: records[i..<end])
                i = end
            }
            flushTime = try clock.measure { try store.flush() }
        }
        try store.close()
        let n = Double(records.count)
        print("generate \(Int(n / genTime.seconds))/s, price \(Int(n / priceTime.seconds))/s, append+flush \(Int(n / appendTime.seconds))/s (final flush \(flushTime))")
    }
}
