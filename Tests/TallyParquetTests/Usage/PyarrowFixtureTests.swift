import Foundation
import Testing
import TallySystem
import TallyFormat
import TallyStore
@testable import TallyParquet

/// Files pyarrow wrote (Fixtures/make_fixtures.py) read as the records the script
/// describes in pyarrow-default.jsonl.
@Suite struct PyarrowFixtureTests {
    static func expected() throws -> [UsageRecord] {
        let text = try String(contentsOfFile: Fixture.path("pyarrow-default.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            func s(_ k: String) -> String? { o[k] as? String }
            func i(_ k: String) -> Int64? { (o[k] as? NSNumber).map { $0.int64Value } }
            return UsageRecord(
                projectId: s("project_id")!, ts: i("ts")!, service: s("service")!, unit: s("unit")!,
                quantity: (o["quantity"] as! NSNumber).doubleValue, costNanos: i("cost_nanos"),
                runId: s("run_id"), sandboxId: s("sandbox_id"), chainId: s("chain_id"), issueSessionId: s("issue_session_id"),
                toolId: s("tool_id"), modelId: s("model_id"), stepType: s("step_type"), stepIndex: i("step_index").map { Int32($0) },
                userId: s("user_id"), personaId: s("persona_id"), durationMs: i("duration_ms"), captureSource: s("capture_source"),
                parserVersion: i("parser_version").map { Int32($0) })
        }
    }

    @Test(arguments: ["pyarrow-default.parquet", "pyarrow-v2-micros.parquet"])
    func readsPyarrowFiles(name: String) throws {
        let expected = try Self.expected()
        let reader = try UsageParquetReader(path: Fixture.path(name))
        var records = [UsageRecord]()
        while try reader.nextBatch(into: &records) > 0 {}
        #expect(records.count == expected.count)
        for (a, b) in zip(records, expected) where a != b {
            Issue.record("\(name): \(a) != \(b)")
            break
        }
    }

    @Test func pyarrowDefaultsAreWhatTheFixtureClaims() throws {
        let file = try ParquetFileReader(path: Fixture.path("pyarrow-default.parquet"))
        let cost = file.column(named: "cost_usd")!
        #expect(cost.physicalType == .fixedLenByteArray)
        #expect(file.metadata.rowGroups.count == 2)
        #expect(file.metadata.rowGroups[0].columns[0].metaData!.codec == .snappy)
    }

    @Test func readsFromMemoryLikeFromAFile() throws {
        let bytes = try Fixture.bytes("pyarrow-default.parquet")
        let reader = try UsageParquetReader(bytes: bytes, name: "<stdin>")
        var records = [UsageRecord]()
        while try reader.nextBatch(into: &records) > 0 {}
        #expect(records == (try Self.expected()))
    }
}
