import Foundation
import Testing
import TallyTestSupport
@testable import TallyIngest
import Tally

/// A file whose lines belong to more than one format (`cat claude.jsonl codex.jsonl`,
/// two streams interleaved, usage records beside a stream) is refused, naming the line
/// where the format changes and both formats: each parser reads only its own runtime's
/// lines, so importing such a file as one format would drop the other's usage unseen.
@Suite struct MixedFormatImportTests {
    /// The fixture's lines, without the trailing newline (claude-session's last line has none).
    static func lines(_ format: StreamFormat) throws -> [String] {
        let text = String(decoding: try StreamFixtures.bytes(for: format), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    static let pairs: [(StreamFormat, StreamFormat)] = StreamFormat.allCases.flatMap { a in
        StreamFormat.allCases.filter { $0 != a }.map { (a, $0) }
    }

    /// Imports `lines` with `--format auto` and returns the error it must fail with.
    static func refusal(_ lines: [String], format: ImportFormat = .auto, skipBadLines: Bool = false) throws -> ImportError? {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.path + "/mix.jsonl"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))
        let store = try Store.openPriced(at: dir.path + "/s")
        defer { try? store.close() }
        var options = Importer.Options()
        options.format = format
        options.skipBadLines = skipBadLines
        options.attribution = StreamAttribution(projectId: "p", defaultModel: "gpt-5.4", defaultTimestampMs: ImporterTests.jan1)
        do {
            let summary = try Importer(store: store).importFile(file, options: options)
            Issue.record("imported \(summary.rowsImported) rows as \(summary.format.rawValue) instead of refusing the file")
            return nil
        } catch let error as ImportError {
            #expect(store.snapshot().rowCount == 0)
            return error
        }
    }

    static func expectChange(_ error: ImportError?, line: Int, from: String, to: String) {
        guard case let .mixedFormats(_, l, f, t) = error else {
            Issue.record("expected a mixed-format refusal, got \(String(describing: error))")
            return
        }
        #expect(l == line)
        #expect(f == from)
        #expect(t == to)
        #expect("\(error!)".contains(":\(line): the file changes format here, from \(from) to \(to)"))
    }

    @Test(arguments: pairs)
    func concatenatedStreamsAreRefusedAtTheSecondStreamsFirstLine(a: StreamFormat, b: StreamFormat) throws {
        let first = try Self.lines(a)
        let error = try Self.refusal(first + Self.lines(b))
        Self.expectChange(error, line: first.count + 1, from: a.rawValue, to: b.rawValue)
    }

    @Test(arguments: pairs)
    func interleavedStreamsAreRefusedAtTheirSecondLine(a: StreamFormat, b: StreamFormat) throws {
        let (x, y) = (try Self.lines(a), try Self.lines(b))
        var mixed = [String]()
        for i in 0..<max(x.count, y.count) {
            if i < x.count { mixed.append(x[i]) }
            if i < y.count { mixed.append(y[i]) }
        }
        Self.expectChange(try Self.refusal(mixed), line: 2, from: a.rawValue, to: b.rawValue)
    }

    /// `--skip-bad-lines` does not make the other format's lines "bad": they are usage.
    @Test func skippingBadLinesDoesNotDropTheOtherStream() throws {
        let first = try Self.lines(.claudeStreamJSON)
        let error = try Self.refusal(first + Self.lines(.codexExec), skipBadLines: true)
        Self.expectChange(error, line: first.count + 1, from: "claude-stream-json", to: "codex-exec")
    }

    /// A format forced with `--format` that no line is in is refused too.
    @Test func aForcedFormatThatNoLineIsInIsRefused() throws {
        let error = try Self.refusal(try Self.lines(.claudeStreamJSON), format: .codexExec)
        Self.expectChange(error, line: 1, from: "codex-exec", to: "claude-stream-json")
    }

    static let jsonlRecord = #"{"project_id":"p","ts":1767225600000,"service":"anthropic","unit":"input_tokens","quantity":5}"#
    static let csvHeader = "project_id,ts,service,unit,quantity"
    static let csvRow = "p,1767225600000,anthropic,input_tokens,5"

    @Test(arguments: StreamFormat.allCases)
    func aStreamWithUsageRecordsAppendedIsRefused(format: StreamFormat) throws {
        let stream = try Self.lines(format)
        Self.expectChange(try Self.refusal(stream + [Self.jsonlRecord, Self.jsonlRecord]),
                          line: stream.count + 1, from: format.rawValue, to: "jsonl")
        Self.expectChange(try Self.refusal(stream + [Self.csvHeader, Self.csvRow]),
                          line: stream.count + 1, from: format.rawValue, to: "csv")
    }

    @Test(arguments: StreamFormat.allCases)
    func usageRecordsWithAStreamAppendedAreRefused(format: StreamFormat) throws {
        let stream = try Self.lines(format)
        Self.expectChange(try Self.refusal([Self.jsonlRecord, Self.jsonlRecord] + stream), line: 3, from: "jsonl", to: format.rawValue)
        Self.expectChange(try Self.refusal([Self.csvHeader, Self.csvRow] + stream), line: 3, from: "csv", to: format.rawValue)
    }
}
