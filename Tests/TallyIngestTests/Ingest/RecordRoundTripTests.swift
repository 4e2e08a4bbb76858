#if canImport(Glibc)
import Glibc
#endif
import Testing
import TallyTestSupport
@testable import TallyIngest
import Tally

/// Writer -> reader gives back the same records, whatever the block size.
@Suite struct RecordRoundTripTests {
    static func records(seed: UInt64, count: Int) -> [UsageRecord] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in RecordSamples.record(&rng) }
    }

    @Test(arguments: [1, 2, 3, 7, 64, 1 << 20])
    func csvRoundTrip(blockSize: Int) throws {
        for seed in UInt64(1)...4 {
            let records = Self.records(seed: seed &* 31 &+ UInt64(blockSize), count: 150)
            var writer = CSVRecordWriter()
            try writer.write(contentsOf: records)
            let bytes = writer.takeBytes()
            let back = try RecordSamples.readCSV(bytes, options: .init(blockSize: blockSize), batch: Int(seed) * 5)
            #expect(back.count == records.count)
            for (a, b) in zip(records, back) where a != b {
                Issue.record("seed \(seed): \(a) became \(b)")
                break
            }
        }
    }

    @Test(arguments: [1, 2, 5, 64, 1 << 20])
    func jsonlRoundTrip(blockSize: Int) throws {
        for seed in UInt64(1)...4 {
            let records = Self.records(seed: seed &* 37 &+ UInt64(blockSize), count: 150)
            var writer = JSONLRecordWriter()
            try writer.write(contentsOf: records)
            let bytes = writer.takeBytes()
            let back = try RecordSamples.readJSONL(bytes, options: .init(blockSize: blockSize), batch: Int(seed) * 3)
            #expect(back.count == records.count)
            for (a, b) in zip(records, back) where a != b {
                Issue.record("seed \(seed): \(a) became \(b)")
                break
            }
        }
    }

    @Test func csvFormatting() throws {
        let r = UsageRecord(projectId: "p,1", ts: 1_790_000_000_000, service: "anthropic", unit: "input_tokens",
                            quantity: 1250, costNanos: 138_028_950, modelId: "say \"hi\"", stepIndex: 3)
        var w = CSVRecordWriter()
        try w.write(r)
        try w.write(UsageRecord(projectId: "q", ts: 0, service: "e2b", unit: "sandbox_seconds", quantity: 0.1, costNanos: -1, requestId: "msg_1"))
        let text = String(decoding: w.takeBytes(), as: UTF8.self)
        #expect(text == """
            project_id,ts,date,service,unit,quantity,cost_usd,run_id,sandbox_id,chain_id,issue_session_id,tool_id,model_id,step_type,step_index,user_id,persona_id,duration_ms,capture_source,parser_version,request_id
            "p,1",1790000000000,2026-09-21,anthropic,input_tokens,1250,0.138028950,,,,,,"say ""hi""\",,3,,,,,,
            q,0,1970-01-01,e2b,sandbox_seconds,0.1,-0.000000001,,,,,,,,,,,,,,msg_1

            """)
    }

    @Test func jsonlFormatting() throws {
        var w = JSONLRecordWriter()
        try w.write(UsageRecord(projectId: "p\n\"x\"\u{1}", ts: 1_790_000_000_000, service: "openai", unit: "output_tokens",
                                quantity: 2.5e300, costNanos: 5_000_000_000, durationMs: -7))
        let text = String(decoding: w.takeBytes(), as: UTF8.self)
        #expect(text == #"{"project_id":"p\n\"x\"\u0001","ts":1790000000000,"date":"2026-09-21","service":"openai","unit":"output_tokens","quantity":2.5e+300,"cost_usd":5.000000000,"run_id":null,"sandbox_id":null,"chain_id":null,"issue_session_id":null,"tool_id":null,"model_id":null,"step_type":null,"step_index":null,"user_id":null,"persona_id":null,"duration_ms":-7,"capture_source":null,"parser_version":null}"# + "\n")
    }

    @Test func writerToFileDescriptor() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/out.csv"
        let records = Self.records(seed: 99, count: 500)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        do {
            var w = CSVRecordWriter(fileDescriptor: fd, name: path, bufferSize: 100)
            try w.write(contentsOf: records)
            try w.flush()
        }
        close(fd)
        var reader = try CSVRecordReader(path: path, options: .init(blockSize: 333))
        var back: [UsageRecord] = []
        while try reader.nextBatch(into: &back, maxCount: 64) > 0 {}
        #expect(back == records)
        #expect(reader.bytesRead > 0)
    }

    @Test func writeFailureIsReportedByFlush() throws {
        let fd = open("/dev/null", O_RDONLY)
        defer { close(fd) }
        var w = JSONLRecordWriter(fileDescriptor: fd, name: "out.jsonl", bufferSize: 1 << 20)
        try w.write(UsageRecord(projectId: "p", ts: 0, service: "s", unit: "u", quantity: 1))
        do throws(RecordExportError) {
            try w.flush()
            Issue.record("expected an error")
        } catch {
            #expect(error.errno == EBADF)
            #expect(error.description.hasPrefix("out.jsonl: cannot be written"))
        }
    }

    @Test func jsonlFromFileDescriptorWithSniffedPrefix() throws {
        var w = JSONLRecordWriter()
        let records = Self.records(seed: 5, count: 50)
        try w.write(contentsOf: records)
        let bytes = w.takeBytes()
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/in.jsonl"
        let out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        _ = bytes.withUnsafeBytes { write(out, $0.baseAddress!, $0.count) }
        close(out)
        let fd = open(path, O_RDONLY)
        var prefix = [UInt8](repeating: 0, count: 16)
        #expect(read(fd, &prefix, 16) == 16)
        #expect(RecordFileFormat.sniff(prefix) == .jsonl)
        var reader = JSONLRecordReader(fileDescriptor: fd, name: "in.jsonl", initialBytes: prefix, closeWhenDone: true,
                                       options: .init(blockSize: 100))
        var back: [UsageRecord] = []
        while try reader.nextBatch(into: &back, maxCount: 9) > 0 {}
        #expect(back == records)
        #expect(reader.bytesRead == Int64(bytes.count))
    }
}
