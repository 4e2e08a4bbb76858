import Foundation
import Tally
import TallyParquet
import TallyTestSupport
import Testing

@testable import TallySQL

/// read_parquet of each physical type (as Tally's writer makes them: PLAIN and dictionary
/// pages, optional columns with NULLs), and the errors that name the file and column. The
/// engine cases file_read_parquet_* read DuckDB-written files against DuckDB.
@Suite struct ParquetTableTests {
    /// A file of one row group of `columns` in a temporary folder, read back.
    static func roundTrip(_ columns: [(ParquetColumnSpec, ParquetColumnValues)]) throws -> (names: [String], types: [LogicalType], rows: DataChunk) {
        let dir = try TemporaryDirectory(prefix: "read-parquet")
        defer { dir.remove() }
        let path = dir.path + "/t.parquet"
        let w = try ParquetFileWriter(path: path, columns: columns.map(\.0))
        try w.writeRowGroup(columns.map(\.1))
        try w.writeRowGroup(columns.map(\.1))
        try w.close()
        return try ParquetTable.read(path: path)
    }

    static func column(_ name: String, _ type: ParquetPhysicalType, optional: Bool = false, _ logical: ParquetLogicalType? = nil,
                       dictionary: Bool = false) -> ParquetColumnSpec {
        ParquetColumnSpec(name: name, physicalType: type, repetition: optional ? .optional : .required, logicalType: logical, dictionary: dictionary)
    }

    @Test func everyPhysicalTypeReadsAsItsSQLType() throws {
        var strings = ParquetByteArrayPool()
        strings.append("alpha")
        strings.append("beta")
        var decimals = ParquetByteArrayPool()
        decimals.append([0x00, 0x7B] as [UInt8])  // 123
        decimals.append([0xFF, 0x85] as [UInt8])  // -123
        let t = try Self.roundTrip([
            (Self.column("b", .boolean, optional: true), ParquetColumnValues(storage: .boolean([true, false]), present: [true, false, true], rowCount: 3)),
            (Self.column("i32", .int32), ParquetColumnValues(storage: .int32([1, -2, 3]), present: nil, rowCount: 3)),
            (Self.column("i64", .int64, optional: true, dictionary: true), ParquetColumnValues(storage: .int64([1 << 40, 7]), present: [false, true, true], rowCount: 3)),
            (Self.column("f", .float), ParquetColumnValues(storage: .float([0.5, -1.25, 3]), present: nil, rowCount: 3)),
            (Self.column("d", .double, dictionary: true), ParquetColumnValues(storage: .double([0.1, 0.1, 2.5]), present: nil, rowCount: 3)),
            (Self.column("s", .byteArray, optional: true, .string, dictionary: true),
             ParquetColumnValues(storage: .byteArray(pool: strings, indices: [1, 0]), present: [true, true, false], rowCount: 3)),
            (Self.column("day", .int32, .date), ParquetColumnValues(storage: .int32([0, 20_487, -1]), present: nil, rowCount: 3)),
            (Self.column("at", .int64, .timestamp(isAdjustedToUTC: false, unit: .millis)),
             ParquetColumnValues(storage: .int64([1_500, -1, 0]), present: nil, rowCount: 3)),
            (Self.column("money", .int64, .decimal(scale: 9, precision: 18)), ParquetColumnValues(storage: .int64([1_250_000_000, -1, 0]), present: nil, rowCount: 3)),
            (Self.column("small", .int32, .decimal(scale: 2, precision: 9)), ParquetColumnValues(storage: .int32([125, 0, -5]), present: nil, rowCount: 3)),
            (Self.column("wide", .byteArray, optional: true, .decimal(scale: 10, precision: 38)),
             ParquetColumnValues(storage: .byteArray(pool: decimals, indices: [0, 1]), present: [true, false, true], rowCount: 3)),
        ])
        #expect(t.names == ["b", "i32", "i64", "f", "d", "s", "day", "at", "money", "small", "wide"])
        #expect(t.types == [.boolean, .integer, .bigint, .double, .double, .varchar, .date, .timestamp,
                            .decimal(width: 18, scale: 9), .decimal(width: 9, scale: 2), .decimal(width: 38, scale: 10)])
        #expect(t.rows.count == 6, "two row groups of three rows")
        func column(_ i: Int) -> [ScalarValue] { (0..<3).map { t.rows.columns[i].value($0) } }
        #expect(column(0) == [.bool(true), .null, .bool(false)])
        #expect(column(1) == [.int(1), .int(-2), .int(3)])
        #expect(column(2) == [.null, .int(1 << 40), .int(7)])
        #expect(column(3) == [.double(0.5), .double(-1.25), .double(3)])
        #expect(column(4) == [.double(0.1), .double(0.1), .double(2.5)])
        #expect(column(5) == [.string("beta"), .string("alpha"), .null])
        #expect(column(6) == [.date(0), .date(20_487), .date(-1)])
        #expect(column(7) == [.timestamp(1_500_000), .timestamp(-1_000), .timestamp(0)], "milliseconds become microseconds")
        #expect(column(8) == [.int(1_250_000_000), .int(-1), .int(0)])
        #expect(column(9) == [.int(125), .int(0), .int(-5)])
        #expect(column(10) == [.int(123), .null, .int(-123)])
        #expect((3..<6).map { t.rows.columns[5].value($0) } == column(5), "the second row group reads as the first")
    }

    @Test func aMissingFileIsNamed() {
        do {
            _ = try ParquetTable.read(path: "/nonexistent/customers.parquet")
            Issue.record("must fail")
        } catch {
            #expect(error.message.contains("/nonexistent/customers.parquet"), "\(error.message)")
        }
    }

    @Test func anUnsupportedColumnIsNamed() throws {
        let dir = try TemporaryDirectory(prefix: "read-parquet")
        defer { dir.remove() }
        let path = dir.path + "/legacy.parquet"
        let w = try ParquetFileWriter(path: path, columns: [Self.column("old_ts", .int96)])
        try w.close()
        do {
            _ = try ParquetTable.read(path: path)
            Issue.record("must fail")
        } catch {
            #expect(error.message == "\(path): column 'old_ts' is an INT96 timestamp (a legacy Impala/Spark type), which Tally's read_parquet does not read")
        }
    }

    @Test func aFileJoinsUsageInSQL() throws {
        var pool = ParquetByteArrayPool()
        pool.append("acme")
        let dir = try TemporaryDirectory(prefix: "read-parquet")
        defer { dir.remove() }
        let path = dir.path + "/c.parquet"
        let w = try ParquetFileWriter(path: path, columns: [Self.column("customer", .byteArray, .string), Self.column("tier", .int32)])
        try w.writeRowGroup([ParquetColumnValues(storage: .byteArray(pool: pool, indices: [0]), present: nil, rowCount: 1),
                             ParquetColumnValues(storage: .int32([2]), present: nil, rowCount: 1)])
        try w.close()
        let store = try Store.open(at: dir.path + "/s")
        defer { try? store.close() }
        let table = try SQLQuery.prepare("SELECT c.customer, c.tier * 10 AS t FROM '\(path)' c").execute(on: store.snapshot())
        #expect(table.rows.map { $0.map(\.plainText) } == [["acme", "20"]])
    }
}
