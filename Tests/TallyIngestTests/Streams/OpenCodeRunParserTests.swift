import Testing
@testable import TallyIngest
import Tally

@Suite struct OpenCodeRunParserTests {
    @Test func fixtureTotalsMatchExpected() throws {
        let r = try StreamFixtures.parse(.opencodeRun, defaultModel: "openai/gpt-5.1")
        #expect(r.problems.isEmpty)
        #expect(r.linesRead == 12)
        #expect(r.total("input_tokens") == 15220)
        #expect(r.total("cache_read_tokens") == 24832)
        #expect(r.total("output_tokens") + r.total("reasoning_tokens") == 1941)
        #expect(r.total("reasoning_tokens") == 960)
        #expect(r.total("cache_creation_5m_tokens") == 0)
        #expect(!r.hasRows("cache_creation_1h_tokens"))
        #expect(r.usageEvents == 3)
        #expect(r.duplicatesDropped == 1)
        #expect(r.reportedCostNanos == 41_539_000)
        #expect(r.sessionId == "ses_3b11bfdcdffeITCXse4fCuIRnU")
        #expect(r.modelIds == ["openai/gpt-5.1"])
        #expect(r.records.allSatisfy { $0.service == "openai" && $0.toolId == "opencode" && $0.captureSource == "opencode-run" })
    }

    @Test func timestampsComeFromTheEnvelope() throws {
        let r = try StreamFixtures.parse(.opencodeRun, defaultModel: "openai/gpt-5.1")
        let lo = try #require(RFC3339Timestamp.milliseconds("2026-03-02T23:52:21Z"))
        let hi = try #require(RFC3339Timestamp.milliseconds("2026-03-02T23:52:33.700Z"))
        #expect(r.records.allSatisfy { (lo...hi).contains($0.ts) })
        #expect(Set(r.records.map { CivilDate.isoString(forDayNumber: $0.day) }) == ["2026-03-02"])
    }

    @Test func serviceFollowsTheProviderPrefix() throws {
        let routed = try StreamFixtures.parse(.opencodeRun, defaultModel: "openrouter/anthropic/claude-sonnet-4.5")
        #expect(routed.records.allSatisfy { $0.service == "openrouter" && $0.modelId == "openrouter/anthropic/claude-sonnet-4.5" })
        let bare = try StreamFixtures.parse(.opencodeRun, defaultModel: "gpt-5.1")
        #expect(bare.records.allSatisfy { $0.service == "openai" })
        let unknown = try StreamFixtures.parse(.opencodeRun)
        #expect(unknown.records.allSatisfy { $0.service == "unknown" && $0.modelId == nil })
        #expect(unknown.problems.count == 1)
        #expect(unknown.problems.first?.severity == .warning)
    }

    @Test func malformedMiddleLineIsAnErrorAndTheRestStillCounts() throws {
        var lines = String(decoding: try StreamFixtures.bytes(for: .opencodeRun), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert(#"{"type":"step_finish","part":{"id":"x","tokens":{"input":99999"#, at: 2)
        let r = StreamFixtures.parse(text: lines.joined(separator: "\n"), format: .opencodeRun,
                                     attribution: StreamFixtures.attribution(defaultModel: "openai/gpt-5.1"))
        #expect(r.total("input_tokens") == 15220)
        #expect(r.problems.count == 1)
        let p = try #require(r.problems.first)
        #expect(p.line == 3)
        #expect(p.severity == .error)
        guard case .malformedLine = p.kind else { Issue.record("expected malformedLine, got \(p)"); return }
    }

    @Test func invalidFieldIsReportedByPath() throws {
        let text = #"{"type":"step_finish","timestamp":1772495541900,"part":{"id":"p1","cost":0.5,"tokens":{"input":"12","output":3}}}"#
        let r = StreamFixtures.parse(text: text, format: .opencodeRun,
                                     attribution: StreamFixtures.attribution(defaultModel: "openai/gpt-5.1"))
        #expect(!r.hasRows("input_tokens"))
        #expect(r.total("output_tokens") == 3)
        #expect(r.reportedCostNanos == 500_000_000)
        #expect(r.problems.map(\.kind) == [.invalidField(path: "part.tokens.input", reason: "is a string, not a number")])
    }
}
