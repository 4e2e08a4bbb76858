import TallyFormat
import TallyIngest

extension FuzzHarness {
    /// Strict defaults, and lenient options with a 7-byte read size that puts a block
    /// boundary everywhere. The input's length picks one, so each input always runs the same way.
    static let recordOptions: [RecordImportOptions] = [
        RecordImportOptions(),
        RecordImportOptions(skipBadLines: true, maxCollectedErrors: 5, ignoreUnknownColumns: true, blockSize: 7, maxRecordBytes: 4096),
    ]
    /// Batches a reader may take before it counts as making no progress (inputs are at most 8 KiB).
    static let maxBatches = 100_000

    /// Reads the input through the record path and the columnar path, which must give the
    /// same records and the same errors, batch for batch.
    func runCSV(_ bytes: [UInt8]) throws(FuzzFinding) {
        let options = Self.recordOptions[bytes.count % 2]
        guard var reader = try? CSVRecordReader(bytes: bytes, name: "fuzz.csv", options: options),
              var columnar = try? CSVRecordReader(bytes: bytes, name: "fuzz.csv", options: options)
        else { return }
        var records = [UsageRecord]()
        var columns = UsageColumns()
        for _ in 0..<Self.maxBatches {
            records.removeAll(keepingCapacity: true)
            columns.removeAll()
            let viaRecords = Result { () throws(RecordImportError) in try reader.nextBatch(into: &records, maxCount: 64) }
            let viaColumns = Result { () throws(RecordImportError) in try columnar.nextBatch(into: &columns, maxCount: 64) }
            guard viaRecords == viaColumns, records == (0..<columns.count).map(columns.record(at:)) else {
                throw FuzzFinding(.csv, "the columnar CSV path disagrees with the record path: \(viaRecords) vs \(viaColumns)")
            }
            switch viaRecords {
            case .success(0): return
            case .success: continue
            case .failure: if !options.skipBadLines { return }
            }
        }
        throw FuzzFinding(.csv, "the CSV reader made no progress in \(Self.maxBatches) batches")
    }

    func runJSONL(_ bytes: [UInt8]) throws(FuzzFinding) {
        let options = Self.recordOptions[bytes.count % 2]
        var reader = JSONLRecordReader(bytes: bytes, name: "fuzz.jsonl", options: options)
        var records = [UsageRecord]()
        for _ in 0..<Self.maxBatches {
            records.removeAll(keepingCapacity: true)
            do {
                if try reader.nextBatch(into: &records, maxCount: 64) == 0 { return }
            } catch {
                if !options.skipBadLines { return }
            }
        }
        throw FuzzFinding(.jsonl, "the JSONL reader made no progress in \(Self.maxBatches) batches")
    }
}
