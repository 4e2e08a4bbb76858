import Foundation
import Testing
import TallySystem
import TallyFormat
import TallyStore
import TallyTestSupport
@testable import TallyParquet

/// Truncated, garbage and corrupted files give a `ParquetError` naming the file; none
/// crashes the reader.
@Suite struct MalformedFileTests {
    static func readAll(_ bytes: [UInt8], name: String) throws -> Int {
        let reader = try UsageParquetReader(bytes: bytes, name: name)
        var records = [UsageRecord]()
        while try reader.nextBatch(into: &records) > 0 {}
        return records.count
    }

    static func validFile() throws -> [UInt8] {
        let dir = try TemporaryDirectory(prefix: "parquet-bad")
        defer { dir.remove() }
        let path = dir.path + "/v.parquet"
        let writer = try UsageParquetWriter(path: path, rowGroupRows: 40)
        for r in RandomRecords.make(count: 100, seed: 3) {
            var r = r
            r.costNanos = r.costNanos.map { $0 % 1_000_000_000 }
            try writer.write(r)
        }
        try writer.close()
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func garbageIsNotParquet() {
        #expect {
            _ = try Self.readAll(Array("project_id,ts\np,1\n".utf8), name: "garbage.csv")
        } throws: { error in
            guard case let ParquetError.notParquet(path, _) = error else { return false }
            return path == "garbage.csv" && "\(error)".contains("not a Parquet file")
        }
    }

    @Test func everyTruncationFailsCleanly() throws {
        let bytes = try Self.validFile()
        for n in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 300)) {
            #expect(throws: ParquetError.self) { _ = try Self.readAll(Array(bytes.prefix(n)), name: "cut.parquet") }
        }
    }

    @Test func corruptedBytesNeverCrash() throws {
        let bytes = try Self.validFile()
        var g = SeededGenerator(seed: 5)
        var failures = 0
        for _ in 0..<400 {
            var b = bytes
            for _ in 0..<Int.random(in: 1...4, using: &g) {
                b[Int.random(in: 0..<b.count, using: &g)] = UInt8.random(in: 0...255, using: &g)
            }
            do { _ = try Self.readAll(b, name: "flipped.parquet") } catch let e as ParquetError {
                failures += 1
                #expect("\(e)".hasPrefix("flipped.parquet"))
            }
        }
        #expect(failures > 0)
    }

    @Test func aMissingColumnIsNamed() throws {
        let dir = try TemporaryDirectory(prefix: "parquet-schema")
        defer { dir.remove() }
        let path = dir.path + "/n.parquet"
        let w = try ParquetFileWriter(path: path, columns: [ParquetColumnSpec(name: "project_id", physicalType: .byteArray, repetition: .required)])
        var pool = ParquetByteArrayPool()
        pool.append("p")
        try w.writeRowGroup([ParquetColumnValues(storage: .byteArray(pool: pool, indices: [0]), present: nil, rowCount: 1)])
        try w.close()
        #expect(throws: ParquetError.schema(path: path, column: "service", reason: "the column is missing; a usage record needs it")) {
            _ = try UsageParquetReader(path: path)
        }
    }

    @Test func aNullInARequiredFieldNamesTheRow() throws {
        let dir = try TemporaryDirectory(prefix: "parquet-null")
        defer { dir.remove() }
        let path = dir.path + "/n.parquet"
        let cols = ["project_id", "service", "unit"].map { ParquetColumnSpec(name: $0, physicalType: .byteArray, repetition: .optional) }
            + [ParquetColumnSpec(name: "quantity", physicalType: .double, repetition: .required),
               ParquetColumnSpec(name: "ts", physicalType: .int64, repetition: .required)]
        let w = try ParquetFileWriter(path: path, columns: cols)
        var pool = ParquetByteArrayPool()
        pool.append("x")
        let text = ParquetColumnValues(storage: .byteArray(pool: pool, indices: [0, 0]), present: nil, rowCount: 2)
        let nullSecond = ParquetColumnValues(storage: .byteArray(pool: pool, indices: [0]), present: [true, false], rowCount: 2)
        try w.writeRowGroup([text, text, nullSecond, ParquetColumnValues(storage: .double([1, 2]), present: nil, rowCount: 2),
                             ParquetColumnValues(storage: .int64([0, 1]), present: nil, rowCount: 2)])
        try w.close()
        #expect(throws: ParquetError.badValue(path: path, row: 2, column: "unit", value: "null", reason: "unit is required")) {
            var out = [UsageRecord]()
            _ = try UsageParquetReader(path: path).nextBatch(into: &out)
        }
    }
}
