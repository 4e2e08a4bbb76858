import ArgumentParser
import Foundation
import Tally
import TallyDemo

/// `tally bench-append`: times generation, pricing and appends separately (a hidden
/// diagnostic used to profile the write path; the benchmark suite is in Benchmarks/).
///
/// By default each batch of 10,000 records is generated and priced just before it is
/// appended, as a host service appends records it has just made: only the appends and
/// the final flush are timed. `--pregenerated` builds every record first and appends
/// from that array, so each record is read back from main memory. `--one-at-a-time`
/// appends each record with its own call, as a service that records events as they
/// happen does.
struct BenchAppendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-append", shouldDisplay: false)
    @OptionGroup var options: StoreOption
    @Option var rows: Int = 1_000_000
    @Option var codec: CodecName = .lz4
    @Flag(help: "Generate every record before appending any.") var pregenerated = false
    @Flag(help: "Append each record with its own call.") var oneAtATime = false

    func run() throws {
        let clock = ContinuousClock()
        var generator = DemoDataGenerator(rows: rows, seed: 1)
        var card = RateCard.reference
        var storeOptions = StoreOptions()
        storeOptions.codec = codec.codec
        storeOptions.compactionThreshold = 0
        storeOptions.maxBufferedRows = Int.max
        let store = try Store.open(at: options.store, options: storeOptions)
        var genTime = Duration.zero, priceTime = Duration.zero, appendTime = Duration.zero
        var count = 0
        var batch = [UsageRecord]()
        if pregenerated {
            var records = [UsageRecord]()
            records.reserveCapacity(rows)
            genTime = clock.measure {
                while true {
                    batch.removeAll(keepingCapacity: true)
                    guard generator.nextBatch(into: &batch, maxCount: 65_536) > 0 else { break }
                    records += batch
                }
            }
            priceTime = try clock.measure { try card.price(&records) }
            appendTime = try clock.measure {
                var i = 0
                while i < records.count {
                    let end = min(i + 10_000, records.count)
                    if oneAtATime {
                        for r in records[i..<end] { try store.append(r) }
                    } else {
                        try store.append(contentsOf: records[i..<end])
                    }
                    i = end
                }
            }
            count = records.count
        } else {
            while true {
                batch.removeAll(keepingCapacity: true)
                var made = 0
                genTime += clock.measure { made = generator.nextBatch(into: &batch, maxCount: 10_000) }
                guard made > 0 else { break }
                priceTime += try clock.measure { try card.price(&batch) }
                appendTime += try clock.measure {
                    if oneAtATime {
                        // Each iteration copies its record (a retain and a release of
                        // each heap string, about a sixth of the time measured), as
                        // any loop over an array of records does.
                        for r in batch { try store.append(r) }
                    } else {
                        try store.append(contentsOf: batch)
                    }
                }
                count += batch.count
            }
        }
        let flushTime = try clock.measure { try store.flush() }
        try store.close()
        let n = Double(count)
        let total = appendTime + flushTime
        print("generate \(Int(n / genTime.seconds))/s, price \(Int(n / priceTime.seconds))/s, append+flush \(Int(n / total.seconds))/s (append \(appendTime), final flush \(flushTime))")
    }
}
