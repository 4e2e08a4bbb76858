import Testing
@testable import TallyIngest
import Tally

@Suite struct RecordFileFormatTests {
    @Test func sniff() {
        #expect(RecordFileFormat.sniff(Array("project_id,ts".utf8)) == .csv)
        #expect(RecordFileFormat.sniff(Array("\u{FEFF}\"ts\",project_id".utf8)) == .csv)
        #expect(RecordFileFormat.sniff(Array("quantity\n".utf8)) == .csv)
        #expect(RecordFileFormat.sniff(Array("  \n{\"project_id\"".utf8)) == .jsonl)
        #expect(RecordFileFormat.sniff(Array("hello,world".utf8)) == nil)
        #expect(RecordFileFormat.sniff([]) == nil)
    }
}
