import Foundation
import Testing
import TallyTestSupport
@testable import TallyIngest
import Tally

/// Idempotent import by request identity (issue #19, item 2): following the tool's own
/// advice (re-import a stream once its writer finished; re-import a CSV once its bad
/// lines are fixed) stores each message and row once.
@Suite struct RequestIdempotencyTests {
    static func importer(_ dir: TemporaryDirectory) throws -> (Store, Importer) {
        let store = try Store.openPriced(at: dir.path + "/s")
        return (store, Importer(store: store))
    }

    static func streamOptions() -> Importer.Options {
        var options = Importer.Options()
        options.attribution = StreamAttribution(projectId: "acme", runId: "run-1", defaultModel: "gpt-5.4", defaultTimestampMs: ImporterTests.jan1)
        return options
    }

    /// Token quantity per unit and cost per service of what the store holds.
    static func totals(_ store: Store) throws -> [String: Int128] {
        var out = [String: Int128]()
        for r in try ImporterTests.records(store) {
            out["tokens " + r.unit, default: 0] += Int128(r.quantity)
            out["cost " + r.service, default: 0] += Int128(r.costNanos ?? 0)
        }
        return out
    }

    /// Writes the first `fraction` of a fixture (cut inside a line: the import warns the
    /// last line is truncated) to `path`, imports it, then the whole file to the same path.
    static func importTruncatedThenWhole(_ fixture: String, fraction: Double, dir: TemporaryDirectory) throws -> (Store, ImportSummary, ImportSummary) {
        let (store, importer) = try importer(dir)
        let bytes = try StreamFixtures.bytes(fixture)
        var cut = Int(Double(bytes.count) * fraction)
        while bytes[cut - 1] == 0x0A { cut -= 1 }  // inside a line, not after one
        let path = dir.path + "/" + fixture
        try Data(bytes[0..<cut]).write(to: URL(fileURLWithPath: path))
        let first = try importer.importFile(path, options: streamOptions())
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let second = try importer.importFile(path, options: streamOptions())
        return (store, first, second)
    }

    /// The issue's probe: Pi's Anthropic cost was 0.1337712 USD (every message of the
    /// first import twice) instead of 0.0668856; 1-hour cache writes 12,288 instead of 6,144.
    @Test func piImportedTruncatedThenWholeHasTheFixtureTotals() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, first, second) = try Self.importTruncatedThenWhole("pi-session.jsonl", fraction: 0.9, dir: dir)
        #expect(first.warnings.contains { $0.contains("incomplete") && $0.contains("Re-import") })
        #expect(first.rowsImported > 0)
        #expect(second.rowsAlreadyStored == first.rowsImported)
        let t = try Self.totals(store)
        #expect(t["cost anthropic"] == 66_885_600)
        #expect(t["tokens cache_creation_1h_tokens"] == 6_144)
        #expect([t["tokens input_tokens"], t["tokens cache_creation_5m_tokens"], t["tokens cache_read_tokens"],
                 t["tokens output_tokens"], t["tokens reasoning_tokens"]] == [4355, 5272, 12816, 1878 - 832, 832])
    }

    /// Claude's transcript repeats a message's usage once per content block, the first
    /// copy with a placeholder output count: a file cut between the copies stored the
    /// placeholder (9 output tokens), and the whole file stores only the growth (232).
    @Test(arguments: [0.35, 0.5, 0.75, 0.95])
    func claudeSessionImportedTruncatedThenWholeHasTheFixtureTotals(fraction: Double) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, _, _) = try Self.importTruncatedThenWhole("claude-session.jsonl", fraction: fraction, dir: dir)
        let t = try Self.totals(store)
        #expect([t["tokens input_tokens"], t["tokens cache_creation_5m_tokens"], t["tokens cache_creation_1h_tokens"],
                 t["tokens cache_read_tokens"], t["tokens output_tokens"]] == [1832, 6753, 12800, 33900, 871])
        #expect(t["cost anthropic"] == 126_254_750)
    }

    @Test func codexImportedTruncatedThenWholeHasTheFixtureTotals() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, _, second) = try Self.importTruncatedThenWhole("codex-exec.jsonl", fraction: 0.6, dir: dir)
        #expect(second.rowsAlreadyStored > 0)
        let t = try Self.totals(store)
        #expect([t["tokens input_tokens"], t["tokens cache_read_tokens"], t["tokens output_tokens"], t["tokens reasoning_tokens"]]
                == [10525, 84608, 3344 - 2112, 2112])
    }

    static let csvHeader = "project_id,ts,service,unit,quantity,model_id,request_id\n"
    static let csvRows = [
        "acme,2026-01-01T00:00:00Z,anthropic,input_tokens,1000,claude-sonnet-4-6,req-1\n",
        "acme,2026-01-01T00:00:00Z,anthropic,output_tokens,200,claude-sonnet-4-6,req-1\n",
        "acme,2026-01-01T00:05:00Z,anthropic,input_tokens,3000,claude-sonnet-4-6,req-2\n",
    ]

    /// The issue's probe: a CSV imported with `--skip-bad-lines`, then fixed and imported
    /// again, stored 5 rows instead of 3.
    @Test func aCSVImportedAgainOnceFixedStoresThreeRows() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, importer) = try Self.importer(dir)
        let path = dir.path + "/usage.csv"
        let broken = Self.csvRows[0] + Self.csvRows[1] + Self.csvRows[2].replacingOccurrences(of: ",3000,", with: ",3k,")
        try ImporterTests.write(Self.csvHeader + broken, to: path)
        var options = Importer.Options()
        options.skipBadLines = true
        let first = try importer.importFile(path, options: options)
        #expect(first.rowsImported == 2)
        #expect(first.rowsSkipped == 1)
        try ImporterTests.write(Self.csvHeader + Self.csvRows.joined(), to: path)
        let second = try importer.importFile(path)
        #expect(second.rowsImported == 1)
        #expect(second.rowsAlreadyStored == 2)
        #expect(store.snapshot().rowCount == 3)
        let ids = try ImporterTests.records(store).map { $0.requestId ?? "-" }.sorted()
        #expect(ids == ["req-1", "req-1", "req-2"])
    }

    /// Rows without a request id are never deduplicated: a CSV without the column
    /// behaves as before it existed (a changed file's rows are stored again).
    @Test func aCSVWithoutRequestIdsIsNeverDeduplicated() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, importer) = try Self.importer(dir)
        let path = dir.path + "/usage.csv"
        let lines = Self.csvRows.map { $0.replacingOccurrences(of: #",req-\d\n"#, with: "\n", options: .regularExpression) }
        try ImporterTests.write(ImporterTests.header.replacingOccurrences(of: ",cost_usd", with: "") + lines[0] + lines[1], to: path)
        _ = try importer.importFile(path)
        try ImporterTests.write(ImporterTests.header.replacingOccurrences(of: ",cost_usd", with: "") + lines.joined(), to: path)
        let second = try importer.importFile(path)
        #expect(second.rowsAlreadyStored == 0)
        #expect(store.snapshot().rowCount == 5)
    }

    /// JSONL takes `request_id` as a field; an export writes it back, so an exported file
    /// imported again into its store stores nothing twice.
    @Test func jsonlRequestIdsRoundTripThroughExportAndDeduplicate() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, importer) = try Self.importer(dir)
        let path = dir.path + "/usage.jsonl"
        try ImporterTests.write("""
            {"project_id":"acme","ts":1767225600000,"service":"anthropic","unit":"input_tokens","quantity":5,"request_id":"msg_1"}
            {"project_id":"acme","ts":1767225600000,"service":"anthropic","unit":"input_tokens","quantity":7}

            """, to: path)
        _ = try importer.importFile(path)
        var writer = JSONLRecordWriter()
        try writer.write(contentsOf: try ImporterTests.records(store))
        let exported = writer.takeBytes()
        #expect(String(decoding: exported, as: UTF8.self).contains(#""request_id":"msg_1""#))
        let out = dir.path + "/export.jsonl"
        try Data(exported).write(to: URL(fileURLWithPath: out))
        let again = try importer.importFile(out)
        #expect(again.rowsAlreadyStored == 1)
        #expect(again.rowsImported == 1)  // the row without an id, as before
    }
}
