import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// What `tally import` reads: usage records as CSV, JSONL or Parquet, or one of the
/// agent-runtime streams; `auto` sniffs the first bytes.
public enum ImportFormat: String, Sendable, CaseIterable {
    /// Told from the first bytes of the file.
    case auto
    /// CSV with a header of the usage record's column names.
    case csv
    /// JSON Lines, one usage record object per line.
    case jsonl
    /// Parquet with the usage record's columns (what `tally export --format parquet`
    /// writes, or pyarrow for the same table).
    case parquet
    /// Claude Code's `--output-format stream-json` output.
    case claudeStreamJSON = "claude-stream-json"
    /// A Claude Code session transcript (`~/.claude/projects/.../*.jsonl`).
    case claudeSession = "claude-session"
    /// Codex's `codex exec --json` output.
    case codexExec = "codex-exec"
    /// OpenCode's `opencode run --format json` output.
    case opencodeRun = "opencode-run"
    /// A Pi session file.
    case piSession = "pi-session"

    /// The stream format, for the four runtime formats.
    public var streamFormat: StreamFormat? { StreamFormat(rawValue: rawValue) }

    /// Detects the format of a file from its first bytes (64 KiB are plenty).
    public static func detect(_ prefix: [UInt8]) -> ImportFormat? {
        if prefix.starts(with: [0x50, 0x41, 0x52, 0x31]) { return .parquet }  // "PAR1"
        if let stream = StreamParser.detect(prefix) { return ImportFormat(rawValue: stream.rawValue) }
        switch RecordFileFormat.sniff(prefix) {
        case .csv: return .csv
        case .jsonl: return .jsonl
        case nil: return nil
        }
    }
}
