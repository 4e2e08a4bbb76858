import Testing
import TallyTestSupport
@testable import TallyIngest
import Tally

/// Random and awkward usage records, and one-call readers, for the record tests.
enum RecordSamples {
    static let awkwardPieces = ["a", "b", "proj", ",", "\"", "\n", "\r\n", "\r", " ", "é", "日本", "🧪", "\\", "\t", "{", "}", ":", "'", "x y", "\u{7F}", "\u{1}", "null"]

    static func text(_ rng: inout SplitMix64) -> String {
        let n = Int.random(in: 1...5, using: &rng)
        var s = ""
        for _ in 0..<n { s += awkwardPieces.randomElement(using: &rng)! }
        return s
    }

    static func optionalText(_ rng: inout SplitMix64) -> String? {
        Bool.random(using: &rng) ? nil : text(&rng)
    }

    static func quantity(_ rng: inout SplitMix64) -> Double {
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: return 0
        case 1: return Double(Int.random(in: 0...1_000_000, using: &rng))
        case 2: return Double.random(in: 0..<1, using: &rng)
        case 3: return .greatestFiniteMagnitude
        case 4: return .leastNonzeroMagnitude
        case 5: return Double(bitPattern: UInt64.random(in: 0..<0x7FF0_0000_0000_0000, using: &rng))
        case 6: return 9_007_199_254_740_992 * Double.random(in: 0.5...2, using: &rng)
        default: return Double(Int.random(in: 0...100, using: &rng)) / 8
        }
    }

    static func cost(_ rng: inout SplitMix64) -> Int64? {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return nil
        case 1: return .max
        case 2: return .min
        case 3: return 0
        default: return Int64.random(in: -5_000_000_000...5_000_000_000, using: &rng)
        }
    }

    static func ts(_ rng: inout SplitMix64) -> Int64 {
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: return .max
        case 1: return .min
        case 2: return -1
        default: return Int64.random(in: -62_000_000_000_000...253_000_000_000_000, using: &rng)
        }
    }

    static func record(_ rng: inout SplitMix64) -> UsageRecord {
        UsageRecord(
            projectId: text(&rng), ts: ts(&rng), service: text(&rng), unit: text(&rng),
            quantity: quantity(&rng), costNanos: cost(&rng),
            runId: optionalText(&rng), sandboxId: optionalText(&rng), chainId: optionalText(&rng),
            issueSessionId: optionalText(&rng), toolId: optionalText(&rng), modelId: optionalText(&rng),
            stepType: optionalText(&rng),
            stepIndex: Bool.random(using: &rng) ? nil : Int32.random(in: .min ... .max, using: &rng),
            userId: optionalText(&rng), personaId: optionalText(&rng),
            durationMs: Bool.random(using: &rng) ? nil : Int64.random(in: .min ... .max, using: &rng),
            captureSource: optionalText(&rng),
            parserVersion: Bool.random(using: &rng) ? nil : Int32.random(in: .min ... .max, using: &rng),
            requestId: optionalText(&rng))
    }

    /// Reads all CSV records, or the first error.
    static func readCSV(_ text: String, name: String = "usage.csv", options: RecordImportOptions = .init(),
                        batch: Int = 7) throws(RecordImportError) -> [UsageRecord] {
        try readCSV(Array(text.utf8), name: name, options: options, batch: batch)
    }

    /// Reads all CSV records, or the first error, through both of the reader's paths
    /// (records, and columnar batches turned back into records), expecting the same.
    static func readCSV(_ bytes: [UInt8], name: String = "usage.csv", options: RecordImportOptions = .init(),
                        batch: Int = 7) throws(RecordImportError) -> [UsageRecord] {
        let viaRecords = Result { () throws(RecordImportError) -> [UsageRecord] in
            var reader = try CSVRecordReader(bytes: bytes, name: name, options: options)
            var out: [UsageRecord] = []
            while try reader.nextBatch(into: &out, maxCount: batch) > 0 {}
            return out
        }
        let viaColumns = Result { () throws(RecordImportError) -> [UsageRecord] in
            try readCSVColumns(bytes, name: name, options: options, batch: batch)
        }
        #expect(viaRecords == viaColumns, "the columnar path disagrees with the record path")
        return try viaRecords.get()
    }

    /// Reads all CSV records through columnar batches, each turned back into records.
    static func readCSVColumns(_ bytes: [UInt8], name: String = "usage.csv", options: RecordImportOptions = .init(),
                               batch: Int = 7) throws(RecordImportError) -> [UsageRecord] {
        var reader = try CSVRecordReader(bytes: bytes, name: name, options: options)
        var out: [UsageRecord] = []
        var columns = UsageColumns()
        while true {
            columns.removeAll()
            guard try reader.nextBatch(into: &columns, maxCount: batch) > 0 else { break }
            for row in 0..<columns.count { out.append(columns.record(at: row)) }
        }
        return out
    }

    static func readJSONL(_ text: String, name: String = "usage.jsonl", options: RecordImportOptions = .init()) throws(RecordImportError) -> [UsageRecord] {
        try readJSONL(Array(text.utf8), name: name, options: options)
    }

    static func readJSONL(_ bytes: [UInt8], name: String = "usage.jsonl", options: RecordImportOptions = .init(),
                          batch: Int = 7) throws(RecordImportError) -> [UsageRecord] {
        var reader = JSONLRecordReader(bytes: bytes, name: name, options: options)
        var out: [UsageRecord] = []
        while try reader.nextBatch(into: &out, maxCount: batch) > 0 {}
        return out
    }

    /// The error a CSV text produces (fails the test if it reads cleanly).
    static func csvError(_ text: String, options: RecordImportOptions = .init()) -> RecordImportError? {
        do throws(RecordImportError) {
            _ = try readCSV(text, options: options)
            return nil
        } catch {
            return error
        }
    }

    static func jsonlError(_ text: String, options: RecordImportOptions = .init()) -> RecordImportError? {
        do throws(RecordImportError) {
            _ = try readJSONL(text, options: options)
            return nil
        } catch {
            return error
        }
    }
}
