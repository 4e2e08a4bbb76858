#if canImport(Glibc)
import Glibc
#endif
import TallySystem
import TallyFormat
import TallyStore
import TallyPricing
import TallyParquet

/// Why an import failed. Nothing of the failed file was stored.
public enum ImportError: Error, Sendable, CustomStringConvertible {
    /// The file could not be opened or read.
    case cannotOpen(path: String, errno: Int32)
    /// The format could not be recognised from the file's first bytes.
    case unknownFormat(path: String)
    /// A record or line is bad; carries the reader's precise error.
    case badRecord(RecordImportError)
    /// A Parquet file cannot be read as usage records (its error names the file, and the
    /// row group, row or column at fault).
    case parquet(ParquetError)
    /// A runtime stream has a line that cannot be used.
    case badStreamLine(path: String, problem: StreamProblem)
    /// A record breaks the schema (found by the store's validation) or cannot be priced:
    /// the `record`-th record of the file, starting on `line` (nil when the input could
    /// not be read again to find it, e.g. standard input with `--key`), with the `column`
    /// and `value` at fault when one field is.
    case invalidRecord(path: String, record: Int, line: Int?, column: String?, value: String?, reason: String)
    /// A file read as one runtime's stream has, from `line` on, lines in another format
    /// (`found`: another runtime's stream, `jsonl` usage records or a `csv` header), whose
    /// usage the stream's parser would have dropped.
    case mixedFormats(path: String, line: Int, format: String, found: String)
    /// A stream format needs attribution the caller did not give.
    case missingAttribution(path: String, field: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, e):
            return "\(path): cannot read the file: \(String(cString: strerror(e)))"
        case let .unknownFormat(path):
            return "\(path): cannot tell the format from the first bytes; pass --format csv|jsonl|parquet|claude-stream-json|claude-session|codex-exec|opencode-run|pi-session"
        case let .badRecord(e):
            return "\(e); nothing from this file was imported (use --skip-bad-lines to import the good lines and list the bad ones)"
        case let .parquet(e):
            return "\(e); nothing from this file was imported"
        case let .badStreamLine(path, problem):
            return "\(path): \(problem); nothing from this file was imported (use --skip-bad-lines to keep the good lines)"
        case .invalidRecord:
            return "\(location): \(problem); nothing from this file was imported (use --skip-bad-lines to import the good lines and list the bad ones)"
        case let .mixedFormats(path, line, format, found):
            return "\(path):\(line): the file changes format here, from \(format) to \(found); one file must hold one format, and reading it as \(format) would drop the usage in the other lines, so nothing from this file was imported. Split the file where the format changes (for example `head -n \(line - 1)` and `tail -n +\(line)`) and import each part"
        case let .missingAttribution(path, field):
            return "\(path): a runtime stream carries no \(field); pass --\(field.replacingOccurrences(of: "_", with: "-")) to attribute its usage"
        }
    }

    /// For ``invalidRecord(path:record:line:column:value:reason:)``: `file:line` (or
    /// `file: record N`) and the field and value, as the readers' errors put them.
    var location: String {
        guard case let .invalidRecord(path, record, line, column, value, _) = self else { return "" }
        var s = line.map { "\(path):\($0)" } ?? "\(path): record \(record)"
        if let column { s += ": field '\(column)'" }
        if let value { s += ": value '\(value)'" }
        return s
    }

    /// For ``invalidRecord(path:record:line:column:value:reason:)``: the reason alone.
    var problem: String {
        guard case let .invalidRecord(_, _, _, _, _, reason) = self else { return "" }
        return reason
    }
}
