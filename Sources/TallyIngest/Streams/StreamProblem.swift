import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet
/// Something in a stream that a parser could not use, with where it was and what to do.
///
/// Parsers never throw: they keep every usable line and list the rest as problems, so the
/// caller decides whether a problem aborts an import (`severity == .error`) or is only
/// shown (`.warning`).
public struct StreamProblem: Sendable, Hashable, CustomStringConvertible {
    /// How serious a problem is.
    public enum Severity: String, Sendable, Hashable {
        /// Expected damage that loses nothing the stream had finished writing
        /// (a last line cut off by a crash).
        case warning
        /// Data the parser had to skip; totals may be short.
        case error
    }

    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// The last line has no newline and is not valid JSON: the writer stopped mid-line.
        /// None of its numbers are used.
        case truncatedLastLine(reason: String)
        /// A complete line is not valid JSON; the whole line is skipped.
        case malformedLine(reason: String)
        /// A line is valid JSON but not an object; it is skipped.
        case notAnObject(found: String)
        /// A known field has an unusable value (wrong type, negative, fractional count);
        /// that field is skipped, the rest of the entry is used.
        case invalidField(path: String, reason: String)
        /// Usage without a timestamp in the entry and none in the attribution; it is skipped.
        case missingTimestamp
        /// Counts that contradict each other (a subset larger than its whole); the derived
        /// class is clamped to zero.
        case inconsistentCounts(detail: String)
        /// No service could be derived for a model; records use `unknown`.
        case unknownService(model: String?)
    }

    /// The 1-based physical line number in the stream.
    public var line: Int
    /// What went wrong.
    public var kind: Kind

    /// Creates a problem.
    public init(line: Int, kind: Kind) {
        self.line = line
        self.kind = kind
    }

    /// How serious the problem is.
    public var severity: Severity {
        switch kind {
        case .truncatedLastLine, .unknownService: return .warning
        default: return .error
        }
    }

    /// A message naming the line, the reason and what to do, in the terms of `tally import`
    /// (its flags map one to one onto ``StreamAttribution``: `--timestamp` is
    /// `defaultTimestampMs`, `--service` is `serviceOverride`, `--model` is `defaultModel`).
    public var description: String {
        switch kind {
        case .truncatedLastLine(let reason):
            return "line \(line): the last line is incomplete (\(reason)), probably cut off by a crash or a running writer; it was ignored. Re-import once the writer has finished if it is still running: messages already stored are recognised by their request id and stored once."
        case .malformedLine(let reason):
            return "line \(line): not valid JSON (\(reason)); the line was skipped. Check the file for corruption or for lines written by another tool."
        case .notAnObject(let found):
            return "line \(line): expected a JSON object but found \(found); the line was skipped."
        case .invalidField(let path, let reason):
            return "line \(line): field `\(path)` \(reason); the field was skipped. The runtime's format may have changed: check its version."
        case .missingTimestamp:
            return "line \(line): usage without a timestamp, and no default timestamp was given; it was skipped. Pass --timestamp (ms since the epoch, for example the capture time)."
        case .inconsistentCounts(let detail):
            return "line \(line): inconsistent token counts (\(detail)); the derived class was clamped to 0."
        case .unknownService(let model):
            return "line \(line): no service could be derived for model \(model.map { "`\($0)`" } ?? "(none)"); records use service `unknown`. Pass --service (for example --service openai); when the stream names no model, --model with a provider-prefixed id such as openai/gpt-5.1 also works."
        }
    }
}
