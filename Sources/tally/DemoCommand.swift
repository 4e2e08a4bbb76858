import ArgumentParser
import Foundation
import Tally
import TallyDemo

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
    @Option(help: "Block codec for the parts.")
    var codec: CodecName = .lz4

    func validate() throws {
        guard rows >= 0 else { throw ValidationError("--rows must not be negative") }
        guard projects > 0 else { throw ValidationError("--projects must be positive") }
    }

    func run() throws {
        var storeOptions = StoreOptions()
        storeOptions.codec = codec.codec
        storeOptions.compactionThreshold = 0
        let store = try Store.openPriced(at: options.store, options: storeOptions)
        var generator = DemoDataGenerator(rows: rows, seed: seed, projects: projects)
        let card = try store.rateCard()
        let clock = ContinuousClock()
        let start = clock.now
        let progress = ProgressLine(total: rows, unit: "rows")
        try generator.append(to: store, pricedBy: card) { progress.update($0) }
        let appended = clock.now - start
        try store.compact()
        try store.close()
        progress.finish()
        let seconds = appended.seconds
        printError("demo: \(grouped(rows)) rows in \(String(format: "%.1f", seconds)) s (\(grouped(Int(Double(rows) / max(seconds, 1e-9)))) rows/s generated, priced and appended), then compacted")
    }
}
