import Testing
@testable import TallyIngest
import Tally

@Suite struct PiSessionParserTests {
    @Test func fixtureTotalsMatchExpected() throws {
        let r = try StreamFixtures.parse(.piSession)
        #expect(r.problems.isEmpty)
        #expect(r.linesRead == 18)
        #expect(r.total("input_tokens") == 4355)
        #expect(r.total("cache_creation_5m_tokens") == 5272)
        #expect(r.total("cache_creation_1h_tokens") == 6144)
        #expect(r.total("cache_read_tokens") == 12816)
        #expect(r.total("output_tokens") + r.total("reasoning_tokens") == 1878)
        #expect(r.total("reasoning_tokens") == 832)
        #expect(r.reportedCostNanos == 86_621_100)
        #expect(r.usageEvents == 5)
        #expect(r.duplicatesDropped == 4)
        #expect(r.sessionId == "9f2c1a7e-3b5d-4e8f-a1c2-6d7e8f9a0b1c")
        #expect(r.records.allSatisfy { $0.toolId == "pi" && $0.captureSource == "pi-session" })
        #expect(Set(r.records.map { CivilDate.isoString(forDayNumber: $0.day) }) == ["2026-03-04"])
    }

    @Test func fixtureTotalsPerModelAndService() throws {
        let r = try StreamFixtures.parse(.piSession)
        let claude = "claude-sonnet-4-5", gpt = "gpt-5.1"
        #expect(r.modelIds == [claude, gpt])
        #expect(r.records.allSatisfy { ($0.modelId == claude) == ($0.service == "anthropic") })
        #expect(r.records.allSatisfy { ($0.modelId == gpt) == ($0.service == "openai") })
        #expect(r.total("input_tokens", model: claude) == 5)
        #expect(r.total("cache_creation_5m_tokens", model: claude) == 5272)
        #expect(r.total("cache_creation_1h_tokens", model: claude) == 6144)
        #expect(r.total("cache_read_tokens", model: claude) == 9872)
        #expect(r.total("output_tokens", model: claude) == 485)
        #expect(r.total("reasoning_tokens", model: claude) == 0)
        #expect(r.total("input_tokens", model: gpt) == 4350)
        #expect(r.total("cache_read_tokens", model: gpt) == 2944)
        #expect(r.total("output_tokens", model: gpt) + r.total("reasoning_tokens", model: gpt) == 1393)
        #expect(r.total("reasoning_tokens", model: gpt) == 832)
    }

    @Test func messageTimestampIsUsed() throws {
        let r = try StreamFixtures.parse(.piSession)
        let first = try #require(r.records.first)
        #expect(first.ts == 1_772_615_651_604)
        let lo = try #require(RFC3339Timestamp.milliseconds("2026-03-04T09:14:02Z"))
        let hi = try #require(RFC3339Timestamp.milliseconds("2026-03-04T09:14:52.100Z"))
        #expect(r.records.allSatisfy { (lo...hi).contains($0.ts) })
    }

    @Test func providerAndModelFallBackToTheLastModelChange() {
        let text = """
        {"type":"model_change","id":"a1","parentId":null,"timestamp":"2026-03-04T09:00:00Z","provider":"amazon-bedrock","modelId":"claude-opus-4-5"}
        {"type":"message","id":"a2","parentId":"a1","timestamp":"2026-03-04T09:00:01Z","message":{"role":"assistant","usage":{"input":7,"output":3,"cacheWrite":10}}}
        {"type":"message","id":"a3","parentId":"a2","timestamp":"2026-03-04T09:00:02Z","message":{"role":"toolResult","usage":{"input":99}}}
        """
        let r = StreamFixtures.parse(text: text, format: .piSession)
        #expect(r.records.allSatisfy { $0.service == "amazon_bedrock" && $0.modelId == "claude-opus-4-5" })
        #expect(r.total("input_tokens") == 7)
        #expect(r.total("cache_creation_5m_tokens") == 10)
        #expect(r.records.allSatisfy { $0.ts == RFC3339Timestamp.milliseconds("2026-03-04T09:00:01Z") })
    }
}
