import Testing
@testable import TallyIngest
import Tally

@Suite struct StreamFormatDetectorTests {
    @Test(arguments: StreamFormat.allCases)
    func detectsEachFixtureFromItsFirstLines(format: StreamFormat) throws {
        let bytes = try StreamFixtures.bytes(for: format)
        #expect(StreamParser.detect(bytes) == format)
        // A sniff buffer cut mid-line (as `tally import` reads a few KB) still works.
        #expect(StreamParser.detect(Array(bytes.prefix(700))) == format)
    }

    @Test func rejectsUsageRecordsCSVAndNoise() {
        let jsonl = #"{"project_id":"acme","ts":1772495541000,"service":"openai","unit":"input_tokens","quantity":12}"#
        #expect(StreamParser.detect(Array(jsonl.utf8)) == nil)
        let csv = "project_id,ts,service,unit,quantity\nacme,2026-03-02T00:00:00Z,openai,input_tokens,12\n"
        #expect(StreamParser.detect(Array(csv.utf8)) == nil)
        #expect(StreamParser.detect([]) == nil)
        #expect(StreamParser.detect(Array("\n\n  \n".utf8)) == nil)
        #expect(StreamParser.detect(Array(#"{"type":"error","message":"Reconnecting"}"#.utf8)) == nil)
    }

    @Test func skipsUndecisiveLines() {
        let text = """
        not json
        {"type":"error","message":"Reconnecting... 1/5"}
        {"type":"turn.started"}
        """
        #expect(StreamParser.detect(Array(text.utf8)) == .codexExec)
        let summaryFirst = #"{"type":"summary","summary":"Invoice fix","leafUuid":"x"}"#
        #expect(StreamParser.detect(Array(summaryFirst.utf8)) == .claudeSession)
    }
}
