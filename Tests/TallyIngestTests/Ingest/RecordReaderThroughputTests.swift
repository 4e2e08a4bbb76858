#if canImport(Glibc)
import Glibc
#endif
import Testing
import Tally

/// Throughput of the readers, run by hand and never asserted (timings vary by machine):
/// `TALLY_BENCH=1 swift test -c release --filter RecordReaderThroughputTests`
/// (`TALLY_BENCH_CSV_ONLY=1` as well to time only CSV reading, e.g. under `perf`).
@Suite(.enabled(if: getenv("TALLY_BENCH") != nil)) struct RecordReaderThroughputTests {
    static let rows = 1_000_000

    /// Realistic rows: 20 columns, most values repeating from row to row.
    static func sample() -> [UsageRecord] {
        let units = ["input_tokens", "output_tokens", "cache_read_tokens", "cache_creation_5m_tokens"]
        let models = ["claude-sonnet-4-6", "gpt-5.4-mini", "claude-opus-4-7"]
        return (0..<rows).map { i in
            let run = i / 40
            return UsageRecord(
                projectId: "project-\(run % 7)", ts: 1_790_000_000_000 + Int64(i) * 1_733, service: run % 3 == 1 ? "openai" : "anthropic",
                unit: units[i % 4], quantity: Double((i &* 7919) % 50_000), costNanos: Int64((i &* 104_729) % 9_000_000),
                runId: "run-\(run)-8f3a1c", sandboxId: "sbx-\(run / 3)", chainId: "chain-\(run / 10)",
                issueSessionId: "issue-\(run / 5)", toolId: "claude", modelId: models[run % 3], stepType: "designer",
                stepIndex: Int32(run % 12), userId: "user-\(run % 4)", personaId: "persona-a", durationMs: Int64(run * 31 % 90_000),
                captureSource: "claude-stream-json", parserVersion: 3)
        }
    }

    /// CPU time of this thread, so that other processes on a busy machine do not count.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        var a = timespec(), b = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a)
        try body()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b)
        return Double(b.tv_sec - a.tv_sec) + Double(b.tv_nsec - a.tv_nsec) / 1e9
    }

    @Test func throughput() throws {
        let records = Self.sample()
        var csvWriter = CSVRecordWriter()
        var jsonlWriter = JSONLRecordWriter()
        let writeCSV = try Self.seconds { try csvWriter.write(contentsOf: records) }
        let writeJSONL = try Self.seconds { try jsonlWriter.write(contentsOf: records) }
        let csv = csvWriter.takeBytes()
        let jsonl = jsonlWriter.takeBytes()
        var batch: [UsageRecord] = []
        batch.reserveCapacity(4096)
        for round in 0..<3 {
            var count = 0
            // Parsing only: freeing the records of each batch is the consumer's time.
            var readCSV = 0.0
            var reader = try CSVRecordReader(bytes: csv, name: "bench.csv")
            while true {
                batch.removeAll(keepingCapacity: true)
                var n = 0
                readCSV += try Self.seconds { n = try reader.nextBatch(into: &batch, maxCount: 4096) }
                if n == 0 { break }
                count += n
            }
            #expect(count == Self.rows)
            if getenv("TALLY_BENCH_CSV_ONLY") != nil {
                print("round \(round): CSV read \(Int(Double(Self.rows) / readCSV / 1000))k rows/s")
                continue
            }
            count = 0
            let readJSONL = try Self.seconds {
                var reader = JSONLRecordReader(bytes: jsonl, name: "bench.jsonl")
                while true {
                    batch.removeAll(keepingCapacity: true)
                    let n = try reader.nextBatch(into: &batch, maxCount: 4096)
                    if n == 0 { break }
                    count += n
                }
            }
            #expect(count == Self.rows)
            func rate(_ t: Double) -> String { "\(Int(Double(Self.rows) / t / 1000))k rows/s" }
            func mb(_ n: Int, _ t: Double) -> String { "\(Int(Double(n) / t / 1e6)) MB/s" }
            print("round \(round): CSV read \(rate(readCSV)) (\(mb(csv.count, readCSV)), \(csv.count / Self.rows) B/row); JSONL read \(rate(readJSONL)) (\(mb(jsonl.count, readJSONL)))")
        }
        print("CSV write \(Int(Double(Self.rows) / writeCSV / 1000))k rows/s; JSONL write \(Int(Double(Self.rows) / writeJSONL / 1000))k rows/s")
    }
}
