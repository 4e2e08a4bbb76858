import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// Entry point for turning agent-runtime output into usage records.
///
/// Each format has its own parser (`ClaudeStreamJSONParser`, `ClaudeSessionParser`,
/// `CodexExecParser`, `OpenCodeRunParser`, `PiSessionParser`); they share line splitting,
/// checked field access and record emission through `StreamParseContext`. Parsing never
/// throws and never traps: unusable lines and fields are listed in
/// ``StreamParseResult/problems`` and the caller decides what to do with them.
package enum StreamParser {
    /// Parses a whole captured stream.
    ///
    /// - Parameters:
    ///   - bytes: the file's contents (UTF-8 JSON lines; `\r\n` endings and a BOM are accepted).
    ///   - format: the runtime format, for example from ``detect(_:)``.
    ///   - attribution: the project, run and other columns the stream does not carry.
    /// - Returns: records with `costNanos == nil`, the runtime-reported cost, and problems.
    package static func parse(_ bytes: [UInt8], format: StreamFormat, attribution: StreamAttribution) -> StreamParseResult {
        switch format {
        case .claudeStreamJSON: return ClaudeStreamJSONParser.parse(bytes, attribution: attribution)
        case .claudeSession: return ClaudeSessionParser.parse(bytes, attribution: attribution)
        case .codexExec: return CodexExecParser.parse(bytes, attribution: attribution)
        case .opencodeRun: return OpenCodeRunParser.parse(bytes, attribution: attribution)
        case .piSession: return PiSessionParser.parse(bytes, attribution: attribution)
        }
    }

    /// Guesses the format from the first lines of a file (a few KB are enough).
    ///
    /// Returns `nil` when no line looks like a runtime stream, in particular for Tally's
    /// own usage-record JSONL and for CSV, so `tally import` can fall back to those.
    package static func detect(_ firstLines: [UInt8]) -> StreamFormat? {
        StreamFormatDetector.detect(firstLines)
    }
}
