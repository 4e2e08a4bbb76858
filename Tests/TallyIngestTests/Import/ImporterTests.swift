import Foundation
import Testing
import TallyTestSupport
@testable import TallyIngest
import Tally

/// `Importer` against a real store: all-or-nothing files, skipped bad lines with their
/// places, deduplication, JSONL, the runtime streams, unpriced rows and re-pricing.
@Suite struct ImporterTests {
    static let header = "project_id,ts,service,unit,quantity,model_id,cost_usd\n"
    /// 2026-01-01T00:00:00Z.
    static let jan1: Int64 = 1_767_225_600_000

    /// `rows` good CSV lines: 1M input tokens of claude-sonnet-4-6 each, one per hour.
    static func csvLines(_ rows: Int, project: String = "acme") -> String {
        var s = ""
        s.reserveCapacity(rows * 64)
        for i in 0..<rows {
            s += "\(project),\(jan1 + Int64(i) * 3_600_000),anthropic,input_tokens,1000000,claude-sonnet-4-6,\n"
        }
        return s
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func records(_ store: Store) throws -> [UsageRecord] {
        var out = [UsageRecord]()
        for p in store.snapshot().parts { try p.reader().readAllRecords { out.append($0) } }
        return out
    }

    @Test func aBadLastLineOfA50kRowFileStoresNothingAndIsLocated() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.openPriced(at: dir.path + "/s")
        let importer = Importer(store: store)
        let first = dir.path + "/first.csv"
        try Self.write(Self.header + Self.csvLines(10, project: "before"), to: first)
        _ = try importer.importFile(first)
        let file = dir.path + "/big.csv"
        try Self.write(Self.header + Self.csvLines(50_000) + "acme,\(Self.jan1),anthropic,input_tokens,-3,claude-sonnet-4-6,\n", to: file)
        do {
            _ = try importer.importFile(file)
            Issue.record("the bad line was accepted")
        } catch let ImportError.badRecord(e) {
            #expect(e.file == file)
            #expect(e.line == 50_002)
            #expect(e.column == "quantity")
            #expect(e.value == "-3")
            #expect("\(ImportError.badRecord(e))".contains("\(file):50002: field 'quantity': value '-3'"))
        }
        #expect(store.snapshot().rowCount == 10)
        #expect(!store.hasCommittedBatch(identity: try FileIdentity.of(path: file)))
        // Nothing of the failed file is left behind either: only the first file's part.
        let parts = try FileManager.default.subpathsOfDirectory(atPath: dir.path + "/s/data").filter { $0.hasSuffix(".tly") }
        #expect(parts.count == 1)
    }

    @Test func skipBadLinesImportsTheRestAndListsTheBadLines() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.openPriced(at: dir.path + "/s")
        let file = dir.path + "/mixed.csv"
        let bad = "acme,\(Self.jan1),anthropic,input_tokens,lots,claude-sonnet-4-6,\n"
        try Self.write(Self.header + Self.csvLines(100) + bad + Self.csvLines(50), to: file)
        var options = Importer.Options()
        options.skipBadLines = true
        let summary = try Importer(store: store).importFile(file, options: options)
        #expect(summary.rowsImported == 150)
        #expect(summary.rowsSkipped == 1)
        #expect(summary.skippedErrors.count == 1)
        #expect(summary.skippedErrors.first?.contains("\(file):102: field 'quantity': value 'lots'") == true)
        #expect(store.snapshot().rowCount == 150)
    }

    @Test func aRecordBreakingTheSchemaIsReportedWithLineColumnAndValue() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.openPriced(at: dir.path + "/s")
        let file = dir.path + "/snake.csv"
        // A quoted field with two line breaks makes record 3 span lines 4-6.
        let multiLine = "acme,\(Self.jan1),anthropic,input_tokens,5,\"claude-\nsonnet-\n4-6\",\n"
        let badService = "acme,\(Self.jan1),Not Snake,input_tokens,5,claude-sonnet-4-6,\n"
        try Self.write(Self.header + Self.csvLines(2) + multiLine + "\n" + badService + Self.csvLines(3), to: file)
        do {
            _ = try Importer(store: store).importFile(file)
            Issue.record("'Not Snake' was accepted")
        } catch let error as ImportError {
            guard case let .invalidRecord(path, record, line, column, value, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == file)
            #expect(record == 4)
            #expect(line == 8)
            #expect(column == "service")
            #expect(value == "Not Snake")
            #expect("\(error)".hasPrefix("\(file):8: field 'service': value 'Not Snake'"))
        }
        #expect(store.snapshot().rowCount == 0)

        var options = Importer.Options()
        options.skipBadLines = true
        let summary = try Importer(store: store).importFile(file, options: options)
        #expect(summary.rowsImported == 6)
        #expect(summary.rowsSkipped == 1)
        #expect(summary.skippedErrors == ["\(file):8: field 'service': value 'Not Snake': service must be a non-empty lower_snake name such as 'anthropic'"])
    }

    @Test func theSameFileTwiceAndTheSameKeyAreSkipped() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.openPriced(at: dir.path + "/s")
        let importer = Importer(store: store)
        let a = dir.path + "/a.csv", b = dir.path + "/b.csv", copy = dir.path + "/copy-of-a.csv"
        try Self.write(Self.header + Self.csvLines(20), to: a)
        try Self.write(Self.header + Self.csvLines(20), to: copy)
        try Self.write(Self.header + Self.csvLines(7, project: "other"), to: b)
        #expect(try importer.importFile(a).duplicate == false)
        let again = try importer.importFile(copy)
        #expect(again.duplicate)
        #expect(again.rowsImported == 0)
        #expect(store.snapshot().rowCount == 20)
        var options = Importer.Options()
        options.allowDuplicate = true
        #expect(try importer.importFile(a, options: options).rowsImported == 20)
        #expect(store.snapshot().rowCount == 40)

        var keyed = Importer.Options()
        keyed.identity = "invoice-2026-01"
        #expect(try importer.importFile(b, options: keyed).rowsImported == 7)
        // Different content, same caller key: a repeat.
        let c = dir.path + "/c.csv"
        try Self.write(Self.header + Self.csvLines(3, project: "third"), to: c)
        #expect(try importer.importFile(c, options: keyed).duplicate)
        #expect(store.snapshot().rowCount == 47)
    }

    /// Stores written by builds before session 7 hold `file:` identities: a file imported
    /// by such a build is still a repeat, while a file of the same length with other
    /// bytes is not. (The older build's import is made here with its identity as key.)
    @Test func aFileImportedUnderAnOlderIdentityIsStillARepeat() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.openPriced(at: dir.path + "/s")
        let importer = Importer(store: store)
        let a = dir.path + "/a.csv", sameLength = dir.path + "/b.csv"
        try Self.write(Self.header + Self.csvLines(20), to: a)
        try Self.write(Self.header + Self.csvLines(20, project: "acmf"), to: sameLength)
        var older = Importer.Options()
        older.identity = try FileIdentity.legacy(path: a)
        #expect(older.identity!.hasPrefix("file:"))
        #expect(try importer.importFile(a, options: older).rowsImported == 20)

        let again = try importer.importFile(a)
        #expect(again.duplicate)
        #expect(again.identity == (try FileIdentity.of(path: a)))
        #expect(store.snapshot().rowCount == 20)
        let other = try importer.importFile(sameLength)
        #expect(!other.duplicate && other.rowsImported == 20)
        #expect(store.snapshot().rowCount == 40)
    }

    /// A file is fingerprinted while it is parsed: a repeat of a file that was imported
    /// skipping its bad lines is still reported as a repeat when imported strictly, not
    /// as the bad line that parsing it again meets, and nothing is added.
    @Test func aRepeatIsRecognisedEvenWhenParsingItAgainFails() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.openPriced(at: dir.path + "/s")
        let importer = Importer(store: store)
        let file = dir.path + "/bad.csv"
        try Self.write(Self.header + Self.csvLines(5) + "p1,1767225600000,Not Snake,input_tokens,1,,\n", to: file)
        var skipping = Importer.Options()
        skipping.skipBadLines = true
        let first = try importer.importFile(file, options: skipping)
        #expect(first.rowsImported == 5 && first.rowsSkipped == 1)
        let again = try importer.importFile(file)
        #expect(again.duplicate)
        #expect(again.rowsImported == 0)
        #expect(again.identity == first.identity)
        #expect(store.snapshot().rowCount == 5)
        // A file never imported still fails on its bad line.
        let other = dir.path + "/other.csv"
        try Self.write(Self.header + Self.csvLines(2, project: "other") + "p1,1767225600000,Not Snake,input_tokens,1,,\n", to: other)
        #expect(throws: ImportError.self) { try importer.importFile(other) }
        #expect(store.snapshot().rowCount == 5)
    }

    @Test func jsonlIsDetectedAndImported() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.openPriced(at: dir.path + "/s")
        let file = dir.path + "/usage.jsonl"
        try Self.write("""
            {"project_id":"acme","ts":"2026-01-01T10:00:00Z","service":"e2b","unit":"sandbox_seconds","quantity":3600,"cost_usd":"0.5"}
            {"project_id":"acme","ts":1767261600000,"service":"openai","unit":"output_tokens","quantity":2000000,"model_id":"gpt-5.4"}

            """, to: file)
        let summary = try Importer(store: store).importFile(file)
        #expect(summary.format == .jsonl)
        #expect(summary.rowsImported == 2)
        #expect(summary.costNanos == 500_000_000 + 30_000_000_000)
        let rows = try Self.records(store).sorted { $0.ts < $1.ts }
        #expect(rows.map(\.costSource) == [.given, .rateCard])
    }

    @Test func unpricedRowsAreCountedPerServiceUnitAndModel() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.openPriced(at: dir.path + "/s")
        let file = dir.path + "/mystery.csv"
        var text = Self.header + Self.csvLines(2)
        for _ in 0..<3 { text += "acme,\(Self.jan1),anthropic,input_tokens,10,claude-mystery-9,\n" }
        text += "acme,\(Self.jan1),anthropic,output_tokens,10,claude-mystery-9,\n"
        text += "acme,\(Self.jan1),modal,gpu_seconds,10,,\n"
        try Self.write(text, to: file)
        let summary = try Importer(store: store).importFile(file)
        #expect(summary.unpriced == [
            "anthropic / input_tokens / claude-mystery-9": 3,
            "anthropic / output_tokens / claude-mystery-9": 1,
            "modal / gpu_seconds / -": 1,
        ])
        #expect(summary.unpricedRows == 5)
        #expect(summary.costNanos == 6_000_000_000)
    }

    /// Every fixture stream, auto-detected, stores the token totals of EXPECTED.md (output
    /// stored without the reasoning share, which has rows of its own).
    @Test(arguments: [
        ("claude-stream-json.jsonl", ImportFormat.claudeStreamJSON, [11, 9517, 12800, 39074, 919, 0], 138_028_950 as Int64?),
        ("claude-session.jsonl", .claudeSession, [1832, 6753, 12800, 33900, 871, 0], nil),
        ("codex-exec.jsonl", .codexExec, [10525, 0, 0, 84608, 3344 - 2112, 2112], nil),
        ("opencode-run.jsonl", .opencodeRun, [15220, 0, 0, 24832, 981, 960], 41_539_000),
        ("pi-session.jsonl", .piSession, [4355, 5272, 6144, 12816, 1878 - 832, 832], 86_621_100),
    ])
    func fixtureStreamsStoreTheExpectedTotals(file: String, format: ImportFormat, totals: [Int], reported: Int64?) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.openPriced(at: dir.path + "/s")
        var options = Importer.Options()
        options.attribution = StreamAttribution(projectId: "acme", runId: "run-1", defaultModel: "gpt-5.4", defaultTimestampMs: Self.jan1)
        let summary = try Importer(store: store).importFile(StreamFixtures.directory.appendingPathComponent(file).path, options: options)
        #expect(summary.format == format)
        #expect(summary.rowsSkipped == 0)
        let rows = try Self.records(store)
        #expect(rows.allSatisfy { $0.projectId == "acme" && $0.runId == "run-1" })
        let units = ["input_tokens", "cache_creation_5m_tokens", "cache_creation_1h_tokens", "cache_read_tokens", "output_tokens", "reasoning_tokens"]
        let stored = units.map { u in Int(rows.filter { $0.unit == u }.reduce(0) { $0 + $1.quantity }) }
        #expect(stored == totals)
        #expect(summary.reportedCostNanos == reported.map { Int128($0) })
        #expect(summary.costNanos == rows.reduce(Int128(0)) { $0 + Int128($1.costNanos ?? 0) })
    }

    /// Claude stream-json: the rate card gives exactly the runtime's own total ($0.13802895).
    @Test func claudeStreamCostMatchesTheListPrices() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.openPriced(at: dir.path + "/s")
        var options = Importer.Options()
        options.attribution = StreamAttribution(projectId: "acme", defaultTimestampMs: Self.jan1)
        let summary = try Importer(store: store).importFile(StreamFixtures.directory.appendingPathComponent("claude-stream-json.jsonl").path, options: options)
        #expect(summary.costNanos == 138_028_950)
    }

    @Test func repriceChangesExactlyTheRangeAndNeverGivenCosts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.openPriced(at: dir.path + "/s")
        let file = dir.path + "/month.csv"
        // Ten days, 24 rows a day, every 5th row with its own cost; two projects.
        var text = Self.header
        for i in 0..<240 {
            let project = i % 2 == 0 ? "acme" : "globex"
            let cost = i % 5 == 0 ? "0.123456789" : ""
            text += "\(project),\(Self.jan1 + Int64(i) * 3_600_000),anthropic,input_tokens,1000000,claude-sonnet-4-6,\(cost)\n"
        }
        try Self.write(text, to: file)
        _ = try Importer(store: store).importFile(file)
        let before = try Self.records(store)

        var card = try store.rateCard()
        card.upsert(RateRow(service: "anthropic", rateType: "input_tokens", modelOrTier: "claude-sonnet-4-6", priceUnit: .per1MTokens,
                            costPerUnit: ExactDecimal("4")!, effectiveFrom: CivilDate.parseISODate("2026-01-01")!))
        try store.saveRateCard(card)
        let days = CivilDate.parseISODate("2026-01-03")!...CivilDate.parseISODate("2026-01-05")!
        let report = try store.reprice(days: days, project: "acme")

        let after = try Self.records(store)
        #expect(after.count == before.count)
        let key = { (r: UsageRecord) in "\(r.projectId) \(r.ts)" }
        let old = Dictionary(uniqueKeysWithValues: before.map { (key($0), $0) })
        var expectedChanged = 0
        for r in after {
            let o = old[key(r)]!
            let inRange = r.projectId == "acme" && days.contains(r.day)
            if o.costSource == .given {
                #expect(r == o)
            } else if inRange {
                #expect(r.costNanos == 4_000_000_000 && r.costSource == .rateCard)
                expectedChanged += 1
            } else {
                #expect(r == o)
            }
        }
        #expect(expectedChanged == 36 - 7)
        #expect(report.rowsChanged == expectedChanged)
        #expect(report.givenRowsKept == 7)
        #expect(report.costDeltaNanos == Int128(expectedChanged) * 1_000_000_000)
        #expect(store.verify().isEmpty)
        // Applying the same card again changes nothing and rewrites no part.
        let again = try store.reprice(days: days, project: "acme")
        #expect(again.rowsChanged == 0 && again.partsRewritten == 0)
    }

    @Test func aCardWithDuplicateRowsIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.openPriced(at: dir.path + "/s")
        var card = RateCard.reference
        card.rows.append(card.rows[0])
        #expect(throws: RateCardError.self) { try store.replaceRateCard(jsonBytes: card.jsonBytes()) }
        #expect(try store.rateCard() == .reference)
    }
}
