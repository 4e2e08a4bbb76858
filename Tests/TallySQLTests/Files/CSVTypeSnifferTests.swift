import Foundation
import TallyTestSupport
import Testing

@testable import TallySQL

/// read_csv's type inference, header detection and parsing: the choices DuckDB's sniffer
/// makes for the common cases (the engine cases file_read_csv_* check the same against
/// DuckDB itself).
@Suite struct CSVTypeSnifferTests {
    @Test(arguments: [
        ("true", LogicalType.boolean), ("F", .boolean), ("yes", .boolean), ("1", .bigint), ("-20", .bigint), ("0", .bigint),
        ("99999999999999999999", .hugeint), ("1.5", .double), ("1e3", .double), (".5", .double), ("-0.25", .double),
        ("2026-01-02", .date), ("2026-01-02 03:04:05", .timestamp), ("2026-01-02T03:04:05.5", .timestamp),
        ("007", .varchar), ("007.5", .varchar), ("+7", .varchar), ("abc", .varchar), ("1.2.3", .varchar), ("2026-13-02", .varchar),
    ])
    func aValueAloneReadsAsItsType(_ text: String, _ type: LogicalType) {
        #expect(CSVTypeSniffer.type(CSVTypeSniffer.fit(text)) == type, "\(text)")
    }

    static func rows(_ text: String, delimiter: Character = ",") throws -> CSVParser.Rows {
        try CSVParser(delimiter: UInt8(ascii: delimiter.unicodeScalars.first!)).parse(Array(text.utf8))
    }

    @Test func aColumnTakesTheFirstTypeEveryValueReadsAs() throws {
        let r = try Self.rows("1,2026-01-02,true,1,x\n2.5,2026-01-02 10:00:00,1,,\n3,,,,\n")
        #expect(CSVTypeSniffer.types(r, width: 5, from: 0) == [.double, .timestamp, .varchar, .bigint, .varchar])
    }

    @Test func aColumnWithoutValuesIsText() throws {
        let r = try Self.rows("a,b\n1,\n2,\n")
        #expect(CSVTypeSniffer.types(r, width: 2, from: 1) == [.bigint, .varchar])
    }

    @Test func theFirstRowIsAHeaderWhenItDoesNotReadAsTheColumnsTypes() throws {
        #expect(CSVTypeSniffer.hasHeader(try Self.rows("n,day\n1,2026-01-01\n"), width: 2))
        #expect(!CSVTypeSniffer.hasHeader(try Self.rows("1,x\n2,y\n"), width: 2))
        // Text only: DuckDB takes the first row as the header.
        #expect(CSVTypeSniffer.hasHeader(try Self.rows("x,y\nfoo,bar\n"), width: 2))
        #expect(CSVTypeSniffer.hasHeader(try Self.rows("a,b\n"), width: 2))
    }

    @Test func quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws {
        let r = try Self.rows("id,note\r\n1,\"a, \"\"b\"\"\r\nc\"\r\n\r\n2,\"\"\n")
        #expect(r.count == 3)
        #expect(r.field(1, 1) == "a, \"b\"\r\nc")
        #expect(r.lines == [1, 2, 5])
        #expect(r.field(2, 1) == nil, "an empty quoted field is NULL, as DuckDB reads it")
    }

    @Test func anUnclosedQuoteNamesTheLineItOpensOn() throws {
        #expect(throws: CSVParser.Failure.self) { try Self.rows("a,b\n1,2\n3,\"open\n4,5\n") }
        do {
            _ = try Self.rows("a,b\n1,2\n3,\"open\n4,5\n")
        } catch let error as CSVParser.Failure {
            #expect(error.line == 3)
        }
    }

    @Test(arguments: [("a;b\n1;2\n", ";"), ("a\tb\n1\t2\n", "\t"), ("a|b|c\n1|2|3\n", "|"), ("a,b\n1,2\n", ","), ("only\n1\n", ",")])
    func theDelimiterIsSniffed(_ text: String, _ delimiter: String) {
        let quote = UInt8(ascii: "\"")
        #expect(CSVParser.sniffDelimiter(Array(text.utf8), quote: quote, escape: quote) == UInt8(ascii: delimiter.unicodeScalars.first!))
    }

    /// A file of `text` in a temporary folder, read with `options`.
    static func read(_ text: String, _ options: CSVOptions = CSVOptions()) throws -> (names: [String], types: [LogicalType], rows: DataChunk) {
        let dir = try TemporaryDirectory(prefix: "csv")
        defer { dir.remove() }
        let path = dir.path + "/t.csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try CSVTable.read(path: path, options: options)
    }

    @Test func valuesAreReadAsTheirColumnsTypes() throws {
        let t = try Self.read("flag,n,x,day,at,name\ntrue,1,1.5,2026-01-02,2026-01-02 03:04:05,a\nf,-20,2,,2026-02-03,\n")
        #expect(t.names == ["flag", "n", "x", "day", "at", "name"])
        #expect(t.types == [.boolean, .bigint, .double, .date, .timestamp, .varchar])
        #expect(t.rows.count == 2)
        // 2026-02-03 is day 20,487 of the epoch.
        #expect(t.rows.columns.map { $0.value(1) } == [.bool(false), .int(-20), .double(2), .null, .timestamp(20_487 * 86_400_000_000), .null])
    }

    @Test func typesAndColumnsOptionsOverrideTheSniffer() throws {
        var o = CSVOptions()
        o.typesByName = [("code", .varchar)]
        let t = try Self.read("code,amount\n007,2\n", o)
        #expect(t.types == [.varchar, .bigint])
        #expect(t.rows.columns[0].value(0) == .string("007"))
        var c = CSVOptions()
        c.columns = [("a", .varchar), ("b", .decimal(width: 10, scale: 2))]
        c.header = false
        let u = try Self.read("x,1.25\n", c)
        #expect(u.names == ["a", "b"])
        #expect(u.rows.columns[1].value(0) == .int(125))
    }

    @Test func aValueThatIsNotItsTypeNamesTheFileLineAndColumn() throws {
        var o = CSVOptions()
        o.typesByName = [("n", .bigint)]
        do {
            _ = try Self.read("n,name\n1,a\n\nx2,b\n", o)
            Issue.record("must fail")
        } catch let error as FileTableError {
            #expect(error.message.hasSuffix("t.csv, line 4, column n: 'x2' is not a BIGINT"), "\(error.message)")
        }
    }

    @Test func aRowOfTheWrongWidthNamesItsLine() throws {
        do {
            _ = try Self.read("a,b\n1,2\n3\n")
            Issue.record("must fail")
        } catch let error as FileTableError {
            #expect(error.message.hasSuffix("t.csv, line 3: 1 field where the file's rows have 2"), "\(error.message)")
        }
    }
}
