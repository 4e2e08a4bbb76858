import Foundation
@testable import TallyIngest
import Tally

/// Loads the stream fixtures (copied from the shared fixture set, see SOURCES.md there)
/// and sums parse results by class, model and day.
enum StreamFixtures {
    /// `Tests/TallyIngestTests/Fixtures/streams`, found from this file's path so tests need no
    /// bundle resources.
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/streams")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func bytes(for format: StreamFormat) throws -> [UInt8] {
        try bytes(format.rawValue + ".jsonl")
    }

    /// 2026-04-01T12:00:00Z, the capture time used where a stream has no timestamps.
    static let captureTime: Int64 = 1_775_044_800_000

    static func attribution(defaultModel: String? = nil) -> StreamAttribution {
        StreamAttribution(projectId: "acme", runId: "run-7", stepType: "designer", stepIndex: 2,
                          defaultModel: defaultModel, defaultTimestampMs: captureTime)
    }

    static func parse(_ format: StreamFormat, defaultModel: String? = nil) throws -> StreamParseResult {
        StreamParser.parse(try bytes(for: format), format: format, attribution: attribution(defaultModel: defaultModel))
    }

    static func parse(text: String, format: StreamFormat, attribution: StreamAttribution = attribution()) -> StreamParseResult {
        StreamParser.parse(Array(text.utf8), format: format, attribution: attribution)
    }
}

extension StreamParseResult {
    /// The summed quantity of `unit`, optionally only for one model and one UTC day (`YYYY-MM-DD`).
    func total(_ unit: String, model: String? = nil, day: String? = nil) -> Int64 {
        records.filter { r in
            r.unit == unit && (model == nil || r.modelId == model)
                && (day == nil || CivilDate.isoString(forDayNumber: r.day) == day)
        }.reduce(0) { $0 + Int64($1.quantity) }
    }

    /// Whether any record has `unit`.
    func hasRows(_ unit: String) -> Bool { records.contains { $0.unit == unit } }

    /// The distinct model ids of the records.
    var modelIds: Set<String?> { Set(records.map(\.modelId)) }
}
