import Testing
import TallyTestSupport
@testable import TallyIngest
import Tally

/// The CSV reader cuts records 64 bytes at a time with the quoted regions found from the
/// quote bits (`scanPlain`), and leaves every record it cannot cut that way (escaped
/// quotes, line breaks or CRs inside quotes, stray quotes, malformed quoting) to the
/// byte-at-a-time scanner. Random files mixing every kind of field, at every length
/// around the 64-byte blocks, must read as the values they were written from, and the
/// same with a buffer too small for the block path (5-byte reads) as with a large one.
@Suite struct CSVQuotedScanTests {
    /// A text field as a CSV writer could write it, and the value it stands for (nil:
    /// empty, read as NULL); `malformed` fields make the record an error.
    static func field(_ g: inout SeededGenerator, required: Bool) -> (text: String, value: String?, malformed: Bool) {
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789-_ é")
        var word = String((0..<Int.random(in: 0...70, using: &g)).map { _ in letters.randomElement(using: &g)! })
        if required && word.isEmpty { word = "p" }
        switch Int.random(in: 0..<20, using: &g) {
        case 0..<6: return (word, word.isEmpty ? nil : word, false)
        case 6..<12: return ("\"\(word)\"", word.isEmpty ? nil : word, false)
        case 12:
            let value = word + "," + word
            return ("\"\(value)\"", value, false)
        case 13:
            let value = word + "\"" + word
            return ("\"\(word)\"\"\(word)\"", value, false)
        case 14:
            let value = word + "\n" + word
            return ("\"\(value)\"", value, false)
        case 15:
            let value = word + "\r\n" + word
            return ("\"\(value)\"", value, false)
        case 16:
            // A quote inside an unquoted field is part of its text.
            let value = "x" + word + "\"" + word
            return (value, value, false)
        case 17: return ("\"\"", nil, false)
        case 18: return ("\"\(word)\"x", nil, true)
        default: return ("\"\(word)", nil, true)  // unterminated: swallows the rest
        }
    }

    @Test func randomQuotedFilesReadAsWritten() throws {
        var g = SeededGenerator(seed: 64)
        for round in 0..<400 {
            var text = "project_id,ts,service,unit,quantity,run_id,user_id\n"
            var expected = [UsageRecord]()
            var malformed = false
            for row in 0..<Int.random(in: 1...30, using: &g) {
                let project = Self.field(&g, required: true), run = Self.field(&g, required: false)
                let user = Self.field(&g, required: false)
                let lineEnd = Int.random(in: 0..<8, using: &g) == 0 ? "\r\n" : "\n"
                text += "\(project.text),\(row),\"s\",u,1,\(run.text),\(user.text)\(lineEnd)"
                malformed = malformed || project.malformed || project.value == nil || run.malformed || user.malformed
                expected.append(UsageRecord(
                    projectId: project.value ?? "", ts: Int64(row), service: "s", unit: "u", quantity: 1,
                    runId: run.value, userId: user.value))
            }
            let large = Result { () throws(RecordImportError) in try RecordSamples.readCSV(text, options: .init(blockSize: 1 << 20)) }
            let small = Result { () throws(RecordImportError) in try RecordSamples.readCSV(text, options: .init(blockSize: 5)) }
            #expect(large == small, "round \(round): \(text)")
            if !malformed { #expect(try large.get() == expected, "round \(round): \(text)") }
        }
    }
}
