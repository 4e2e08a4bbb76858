import Testing
@testable import TallyIngest
import Tally

@Suite struct ClaudeStreamJSONParserTests {
    @Test func fixtureTotalsMatchExpected() throws {
        let r = try StreamFixtures.parse(.claudeStreamJSON)
        #expect(r.problems.isEmpty)
        #expect(r.linesRead == 10)
        #expect(r.total("input_tokens") == 11)
        #expect(r.total("cache_creation_5m_tokens") == 9517)
        #expect(r.total("cache_creation_1h_tokens") == 12800)
        #expect(r.total("cache_read_tokens") == 39074)
        #expect(r.total("output_tokens") == 919)
        #expect(!r.hasRows("reasoning_tokens"))
        #expect(r.usageEvents == 3)
        #expect(r.duplicatesDropped == 2)
        #expect(r.reportedCostNanos == 138_028_950)
        #expect(r.sessionId == "5b0c9e2a-7d41-4c7e-9a3f-2e8d1c6b4f90")
        #expect(r.modelIds == ["claude-sonnet-4-5-20250929"])
    }

    @Test func recordsCarryAttributionAndProvenance() throws {
        let r = try StreamFixtures.parse(.claudeStreamJSON)
        #expect(!r.records.isEmpty)
        for rec in r.records {
            #expect(rec.projectId == "acme")
            #expect(rec.runId == "run-7")
            #expect(rec.stepType == "designer")
            #expect(rec.stepIndex == 2)
            #expect(rec.service == "anthropic")
            #expect(rec.toolId == "claude")
            #expect(rec.captureSource == "claude-stream-json")
            #expect(rec.parserVersion == 1)
            #expect(rec.costNanos == nil)
            #expect(rec.costSource == .unpriced)
            // The stream has no timestamps: the capture time is used.
            #expect(rec.ts == StreamFixtures.captureTime)
            #expect(rec.quantity > 0)
        }
    }

    @Test func disagreeingFramesKeepTheLargestOutput() {
        let text = """
        {"type":"assistant","message":{"id":"m1","model":"claude-x","usage":{"input_tokens":3,"output_tokens":9}},"session_id":"s"}
        {"type":"assistant","message":{"id":"m1","model":"claude-x","usage":{"input_tokens":3,"output_tokens":241}},"session_id":"s"}
        {"type":"assistant","message":{"id":"m1","model":"claude-x","usage":{"input_tokens":3,"output_tokens":12}},"session_id":"s"}

        """
        let r = StreamFixtures.parse(text: text, format: .claudeStreamJSON)
        #expect(r.total("output_tokens") == 241)
        #expect(r.total("input_tokens") == 3)
        #expect(r.usageEvents == 1)
        // No TTL split: all writes are 5-minute writes.
        let noSplit = StreamFixtures.parse(
            text: #"{"type":"assistant","message":{"id":"m2","usage":{"cache_creation_input_tokens":40}}}"#,
            format: .claudeStreamJSON)
        #expect(noSplit.total("cache_creation_5m_tokens") == 40)
        #expect(!noSplit.hasRows("cache_creation_1h_tokens"))
    }

    @Test func modelFallsBackToInitLineThenAttribution() {
        let frame = #"{"type":"assistant","message":{"id":"m1","usage":{"input_tokens":3}}}"#
        let withInit = StreamFixtures.parse(
            text: #"{"type":"system","subtype":"init","model":"claude-opus-4-7","session_id":"s"}"# + "\n" + frame,
            format: .claudeStreamJSON)
        #expect(withInit.modelIds == ["claude-opus-4-7"])
        let bare = StreamFixtures.parse(text: frame, format: .claudeStreamJSON,
                                        attribution: StreamFixtures.attribution(defaultModel: "claude-haiku-4-5"))
        #expect(bare.modelIds == ["claude-haiku-4-5"])
        let none = StreamFixtures.parse(text: frame, format: .claudeStreamJSON)
        #expect(none.modelIds == [nil])
        #expect(none.records.allSatisfy { $0.service == "anthropic" })
    }
}
