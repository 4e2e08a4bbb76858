import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// Recognises a runtime format from the keys and `type` values of its first lines.
///
/// Each format has a signature no other one shares: Claude's stream uses snake_case
/// `session_id`, its transcript camelCase `sessionId`/`parentUuid`; OpenCode envelopes
/// carry `sessionID`; Codex types are dotted (`thread.started`); Pi entries have a
/// `parentId` tree or a `type:"session"` header with `version` and `cwd`. The first line
/// that matches decides; lines that match nothing (or a cut-off last line) are skipped.
enum StreamFormatDetector {
    /// Only this many lines are looked at, so detection stays cheap on large files.
    static let maxLines = 50

    static func detect(_ bytes: [UInt8]) -> StreamFormat? {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var examined = 0
        while start < bytes.count, examined < maxLines {
            let lineEnd = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let range = start..<lineEnd
            start = lineEnd + 1
            guard let value = try? JSONReader.parse(bytes, range: range) else {
                if bytes[range].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                examined += 1
                continue
            }
            examined += 1
            if let format = classify(value) { return format }
        }
        return nil
    }

    /// The format a line of a stream file says it is in, by name: a stream format's raw
    /// value, `jsonl` for one of Tally's usage records, `csv` for a CSV usage header; `nil`
    /// when the line is not decisive. Used to refuse files that mix formats.
    static func lineFormat(_ line: JSONValue) -> String? {
        if let format = classify(line) { return format.rawValue }
        // A usage record has no `type` and names the schema's required columns.
        if line["type"] == nil, line["project_id"] != nil, line["unit"] != nil { return "jsonl" }
        return nil
    }

    /// `csv` when a line that is not JSON is the header of a CSV usage file.
    static func lineFormat(unparsed line: ArraySlice<UInt8>) -> String? {
        RecordFileFormat.sniff(Array(line)) == .csv ? "csv" : nil
    }

    /// The format one parsed line belongs to, or `nil` if it is not decisive.
    static func classify(_ line: JSONValue) -> StreamFormat? {
        guard let type = line["type"]?.string else { return nil }
        let has = { (key: String) in line[key] != nil }
        switch type {
        case "thread.started", "turn.started", "turn.completed", "turn.failed",
             "item.started", "item.updated", "item.completed":
            return .codexExec
        case "step_start", "step_finish", "tool_use", "text", "reasoning", "done", "error":
            if has("sessionID") { return .opencodeRun }
            return nil
        case "session":
            if has("version") && has("id") { return .piSession }
            return nil
        case "thinking_level_change", "model_change", "compaction", "branch_summary",
             "custom", "custom_message", "label", "session_info":
            if has("parentId") { return .piSession }
            return nil
        case "message":
            if has("parentId") && has("id") { return .piSession }
            return nil
        case "file-history-snapshot", "summary":
            return .claudeSession
        case "system", "assistant", "user", "result", "rate_limit_event", "stream_event":
            if has("sessionId") || has("parentUuid") { return .claudeSession }
            if has("session_id") { return .claudeStreamJSON }
            return nil
        default:
            return nil
        }
    }
}
