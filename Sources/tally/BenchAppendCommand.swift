import ArgumentParser
import Foundation
import Tally

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
