import Foundation
import Testing
import TallySystem
import TallyFormat
import TallyStore
import TallyTestSupport
@testable import TallyParquet

@Suite struct UsageParquetRoundTripTests {
    /// Random records (nulls, unicode, extremes) in a clamped cost range, some without a
    /// cost, through small row groups and pages and a dictionary small enough to fall
    /// back to PLAIN: every record reads back equal.
    @Test(arguments: [(1 << 20, 65_536, 1 << 20), (97, 13, 64)])
    func randomRecordsRoundTrip(rowGroupRows: Int, rowsPerPage: Int, maxDictionaryBytes: Int) throws {
        let dir = try TemporaryDirectory(prefix: "parquet-rt")
        defer { dir.remove() }
        var records = RandomRecords.make(count: 3_000, seed: 11)
        for i in records.indices {
            if let c = records[i].costNanos, abs(c) > UsageParquetSchema.maxCostNanos { records[i].costNanos = UsageParquetSchema.maxCostNanos }
            if i % 10 == 0 { records[i].costNanos = nil; records[i].costSource = .unpriced }
            if i % 17 == 0 { records[i].costNanos = -UsageParquetSchema.maxCostNanos; records[i].costSource = .given }
            // The Parquet schema (docs/clickhouse.md) has no request_id yet.
            records[i].requestId = nil
        }
        var options = ParquetFileWriter.Options()
        options.rowsPerPage = rowsPerPage
        options.maxDictionaryBytes = maxDictionaryBytes
        let path = dir.path + "/t.parquet"
        let writer = try UsageParquetWriter(path: path, rowGroupRows: rowGroupRows, options: options)
        for r in records { try writer.write(r) }
        try writer.close()

        let reader = try UsageParquetReader(path: path)
        #expect(reader.rowCount == Int64(records.count))
        var back = [UsageRecord]()
        var batches = 0
        while try reader.nextBatch(into: &back) > 0 { batches += 1 }
        #expect(batches == (records.count + rowGroupRows - 1) / rowGroupRows)
        #expect(back == records)
    }

    @Test func statisticsAndTypesAreWhatEnginesExpect() throws {
        let dir = try TemporaryDirectory(prefix: "parquet-stats")
        defer { dir.remove() }
        let path = dir.path + "/s.parquet"
        let writer = try UsageParquetWriter(path: path)
        for (i, name) in ["b", "a", "c"].enumerated() {
            try writer.write(UsageRecord(projectId: name, ts: Int64(i) * 86_400_000, service: "s", unit: "u", quantity: Double(i),
                                         costNanos: i == 1 ? nil : Int64(i) - 5, runId: i == 0 ? nil : "r"))
        }
        try writer.close()
        let file = try ParquetFileReader(path: path)
        let chunks = file.metadata.rowGroups[0].columns
        func stats(_ name: String) -> ParquetStatistics { chunks[file.column(named: name)!.index].metaData!.statistics! }
        #expect(stats("project_id").minValue == Array("a".utf8))
        #expect(stats("project_id").maxValue == Array("c".utf8))
        #expect(stats("cost_usd").nullCount == 1)
        #expect(stats("cost_usd").minValue == [0xFB, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])  // -5
        #expect(stats("run_id").nullCount == 1)
        #expect(stats("date").maxValue == [2, 0, 0, 0])
        #expect(file.column(named: "ts")!.element.logicalType == .timestamp(isAdjustedToUTC: true, unit: .millis))
        #expect(file.column(named: "cost_usd")!.element.logicalType == .decimal(scale: 9, precision: 18))
        #expect(file.column(named: "date")!.element.logicalType == .date)
        #expect(chunks.allSatisfy { $0.metaData!.codec == .zstd })
        #expect(chunks[file.column(named: "service")!.index].metaData!.dictionaryPageOffset != nil)
        #expect(file.metadata.typeDefinedOrderColumns == UsageParquetSchema.columns.count)
    }

    @Test func costsOutsideDecimal18AreRefusedWithTheirRecord() throws {
        let dir = try TemporaryDirectory(prefix: "parquet-big")
        defer { dir.remove() }
        let writer = try UsageParquetWriter(path: dir.path + "/b.parquet")
        let r = UsageRecord(projectId: "p", ts: 0, service: "s", unit: "u", quantity: 1, costNanos: UsageParquetSchema.maxCostNanos + 1)
        #expect {
            try writer.write(r)
        } throws: { error in
            guard case let ParquetError.unwritable(_, column, _, reason) = error else { return false }
            return column == "cost_usd" && reason.contains("DECIMAL(18,9)") && reason.contains("project p")
        }
    }
}
