import Testing
@testable import TallyIngest
import Tally

@Suite struct ClaudeSessionParserTests {
    static let sonnet = "claude-sonnet-4-5-20250929"
    static let haiku = "claude-haiku-4-5-20251001"

    @Test func fixtureTotalsMatchExpected() throws {
        let r = try StreamFixtures.parse(.claudeSession)
        #expect(r.linesRead == 13)
        #expect(r.total("input_tokens") == 1832)
        #expect(r.total("cache_creation_5m_tokens") == 6753)
        #expect(r.total("cache_creation_1h_tokens") == 12800)
        #expect(r.total("cache_read_tokens") == 33900)
        #expect(r.total("output_tokens") == 871)
        #expect(!r.hasRows("reasoning_tokens"))
        #expect(r.usageEvents == 4)
        #expect(r.reportedCostNanos == nil)
        #expect(r.sessionId == "e4a1f7c2-9b3d-4d5e-8f60-7a2b1c3d9e8f")
        #expect(r.modelIds == [Self.sonnet, Self.haiku])
        #expect(r.records.allSatisfy { $0.service == "anthropic" && $0.captureSource == "claude-session" })
    }

    @Test func fixtureTotalsPerModel() throws {
        let r = try StreamFixtures.parse(.claudeSession)
        #expect(r.total("input_tokens", model: Self.sonnet) == 12)
        #expect(r.total("cache_creation_5m_tokens", model: Self.sonnet) == 6753)
        #expect(r.total("cache_creation_1h_tokens", model: Self.sonnet) == 12800)
        #expect(r.total("cache_read_tokens", model: Self.sonnet) == 33900)
        #expect(r.total("output_tokens", model: Self.sonnet) == 775)
        #expect(r.total("input_tokens", model: Self.haiku) == 1820)
        #expect(r.total("output_tokens", model: Self.haiku) == 96)
        #expect(r.total("cache_read_tokens", model: Self.haiku) == 0)
    }

    @Test func fixtureTotalsPerUTCDay() throws {
        let r = try StreamFixtures.parse(.claudeSession)
        let d1 = "2026-03-02", d2 = "2026-03-03"
        #expect(r.total("input_tokens", day: d1) == 8)
        #expect(r.total("cache_creation_5m_tokens", day: d1) == 4710)
        #expect(r.total("cache_creation_1h_tokens", day: d1) == 12800)
        #expect(r.total("cache_read_tokens", day: d1) == 16390)
        #expect(r.total("output_tokens", day: d1) == 419)
        #expect(r.total("input_tokens", day: d2) == 1824)
        #expect(r.total("cache_creation_5m_tokens", day: d2) == 2043)
        #expect(r.total("cache_creation_1h_tokens", day: d2) == 0)
        #expect(r.total("cache_read_tokens", day: d2) == 17510)
        #expect(r.total("output_tokens", day: d2) == 452)
        // Los Angeles is UTC−8 on these dates: every call is on March 2nd there.
        let la = r.records.map { CivilDate.isoString(forDayNumber: CivilDate.dayNumber(forMilliseconds: $0.ts - 8 * 3_600_000)) }
        #expect(Set(la) == ["2026-03-02"])
        let tokyo = r.records.map { CivilDate.isoString(forDayNumber: CivilDate.dayNumber(forMilliseconds: $0.ts + 9 * 3_600_000)) }
        #expect(Set(tokyo) == ["2026-03-03"])
    }

    @Test func truncatedLastLineIsAWarningAndContributesNothing() throws {
        let r = try StreamFixtures.parse(.claudeSession)
        #expect(r.problems.count == 1)
        let p = try #require(r.problems.first)
        #expect(p.line == 13)
        #expect(p.severity == .warning)
        guard case .truncatedLastLine = p.kind else { Issue.record("expected a truncation, got \(p)"); return }
        #expect(!r.hasErrors)
        #expect(p.description.contains("line 13"))
        // Its message id must not appear: none of its numbers (input 5, write 940) are used.
        #expect(r.total("cache_creation_5m_tokens") == 6753)
    }

    @Test func sidechainReplayLosesToTheParentEvenWhenLarger() {
        let parent = #"{"type":"assistant","isSidechain":false,"requestId":"r1","timestamp":"2026-03-02T10:00:00Z","message":{"id":"m1","model":"claude-x","usage":{"input_tokens":5,"output_tokens":100}}}"#
        let replay = #"{"type":"assistant","isSidechain":true,"requestId":"r1","timestamp":"2026-03-02T10:00:01Z","message":{"id":"m1","model":"claude-x","usage":{"input_tokens":5,"output_tokens":900}}}"#
        for text in [parent + "\n" + replay, replay + "\n" + parent] {
            let r = StreamFixtures.parse(text: text, format: .claudeSession)
            #expect(r.total("output_tokens") == 100)
            #expect(r.usageEvents == 1)
            #expect(r.duplicatesDropped == 1)
        }
    }

    @Test func missingRequestIdDedupsOnMessageIdAndSyntheticIsSkipped() {
        let a = #"{"type":"assistant","timestamp":"2026-03-02T10:00:00Z","message":{"id":"m1","model":"glm-4.6","usage":{"input_tokens":5,"output_tokens":2}}}"#
        let b = #"{"type":"assistant","timestamp":"2026-03-02T10:00:02Z","message":{"id":"m1","model":"glm-4.6","usage":{"input_tokens":5,"output_tokens":50}}}"#
        let synthetic = #"{"type":"assistant","isApiErrorMessage":true,"timestamp":"2026-03-02T10:00:03Z","message":{"id":"x","model":"<synthetic>","usage":{"input_tokens":0,"output_tokens":0}}}"#
        let r = StreamFixtures.parse(text: [a, b, synthetic].joined(separator: "\n"), format: .claudeSession)
        #expect(r.total("output_tokens") == 50)
        #expect(r.usageEvents == 1)
        #expect(!r.modelIds.contains("<synthetic>"))
        // The kept entry's own timestamp is used.
        #expect(r.records.allSatisfy { $0.ts == RFC3339Timestamp.milliseconds("2026-03-02T10:00:02Z") })
        // Service stays anthropic: Claude Code talks the Anthropic API even through gateways.
        #expect(r.records.allSatisfy { $0.service == "anthropic" })
    }

    @Test func costUSDOfKeptEntriesIsReported() {
        let text = """
        {"type":"assistant","requestId":"r","timestamp":"2026-03-02T10:00:00Z","costUSD":0.001,"message":{"id":"m","usage":{"output_tokens":1}}}
        {"type":"assistant","requestId":"r","timestamp":"2026-03-02T10:00:00Z","costUSD":0.0123456789,"message":{"id":"m","usage":{"output_tokens":2}}}
        """
        let r = StreamFixtures.parse(text: text, format: .claudeSession)
        #expect(r.reportedCostNanos == 12_345_679)
    }
}
