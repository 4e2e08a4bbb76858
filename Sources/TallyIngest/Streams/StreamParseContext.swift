import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// The state shared by all stream parsers while one stream is parsed: line splitting,
/// checked field access that records problems, and record emission.
///
/// A class so that per-format parsers can pass it around without `inout` plumbing; it
/// never escapes one `parse` call.
final class StreamParseContext {
    let format: StreamFormat
    let attribution: StreamAttribution
    private(set) var records: [UsageRecord] = []
    private(set) var problems: [StreamProblem] = []
    private(set) var reportedCostNanos: Int128?
    private(set) var linesRead = 0
    /// The first line in another format than the lines before it (or than `format`).
    private(set) var formatChange: StreamFormatChange?
    var usageEvents = 0
    var duplicatesDropped = 0
    var sessionId: String?
    /// The line being processed, for problems raised by field accessors.
    private(set) var line = 0
    private var unknownServiceReported = false

    init(format: StreamFormat, attribution: StreamAttribution) {
        self.format = format
        self.attribution = attribution
    }

    var result: StreamParseResult {
        StreamParseResult(
            format: format, records: records, reportedCostNanos: reportedCostNanos,
            problems: problems.sorted { $0.line < $1.line }, linesRead: linesRead,
            usageEvents: usageEvents, duplicatesDropped: duplicatesDropped, sessionId: sessionId,
            formatChange: formatChange)
    }

    // MARK: Lines

    /// Calls `body` with each line that is a JSON object, in order, with its 1-based line
    /// number. Blank lines are skipped silently; malformed lines become problems. The last
    /// line, when it has no newline and does not parse, is a truncation warning.
    func forEachObject(in bytes: [UInt8], _ body: (Int, JSONValue) -> Void) {
        var start = 0
        // A UTF-8 byte order mark is not part of the first line's JSON.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var lineNumber = 0
        while start < bytes.count {
            lineNumber += 1
            let newline = bytes[start...].firstIndex(of: 0x0A)
            let lineEnd = newline ?? bytes.count
            var contentEnd = lineEnd
            if contentEnd > start, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let range = start..<contentEnd
            start = lineEnd + 1
            line = lineNumber
            if bytes[range].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do {
                let value = try JSONReader.parse(bytes, range: range)
                guard value.isObject else {
                    problems.append(StreamProblem(line: lineNumber, kind: .notAnObject(found: value.kindName)))
                    continue
                }
                noteFormat(StreamFormatDetector.lineFormat(value), line: lineNumber)
                body(lineNumber, value)
            } catch {
                noteFormat(StreamFormatDetector.lineFormat(unparsed: bytes[range]), line: lineNumber)
                let kind: StreamProblem.Kind = newline == nil
                    ? .truncatedLastLine(reason: error.description)
                    : .malformedLine(reason: error.description)
                problems.append(StreamProblem(line: lineNumber, kind: kind))
            }
        }
        linesRead = lineNumber
        // A file wholly in another format than the one asked for (`--format`) changes
        // format at its first decisive line.
        if formatChange == nil, let first = firstFormat, first.name != format.rawValue {
            formatChange = StreamFormatChange(line: first.line, expected: format.rawValue, found: first.name)
        }
    }

    /// The first decisive line's format and line number.
    private var firstFormat: (name: String, line: Int)?

    /// Notes the format a line is in (`nil`: not decisive). Another runtime's lines would
    /// be ignored by this format's parser and their usage lost without a word, so the
    /// first line whose format differs from the first decisive line's is remembered.
    private func noteFormat(_ name: String?, line: Int) {
        guard let name, formatChange == nil else { return }
        guard let first = firstFormat else {
            firstFormat = (name, line)
            return
        }
        if name != first.name { formatChange = StreamFormatChange(line: line, expected: first.name, found: name) }
    }

    // MARK: Fields

    func report(_ kind: StreamProblem.Kind) {
        problems.append(StreamProblem(line: line, kind: kind))
    }

    /// A non-negative integer count at `value`; `nil` if absent or null. Other values are
    /// reported as invalid and read as absent.
    func count(_ value: JSONValue?, path: String) -> Int64? {
        guard let value else { return nil }
        switch value {
        case .null:
            return nil
        case .number(let text):
            if let n = DecimalText.count(text) { return n }
            report(.invalidField(path: path, reason: "is \(text), not a non-negative whole number"))
            return nil
        default:
            report(.invalidField(path: path, reason: "is \(value.kindName), not a number"))
            return nil
        }
    }

    /// A string at `value`; `nil` if absent or null, reported if of another type.
    func string(_ value: JSONValue?, path: String) -> String? {
        guard let value else { return nil }
        switch value {
        case .null: return nil
        case .string(let s): return s
        default:
            report(.invalidField(path: path, reason: "is \(value.kindName), not a string"))
            return nil
        }
    }

    /// A timestamp at `value`: an RFC 3339 string or a number of milliseconds since the epoch.
    func timestamp(_ value: JSONValue?, path: String) -> Int64? {
        guard let value else { return nil }
        switch value {
        case .null:
            return nil
        case .string(let s):
            if let ms = RFC3339Timestamp.milliseconds(s) { return ms }
            report(.invalidField(path: path, reason: "is \"\(s.prefix(40))\", not an RFC 3339 timestamp"))
            return nil
        case .number(let text):
            if let (ms, _) = DecimalText.scaled(text, scale: 0) { return ms }
            report(.invalidField(path: path, reason: "is \(text), out of range for milliseconds"))
            return nil
        default:
            report(.invalidField(path: path, reason: "is \(value.kindName), not a timestamp"))
            return nil
        }
    }

    /// A USD amount at `value` in nano-USD (exact from the decimal text).
    func usdNanos(_ value: JSONValue?, path: String) -> Int64? {
        guard let value else { return nil }
        switch value {
        case .null:
            return nil
        case .number(let text):
            if let (nanos, _) = DecimalText.scaled(text, scale: 9) { return nanos }
            report(.invalidField(path: path, reason: "is \(text), out of range for nano-USD"))
            return nil
        case .string(let text):
            // Some producers quote decimals to keep them exact; accept that too.
            if let (nanos, _) = DecimalText.scaled(text, scale: 9) { return nanos }
            report(.invalidField(path: path, reason: "is \"\(text.prefix(40))\", not a decimal amount"))
            return nil
        default:
            report(.invalidField(path: path, reason: "is \(value.kindName), not a number"))
            return nil
        }
    }

    /// `whole − part`, clamped to 0 (and reported) when the part exceeds the whole.
    func subtract(_ part: Int64?, from whole: Int64?, detail: String) -> Int64? {
        guard let whole else { return nil }
        guard let part else { return whole }
        if part > whole {
            report(.inconsistentCounts(detail: "\(detail): \(part) > \(whole)"))
            return 0
        }
        return whole - part
    }

    // MARK: Output

    /// Adds a runtime-reported cost to the result's total: exact in Int128 (a stream
    /// would need 2^64 costs of Int64.max to pass it), never clamped or wrapped.
    func addReportedCost(_ nanos: Int64) {
        reportedCostNanos = (reportedCostNanos ?? 0) + Int128(nanos)
    }

    /// The model id for a usage event: the caller's override, else what the stream
    /// reported, else the caller's default.
    func model(reported: String?) -> String? {
        attribution.modelOverride ?? reported ?? attribution.defaultModel
    }

    /// The service for a usage event: the caller's override, else `derived`, else
    /// inferred from the model id (reported once as a warning when nothing fits).
    func service(derived: String?, model: String?) -> String {
        if let s = attribution.serviceOverride { return s }
        if let s = derived, let normalised = StreamService.normalise(s) { return normalised }
        if let s = StreamService.infer(fromModel: model) { return s }
        if !unknownServiceReported {
            unknownServiceReported = true
            report(.unknownService(model: model))
        }
        return "unknown"
    }

    /// Writes one record per reported class with quantity > 0 for one usage event.
    /// `timestamp` nil falls back to the attribution's default; without either the event
    /// is dropped and reported. `requestId` is the runtime's identity of the call: the
    /// same call read again (a stream imported while it grew, then whole) has the same
    /// one, which is how the store recognises its rows.
    func emit(_ counts: TokenCounts, timestamp: Int64?, service: String, modelId: String?, requestId: String?, line eventLine: Int) {
        guard let ts = timestamp ?? attribution.defaultTimestampMs else {
            problems.append(StreamProblem(line: eventLine, kind: .missingTimestamp))
            return
        }
        let a = attribution
        for (unit, quantity) in counts.byUnit {
            guard let quantity, quantity > 0 else { continue }
            records.append(UsageRecord(
                projectId: a.projectId, ts: ts, service: service, unit: unit, quantity: Double(quantity),
                costNanos: nil, runId: a.runId, sandboxId: a.sandboxId, chainId: a.chainId,
                issueSessionId: a.issueSessionId, toolId: a.toolId ?? format.defaultToolId,
                modelId: modelId, stepType: a.stepType, stepIndex: a.stepIndex, userId: a.userId,
                personaId: a.personaId, durationMs: a.durationMs, captureSource: format.rawValue,
                parserVersion: format.parserVersion, requestId: requestId))
        }
    }
}
