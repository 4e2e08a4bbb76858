import Testing
@testable import TallyIngest
import Tally

@Suite struct JSONLRecordReaderTests {
    @Test func readsObjectsWithAnyKeyOrder() throws {
        let text = """
            {"project_id":"p","ts":1790812800000,"service":"anthropic","unit":"input_tokens","quantity":12,"cost_usd":0.138028950}
            {"quantity":"3.5","unit":"u","service":"s","project_id":"q","date":"2026-10-01","cost_usd":"1e-9","step_index":2,"model_id":null}

              {"project_id":42,"ts":"2026-10-01T12:00:00+02:00","service":"s","unit":"u","quantity":0,"run_id":""}\r
            """
        let r = try RecordSamples.readJSONL(text)
        #expect(r == [
            UsageRecord(projectId: "p", ts: 1_790_812_800_000, service: "anthropic", unit: "input_tokens", quantity: 12, costNanos: 138_028_950),
            UsageRecord(projectId: "q", ts: 1_790_812_800_000, service: "s", unit: "u", quantity: 3.5, costNanos: 1, stepIndex: 2),
            UsageRecord(projectId: "42", ts: 1_790_848_800_000, service: "s", unit: "u", quantity: 0),
        ])
    }

    /// Skipping bad lines, a line too long to hold is skipped and reading goes on from the
    /// next one (it once threw on every call without moving: FuzzRegressions/jsonl).
    @Test(arguments: [7, 64, 500])
    func lineTooLongIsSkipped(blockSize: Int) throws {
        let good = #"{"project_id":"p","ts":1,"service":"s","unit":"u","quantity":1}"#
        let text = good + "\n" + #"{"project_id":""# + String(repeating: "x", count: 3000) + "\"}\n" + good.replacingOccurrences(of: "\"ts\":1", with: "\"ts\":3") + "\n"
        var reader = JSONLRecordReader(bytes: Array(text.utf8), name: "f.jsonl", options: .init(skipBadLines: true, blockSize: blockSize, maxRecordBytes: 1000))
        var out: [UsageRecord] = []
        for _ in 0..<10_000 where try reader.nextBatch(into: &out, maxCount: 100) > 0 {}
        #expect(out.map(\.ts) == [1, 3])
        #expect(reader.skippedErrors.map(\.kind) == [.recordTooLong])
        #expect(reader.skippedErrors.first?.line == 2)
    }

    @Test func costIsParsedFromTheNumberText() throws {
        // 0.1 + 0.2 in Double is not 0.3; the text is.
        let r = try RecordSamples.readJSONL(#"{"project_id":"p","ts":1,"service":"s","unit":"u","quantity":1,"cost_usd":9223372036.854775807}"#)
        #expect(r.first?.costNanos == .max)
    }

    @Test func escapes() throws {
        let r = try RecordSamples.readJSONL(#"{"project_id":"a\"b\\c\/\n\t\u00e9\ud83e\uddea","ts":1,"service":"s","unit":"u","quantity":1}"#)
        #expect(r.first?.projectId == "a\"b\\c/\n\té🧪")
    }

    @Test(arguments: [
        (#"{"project_id":"p","ts":1,"service":"s","unit":"u","quantity":-3}"#, RecordImportError.Kind.negativeQuantity, "quantity", "-3"),
        (#"{"project_id":"p","ts":1,"service":"s","unit":"u"}"#, .missingRequiredField, "quantity", nil),
        (#"{"project_id":"","ts":1,"service":"s","unit":"u","quantity":1}"#, .missingRequiredField, "project_id", nil),
        (#"{"project_id":"p","ts":1,"service":"s","unit":"u","quantity":true}"#, .invalidJSON, "quantity", nil),
        (#"{"project_id":"p","ts":1,"service":"s","unit":"u","quantity":1,"run_id":{}}"#, .invalidJSON, "run_id", nil),
        (#"{"project_id":"p","ts":1,"service":"s","unit":"u","quantity":1,"projectid":"x"}"#, .unknownColumn, "projectid", nil),
        (#"{"project_id":"p","project_id":"q","ts":1,"service":"s","unit":"u","quantity":1}"#, .duplicateColumn, "project_id", nil),
        (#"{"project_id":"p","ts":1,"service":"s","unit":"u","quantity":1,"cost_usd":0.1234567891}"#, .tooManyFractionDigits, "cost_usd", "0.1234567891"),
        (#"{"project_id":"p","ts":"soon","service":"s","unit":"u","quantity":1}"#, .invalidTimestamp, "ts", "soon"),
        (#"{"project_id":"p\u0000","ts":1,"service":"s","unit":"u","quantity":1}"#, .nulCharacter, "project_id", #"p\0"#),
        (#"{"project_id":"p\ud800","ts":1,"service":"s","unit":"u","quantity":1}"#, .invalidJSON, nil, nil),
        (#"{"project_id":"p","ts":1,"service":"s","unit":"u","quantity":1"#, .invalidJSON, nil, nil),
        (#"{"project_id":"p","ts":1,"service":"s","unit":"u","quantity":1} x"#, .invalidJSON, nil, nil),
        (#"["p"]"#, .invalidJSON, nil, nil),
    ] as [(String, RecordImportError.Kind, String?, String?)])
    func errors(line: String, kind: RecordImportError.Kind, column: String?, value: String?) {
        let good = #"{"project_id":"p","ts":1,"service":"s","unit":"u","quantity":1}"#
        let e = RecordSamples.jsonlError(good + "\n\n" + line + "\n" + good)
        #expect(e?.kind == kind)
        #expect(e?.line == 3)
        #expect(e?.column == column)
        #expect(e?.value == value)
    }

    @Test func invalidUTF8() {
        var bytes = Array(#"{"project_id":"p","ts":1,"service":"s","unit":""#.utf8)
        bytes += [0xFF]
        bytes += Array(#"","quantity":1}"#.utf8)
        do throws(RecordImportError) {
            _ = try RecordSamples.readJSONL(bytes)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .invalidUTF8)
            #expect(error.column == "unit")
        }
    }

    @Test func unknownKeysCanBeIgnored() throws {
        let r = try RecordSamples.readJSONL(#"{"x":[1],"project_id":"p","ts":1,"service":"s","unit":"u","quantity":1,"y":"z"}"#,
                                            options: .init(ignoreUnknownColumns: true))
        #expect(r.count == 1)
    }

    @Test func skipBadLinesAndBlockBoundaries() throws {
        let good = #"{"project_id":"p","ts":1,"service":"s","unit":"u","quantity":1}"#
        let text = "\u{FEFF}" + good + "\r\n" + #"{"quantity":-1}"# + "\n" + good + "\n{\n" + good
        let bytes = Array(text.utf8)
        for block in 1...bytes.count + 1 {
            var reader = JSONLRecordReader(bytes: bytes, name: "x.jsonl", options: .init(skipBadLines: true, blockSize: block))
            var out: [UsageRecord] = []
            while try reader.nextBatch(into: &out, maxCount: 2) > 0 {}
            #expect(out.count == 3, "block \(block)")
            #expect(reader.skippedErrors.map(\.line) == [2, 4], "block \(block)")
        }
    }
}
