import TallyIngest

extension FuzzHarness {
    static let streamAttribution = StreamAttribution(projectId: "fuzz", defaultModel: "claude-sonnet-4-6", defaultTimestampMs: 1_750_000_000_000)

    /// Every parser sees every input: a stream of one format is hostile input to another.
    func runStreams(_ bytes: [UInt8]) {
        for format in StreamFormat.allCases {
            _ = StreamParser.parse(bytes, format: format, attribution: Self.streamAttribution).records.count
        }
        _ = StreamParser.detect(bytes)
    }
}
