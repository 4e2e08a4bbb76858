import Testing
import TallyTestSupport
@testable import TallyIngest
import Tally

/// Issue #19's reader and stream messages at the library level: the user's own text is
/// echoed, headers are case-insensitive, hints offer only what exists.
@Suite struct RecordMessagesTests {
    static let header = "project_id,ts,service,unit,quantity\n"

    static let storable: RecordImportOptions = {
        var o = RecordImportOptions()
        o.onlyStorableTimes = true
        return o
    }()

    /// A ts or date before 1970 is refused by the reader for a store, quoting the text as
    /// written; the readers alone read it.
    @Test(arguments: ["1969-12-31T23:59:59Z", "-1000"])
    func aPre1970TimestampIsQuotedAsWritten(ts: String) throws {
        #expect(try RecordSamples.readCSV(Self.header + "acme,\(ts),anthropic,input_tokens,1\n").count == 1)
        for e in [RecordSamples.csvError(Self.header + "acme,\(ts),anthropic,input_tokens,1\n", options: Self.storable),
                  RecordSamples.jsonlError(#"{"project_id":"acme","ts":"# + (ts.first == "-" ? ts : "\"\(ts)\"") + #","service":"anthropic","unit":"input_tokens","quantity":1}"# + "\n", options: Self.storable)] {
            #expect(e?.column == "ts")
            #expect(e?.value == ts, "\(String(describing: e))")
            #expect(e?.message.contains("1970-01-01T00:00:00Z") == true)
        }
        let date = RecordSamples.csvError("project_id,date,service,unit,quantity\nacme,1969-12-31,anthropic,input_tokens,1\n", options: Self.storable)
        #expect(date?.value == "1969-12-31" && date?.message.contains("before 1970-01-01") == true, "\(String(describing: date))")
    }

    @Test func headersAreCaseInsensitiveForSniffingAndReading() throws {
        let text = "PROJECT_ID,Ts,SERVICE,unit,QUANTITY\nacme,1767225600000,anthropic,input_tokens,2\n"
        #expect(RecordFileFormat.sniff(Array(text.utf8)) == .csv)
        #expect(ImportFormat.detect(Array(text.utf8)) == .csv)
        let records = try RecordSamples.readCSV(text)
        #expect(records.count == 1 && records[0].projectId == "acme" && records[0].quantity == 2)
        let twice = RecordSamples.csvError("project_id,PROJECT_ID,ts,service,unit,quantity\n")
        #expect(twice?.kind == .duplicateColumn)
    }

    @Test func theUnknownColumnHintOffersOnlyWhatExists() {
        let e = RecordSamples.csvError("project_id,ts,service,unit,quantity,projectid\n")
        #expect(e?.kind == .unknownColumn)
        #expect(e?.message.contains("remove it from the file") == true)
        #expect(e?.message.contains("ignore unknown columns") == false)
    }

    /// Stream problems name `tally import`'s flags, not Swift parameters.
    @Test func streamProblemsNameFlags() {
        let missing = StreamProblem(line: 3, kind: .missingTimestamp).description
        #expect(missing.contains("--timestamp") && !missing.contains("defaultTimestampMs"))
        let service = StreamProblem(line: 3, kind: .unknownService(model: "mystery-1")).description
        #expect(service.contains("--service") && !service.contains("serviceOverride"))
    }
}
