#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import TallyIngest
import Tally

@Suite struct CSVRecordReaderTests {
    static let header = "project_id,ts,service,unit,quantity,cost_usd\n"

    @Test func readsColumnsInAnyOrderAndSubset() throws {
        let text = "quantity,unit,service,date,project_id,model_id\n12.5,input_tokens,anthropic,2026-10-01,p1,claude-sonnet-4-6\n"
        let records = try RecordSamples.readCSV(text)
        #expect(records == [UsageRecord(projectId: "p1", ts: 1_790_812_800_000, service: "anthropic", unit: "input_tokens",
                                        quantity: 12.5, modelId: "claude-sonnet-4-6")])
    }

    @Test func quotingCRLFAndBOM() throws {
        let text = "\u{FEFF}project_id,ts,service,unit,quantity,run_id\r\n\"a,\"\"b\"\"\",1,s,u,1,\"line1\r\nline2\"\r\np,2,s,u,2,\"\"\r\n"
        let records = try RecordSamples.readCSV(text)
        #expect(records.map(\.projectId) == ["a,\"b\"", "p"])
        #expect(records[0].runId == "line1\r\nline2")
        #expect(records[1].runId == nil)
    }

    @Test func lastLineWithoutNewlineAndBlankLines() throws {
        let text = "project_id,ts,service,unit,quantity\n\np,1,s,u,1\n\r\np,2,s,u,2"
        #expect(try RecordSamples.readCSV(text).map(\.ts) == [1, 2])
    }

    @Test func timestampForms() throws {
        let cases: [(String, Int64)] = [
            ("1790812800000", 1_790_812_800_000),
            ("-5", -5),
            ("2026-10-01T12:00:00Z", 1_790_856_000_000),
            ("2026-10-01T12:00:00.5Z", 1_790_856_000_500),
            ("2026-10-01T12:00:00.123456789Z", 1_790_856_000_123),
            ("2026-10-01T14:00:00+02:00", 1_790_856_000_000),
            ("2026-10-01T10:30:00-01:30", 1_790_856_000_000),
            ("2026-10-01 12:00:00", 1_790_856_000_000),
            ("2026-10-01t12:00z", 1_790_856_000_000),
            ("2026-10-01", 1_790_812_800_000),
            (" 2026-10-01T12:00:00Z ", 1_790_856_000_000),
        ]
        for (text, ms) in cases {
            let records = try RecordSamples.readCSV(Self.header + "p,\(text),s,u,1,\n")
            #expect(records.first?.ts == ms, "\(text)")
        }
    }

    @Test func dateAloneAndAgreement() throws {
        let ok = try RecordSamples.readCSV("project_id,ts,date,service,unit,quantity\np,2026-10-01T23:59:59.999Z,2026-10-01,s,u,1\np,,2026-10-02,s,u,1\n")
        #expect(ok.map(\.ts) == [1_790_899_199_999, 1_790_899_200_000])
        let e = RecordSamples.csvError("project_id,ts,date,service,unit,quantity\np,2026-10-01T12:00:00Z,2026-10-02,s,u,1\n")
        #expect(e?.kind == .timestampDateMismatch)
        #expect(e?.line == 2)
        #expect(e?.column == "date")
        #expect(e?.value == "2026-10-02")
    }

    @Test func costsAreExactDecimals() throws {
        let cases: [(String, Int64?)] = [
            ("0.138028950", 138_028_950), ("0.13802895", 138_028_950), ("1", 1_000_000_000), ("-0.000000001", -1),
            (".5", 500_000_000), ("12.", 12_000_000_000), ("1e-9", 1), ("2.5E3", 2_500_000_000_000),
            ("0.1000000000000", 100_000_000), ("9223372036.854775807", .max), ("-9223372036.854775808", .min),
            ("", nil), ("\"\"", nil), (" 3 ", 3_000_000_000),
        ]
        for (text, nanos) in cases {
            let r = try RecordSamples.readCSV(Self.header + "p,1,s,u,1,\(text)\n")
            #expect(r.first?.costNanos == nanos, "\(text)")
            #expect(r.first?.costSource == (nanos == nil ? .unpriced : .given))
        }
    }

    @Test func quantities() throws {
        let cases: [(String, Double)] = [("0", 0), ("-0", 0), ("1250", 1250), ("0.1", 0.1), ("1e3", 1000), ("1.7976931348623157e308", .greatestFiniteMagnitude),
                                         ("0.30000000000000004", 0.30000000000000004), ("123456789012345678", 123456789012345680), ("5e-324", .leastNonzeroMagnitude)]
        for (text, q) in cases {
            let r = try RecordSamples.readCSV(Self.header + "p,1,s,u,\(text),\n")
            #expect(r.first?.quantity == q, "\(text)")
            #expect(r.first?.quantity.sign == .plus)
        }
    }

    /// Every error kind, with exact line, column and value.
    @Test(arguments: [
        ("p,1,s,u,-3,\n", RecordImportError.Kind.negativeQuantity, 2, "quantity", "-3"),
        ("p,1,s,u,nan,\n", .invalidNumber, 2, "quantity", "nan"),
        ("p,1,s,u,inf,\n", .invalidNumber, 2, "quantity", "inf"),
        ("p,1,s,u,1e999,\n", .nonFiniteQuantity, 2, "quantity", "1e999"),
        ("p,1,s,u,0x10,\n", .invalidNumber, 2, "quantity", "0x10"),
        ("p,1,s,u,,\n", .missingRequiredField, 2, "quantity", nil),
        (",1,s,u,1,\n", .missingRequiredField, 2, "project_id", nil),
        ("p,,s,u,1,\n", .missingRequiredField, 2, "ts", nil),
        ("p,1,,u,1,\n", .missingRequiredField, 2, "service", nil),
        ("p,1,s,,1,\n", .missingRequiredField, 2, "unit", nil),
        ("p,yesterday,s,u,1,\n", .invalidTimestamp, 2, "ts", "yesterday"),
        ("p,2026-02-30T00:00:00Z,s,u,1,\n", .invalidTimestamp, 2, "ts", "2026-02-30T00:00:00Z"),
        ("p,2026-10-01T12:00:60Z,s,u,1,\n", .invalidTimestamp, 2, "ts", "2026-10-01T12:00:60Z"),
        ("p,99999999999999999999,s,u,1,\n", .invalidTimestamp, 2, "ts", "99999999999999999999"),
        ("p,1,s,u,1,0.0000000001\n", .tooManyFractionDigits, 2, "cost_usd", "0.0000000001"),
        ("p,1,s,u,1,1.5 USD\n", .invalidNumber, 2, "cost_usd", "1.5 USD"),
        ("p,1,s,u,1,9999999999\n", .invalidNumber, 2, "cost_usd", "9999999999"),
        ("p,1,s,u,1\n", .wrongFieldCount, 2, nil, nil),
        ("p,1,s,u,1,,x\n", .wrongFieldCount, 2, nil, nil),
        ("p,1,s,u,1,\n\"p\"x,1,s,u,1,\n", .malformedQuote, 3, "project_id", nil),
        ("p,1,s,u,1,\n\np,\"1\n\n", .unterminatedQuote, 4, "ts", #"1\n\n"#),
        ("p\u{0},1,s,u,1,\n", .nulCharacter, 2, "project_id", #"p\0"#),
    ] as [(String, RecordImportError.Kind, Int, String?, String?)])
    func errors(body: String, kind: RecordImportError.Kind, line: Int, column: String?, value: String?) {
        let e = RecordSamples.csvError(Self.header + body)
        #expect(e?.kind == kind)
        #expect(e?.line == line)
        #expect(e?.column == column)
        #expect(e?.value == value)
        #expect(e?.file == "usage.csv")
    }

    @Test func messageReadsLikeADiagnostic() {
        var text = Self.header
        for i in 0..<1040 { text += "p,\(i),s,u,1,\n" }
        text += "p,1,s,u,-3,\n"
        let e = RecordSamples.csvError(text)
        #expect(e?.description == "usage.csv:1042: field 'quantity': value '-3' is negative; quantities must be >= 0")
    }

    @Test func integerColumns() throws {
        let h = "project_id,ts,service,unit,quantity,step_index,duration_ms,parser_version\n"
        let r = try RecordSamples.readCSV(h + "p,1,s,u,1,-2147483648,9223372036854775807,7\n")
        #expect(r.first?.stepIndex == .min)
        #expect(r.first?.durationMs == .max)
        #expect(r.first?.parserVersion == 7)
        let e = RecordSamples.csvError(h + "p,1,s,u,1,2147483648,,\n")
        #expect(e?.kind == .invalidNumber)
        #expect(e?.column == "step_index")
        let e2 = RecordSamples.csvError(h + "p,1,s,u,1,,1.5,\n")
        #expect(e2?.column == "duration_ms")
    }

    @Test func invalidUTF8IsRejectedWithItsColumn() {
        var bytes = Array((Self.header + "p,1,s,").utf8)
        bytes += [0xC3, 0x28]
        bytes += Array(",1,\n".utf8)
        do throws(RecordImportError) {
            _ = try RecordSamples.readCSV(bytes)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .invalidUTF8)
            #expect(error.column == "unit")
            #expect(error.line == 2)
        }
    }

    @Test func headerErrors() {
        #expect(RecordSamples.csvError("")?.kind == .missingHeader)
        #expect(RecordSamples.csvError("\n\n")?.kind == .missingHeader)
        let missing = RecordSamples.csvError("project_id,ts,service,quantity\n")
        #expect(missing?.kind == .missingRequiredColumn)
        #expect(missing?.column == "unit")
        #expect(missing?.line == 1)
        #expect(RecordSamples.csvError("project_id,service,unit,quantity\n")?.column == "ts")
        let unknown = RecordSamples.csvError("project_id,ts,service,unit,quantity,projectid\n")
        #expect(unknown?.kind == .unknownColumn)
        #expect(unknown?.column == "projectid")
        let dup = RecordSamples.csvError("project_id,ts,service,unit,quantity,unit\n")
        #expect(dup?.kind == .duplicateColumn)
        #expect(dup?.column == "unit")
    }

    @Test func unknownColumnsCanBeIgnored() throws {
        let text = "extra,project_id,ts,service,unit,quantity\n\"x,y\",p,1,s,u,2\n"
        let r = try RecordSamples.readCSV(text, options: .init(ignoreUnknownColumns: true))
        #expect(r == [UsageRecord(projectId: "p", ts: 1, service: "s", unit: "u", quantity: 2)])
    }

    @Test func quotedNewlinesKeepLineNumbersRight() {
        let text = Self.header + "\"multi\nline\nid\",1,s,u,1,\np,1,s,u,1,\n\"a\r\nb\",1,s,u,x,\n"
        let e = RecordSamples.csvError(text)
        #expect(e?.line == 6)
        #expect(e?.column == "quantity")
        #expect(e?.value == "x")
    }

    @Test func skipBadLinesCollectsAndGoesOn() throws {
        let text = Self.header + "p,1,s,u,-1,\np,2,s,u,2,\np,3,s,u,1,x\np,\"4\np,5,s,u,5,\n"
        var reader = try CSVRecordReader(bytes: Array(text.utf8), name: "f.csv",
                                         options: .init(skipBadLines: true, maxCollectedErrors: 1, blockSize: 3))
        var out: [UsageRecord] = []
        while try reader.nextBatch(into: &out, maxCount: 100) > 0 {}
        #expect(out.map(\.ts) == [2])
        #expect(reader.skippedCount == 3)
        #expect(reader.skippedErrors.count == 1)
        #expect(reader.skippedErrors.first?.line == 2)
    }

    @Test func skipBadLinesResynchronisesAfterAMalformedQuote() throws {
        let text = Self.header + "\"p\"x,1,s,u,1,\np,2,s,u,2,\n"
        var reader = try CSVRecordReader(bytes: Array(text.utf8), name: "f.csv", options: .init(skipBadLines: true))
        var out: [UsageRecord] = []
        while try reader.nextBatch(into: &out, maxCount: 100) > 0 {}
        #expect(out.map(\.ts) == [2])
        #expect(reader.skippedErrors.map(\.kind) == [.malformedQuote])
    }

    @Test func readingGoesOnAfterAThrow() throws {
        let text = Self.header + "p,1,s,u,-1,\np,2,s,u,2,\n"
        var reader = try CSVRecordReader(bytes: Array(text.utf8), name: "f.csv")
        var out: [UsageRecord] = []
        #expect(throws: RecordImportError.self) { _ = try reader.nextBatch(into: &out, maxCount: 10) }
        _ = try reader.nextBatch(into: &out, maxCount: 10)
        #expect(out.map(\.ts) == [2])
    }

    @Test func recordTooLong() {
        let text = Self.header + "p,\"" + String(repeating: "x", count: 5000)
        let e = RecordSamples.csvError(text, options: .init(blockSize: 64, maxRecordBytes: 1000))
        #expect(e?.kind == .recordTooLong)
        #expect(e?.line == 2)
    }

    /// Skipping bad lines, a record too long to hold is one of them: logged with its line,
    /// and reading goes on from the next line, whatever the block size (it once threw on
    /// every call without moving, found by the csv fuzz target: FuzzRegressions/csv).
    @Test(arguments: [7, 64, 500])
    func recordTooLongIsSkippedWithItsLine(blockSize: Int) throws {
        for long in ["p,2,s,u,2," + String(repeating: "x", count: 3000), "\"p" + String(repeating: "y\n", count: 1500)] {
            let text = Self.header + "p,1,s,u,1,\n" + long + "\np,3,s,u,3,\n"
            var reader = try CSVRecordReader(bytes: Array(text.utf8), name: "f.csv",
                                             options: .init(skipBadLines: true, blockSize: blockSize, maxRecordBytes: 1000))
            var out: [UsageRecord] = []
            for _ in 0..<10_000 where try reader.nextBatch(into: &out, maxCount: 100) > 0 {}
            #expect(out.first?.ts == 1)
            #expect(reader.skippedErrors.first?.kind == .recordTooLong)
            #expect(reader.skippedErrors.first?.line == 3)
            if !long.hasPrefix("\"") { #expect(out.map(\.ts) == [1, 3]) }
        }
    }

    /// Every block size, every batch size: the same records as reading in one piece.
    @Test func blockBoundaries() throws {
        let text = "\u{FEFF}project_id,ts,service,unit,quantity,run_id\r\n\"a,\"\"b\"\"\",1,s,u,1,\"x\r\ny\"\r\n\r\nééé,2,s,u,2.5,\"\"\"\"\np,3,s,u,3,\"\"\n,,,,,,\n"
        let e = RecordSamples.csvError(text)
        #expect(e?.line == 7)
        let good = String(text.dropLast(7))
        let expected = try RecordSamples.readCSV(good, options: .init(blockSize: 1 << 20))
        #expect(expected.count == 3)
        for block in 1...good.utf8.count + 1 {
            #expect(try RecordSamples.readCSV(good, options: .init(blockSize: block), batch: block % 3 + 1) == expected, "block \(block)")
            #expect(RecordSamples.csvError(text, options: .init(blockSize: block))?.line == 7, "block \(block)")
        }
    }

    @Test func readsFromFileDescriptorWithSniffedPrefix() throws {
        let bytes = Array((Self.header + "p,1,s,u,1,\np,2,s,u,2,0.5\n").utf8)
        let prefix = Array(bytes.prefix(10))
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        _ = bytes.dropFirst(10).withUnsafeBytes { write(fds[1], $0.baseAddress!, $0.count) }
        close(fds[1])
        #expect(RecordFileFormat.sniff(prefix) == .csv)
        var reader = try CSVRecordReader(fileDescriptor: fds[0], name: "<stdin>", initialBytes: prefix, closeWhenDone: true)
        var out: [UsageRecord] = []
        while try reader.nextBatch(into: &out, maxCount: 1) > 0 {}
        #expect(out.map(\.costNanos) == [nil, 500_000_000])
    }

    @Test func missingFileNamesTheFile() {
        do throws(RecordImportError) {
            _ = try CSVRecordReader(path: "/nonexistent/usage.csv")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "/nonexistent/usage.csv")
            #expect(error.kind == .io(errno: ENOENT))
        }
    }
}
