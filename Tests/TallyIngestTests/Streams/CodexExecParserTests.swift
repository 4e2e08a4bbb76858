import Testing
@testable import TallyIngest
import Tally

@Suite struct CodexExecParserTests {
    @Test func fixtureTotalsMatchExpected() throws {
        let r = try StreamFixtures.parse(.codexExec, defaultModel: "gpt-5-codex")
        #expect(r.problems.isEmpty)
        #expect(r.linesRead == 22)
        #expect(r.total("input_tokens") == 10525)
        #expect(r.total("cache_read_tokens") == 84608)
        // EXPECTED.md's output includes reasoning; Tally's output_tokens does not.
        #expect(r.total("output_tokens") + r.total("reasoning_tokens") == 3344)
        #expect(r.total("reasoning_tokens") == 2112)
        #expect(!r.hasRows("cache_creation_5m_tokens"))
        #expect(!r.hasRows("cache_creation_1h_tokens"))
        #expect(r.usageEvents == 3)
        #expect(r.reportedCostNanos == nil)
        #expect(r.sessionId == "0199b6f2-4c1e-7a30-9d85-3e2f1a0b7c64")
        #expect(r.modelIds == ["gpt-5-codex"])
        #expect(r.records.allSatisfy { $0.service == "openai" && $0.toolId == "codex" && $0.captureSource == "codex-exec" })
        #expect(r.records.allSatisfy { $0.ts == StreamFixtures.captureTime })
    }

    @Test func eachRunGetsItsOwnDelta() throws {
        let r = try StreamFixtures.parse(.codexExec)
        let inputs = r.records.filter { $0.unit == "input_tokens" }.map { Int64($0.quantity) }
        let expectedInputs: [Int64] = [5563, 2876, 2086]  // input_tokens − cached_input_tokens per run
        #expect(inputs == expectedInputs)
        let reasoning = r.records.filter { $0.unit == "reasoning_tokens" }.map { Int64($0.quantity) }
        #expect(reasoning == [704, 512, 896])
        // Without a model in the stream or the attribution, the model is nil.
        #expect(r.modelIds == [nil])
    }

    @Test func counterResetCountsAsFreshTotalAndThreadsAreSeparate() {
        let text = """
        {"type":"thread.started","thread_id":"a"}
        {"type":"turn.completed","usage":{"input_tokens":1000,"cached_input_tokens":0,"output_tokens":10}}
        {"type":"turn.completed","usage":{"input_tokens":1500,"cached_input_tokens":0,"output_tokens":30}}
        {"type":"turn.completed","usage":{"input_tokens":200,"cached_input_tokens":0,"output_tokens":5}}
        {"type":"thread.started","thread_id":"b"}
        {"type":"turn.completed","usage":{"input_tokens":700,"output_tokens":7}}
        """
        let r = StreamFixtures.parse(text: text, format: .codexExec)
        #expect(r.total("input_tokens") == 1000 + 500 + 200 + 700)
        #expect(r.total("output_tokens") == 10 + 20 + 5 + 7)
        // Thread b reported no cached or reasoning fields: no rows are guessed for them.
        #expect(r.records.filter { $0.unit == "cache_read_tokens" }.count == 0)
        #expect(!r.hasRows("reasoning_tokens"))
    }

    @Test func missingTimestampWithoutDefaultIsReported() {
        let text = #"{"type":"turn.completed","usage":{"input_tokens":10,"output_tokens":1}}"#
        let r = StreamFixtures.parse(text: text, format: .codexExec, attribution: StreamAttribution(projectId: "p"))
        #expect(r.records.isEmpty)
        #expect(r.problems.map(\.kind) == [.missingTimestamp])
        #expect(r.problems.first?.line == 1)
    }

    @Test func inconsistentSubsetIsClampedAndReported() {
        let text = #"{"type":"turn.completed","usage":{"input_tokens":10,"cached_input_tokens":20,"output_tokens":1}}"#
        let r = StreamFixtures.parse(text: text, format: .codexExec)
        #expect(r.total("input_tokens") == 0)
        #expect(r.total("cache_read_tokens") == 20)
        #expect(r.problems.count == 1)
        #expect(r.hasErrors)
    }
}
