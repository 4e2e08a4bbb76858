import ArgumentParser
import Foundation
import Tally

/// `tally bench-parse FILE`: parses a CSV or JSONL file of usage records into batches
/// and drops them, with no store (a hidden diagnostic that isolates the reading thread of
/// an import, for profiling; the benchmark suite is in Benchmarks/).
struct BenchParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-parse", shouldDisplay: false)
    @Argument var file: String
    @Option var batchSize = 16_384
    @Flag(help: "Parse CSV into columnar batches (the import's path) instead of records.") var columnar = false

    func run() throws {
        let clock = ContinuousClock()
        var rows = 0
        var batch = [UsageRecord]()
        batch.reserveCapacity(batchSize)
        /// Reads batches until `next` gives none, dropping them.
        func drain(_ next: (inout [UsageRecord]) throws -> Int) rethrows {
            while true {
                batch.removeAll(keepingCapacity: true)
                let n = try next(&batch)
                if n == 0 { break }
                rows += n
            }
        }
        let elapsed = try clock.measure {
            if columnar {
                var reader = try CSVRecordReader(path: file)
                var columns = UsageColumns()
                while true {
                    columns.removeAll()
                    let n = try reader.nextBatch(into: &columns, maxCount: batchSize)
                    if n == 0 { break }
                    rows += n
                }
            } else if file.hasSuffix(".jsonl") {
                var reader = try JSONLRecordReader(path: file)
                try drain { try reader.nextBatch(into: &$0, maxCount: batchSize) }
            } else {
                var reader = try CSVRecordReader(path: file)
                try drain { try reader.nextBatch(into: &$0, maxCount: batchSize) }
            }
        }
        print("parsed \(rows) rows in \(elapsed) (\(Int(Double(rows) / elapsed.seconds)) rows/s)")
    }
}
