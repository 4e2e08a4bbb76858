import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// The agent-runtime output formats that ``StreamParser`` understands.
///
/// The raw value is also the `capture_source` written on every record the parser emits.
public enum StreamFormat: String, CaseIterable, Sendable {
    /// `claude -p --output-format stream-json --verbose`: one line per content block of
    /// each API message, plus `system`, `user` and a final `result` line.
    case claudeStreamJSON = "claude-stream-json"
    /// Claude Code's on-disk transcript (`~/.claude/projects/<project>/<session>.jsonl`).
    case claudeSession = "claude-session"
    /// `codex exec --json`: thread and turn events whose usage is the thread's running total.
    case codexExec = "codex-exec"
    /// `opencode run --format json`: usage only in `step_finish` events.
    case opencodeRun = "opencode-run"
    /// Pi coding agent's native session file (`~/.pi/agent/sessions/…/<ts>_<uuid>.jsonl`).
    case piSession = "pi-session"

    /// The `tool_id` written on records when the caller's attribution names none.
    public var defaultToolId: String {
        switch self {
        case .claudeStreamJSON, .claudeSession: return "claude"
        case .codexExec: return "codex"
        case .opencodeRun: return "opencode"
        case .piSession: return "pi"
        }
    }

    /// The `parser_version` written on records; bump it when the mapping to records changes.
    public var parserVersion: Int32 {
        switch self {
        case .claudeStreamJSON: return ClaudeStreamJSONParser.version
        case .claudeSession: return ClaudeSessionParser.version
        case .codexExec: return CodexExecParser.version
        case .opencodeRun: return OpenCodeRunParser.version
        case .piSession: return PiSessionParser.version
        }
    }
}
